//! `tul2studio convert PACKAGE [-o DIR]`: read, analyse, emit, write the app.

use super::{
    ConvertOptions, DiagnosticsOptions, Exit, Format, Loaded, Ran, ReadOptions, ReportOptions,
    exit_status, package_report, print_reports,
};
use crate::diagnostics::{Code, Diagnostic};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_name = "PACKAGE")]
    package: PathBuf,
    /// Output directory; default `./<org>-<app>`.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Replace earlier tul2studio output even if files in it were edited or added since
    /// (a directory tul2studio did not write is never replaced).
    #[arg(long)]
    force: bool,
    /// Write only App/config, App/ui, App/models and App/options: into an Altinn app
    /// repository created in Studio (its name and id are kept, nothing else is touched), or
    /// into a new directory.
    #[arg(long)]
    content_only: bool,
    #[command(flatten)]
    diagnostics: DiagnosticsOptions,
    #[command(flatten)]
    read: ReadOptions,
    #[command(flatten)]
    convert: ConvertOptions,
    #[command(flatten)]
    report: ReportOptions,
}

impl Args {
    pub fn format(&self) -> Format {
        self.diagnostics.format()
    }
}

pub fn run(args: Args) -> Ran {
    let report_kind = args.report.kind()?;
    let Loaded {
        mut options,
        mut reports,
    } = args.convert.load(args.content_only)?;
    // Into an app repository made in Studio: its own org/app win, and the overlay writes.
    let repository = args
        .output
        .as_ref()
        .filter(|dir| args.content_only && crate::write::overlay::is_app_repository(dir))
        .cloned();
    if let Some(repo) = &repository {
        options.identity = crate::write::overlay::repository_identity(repo);
    }
    let (mut outcome, app) = crate::convert_package(&args.package, &args.read.limits(), &options);
    if outcome.unreadable {
        reports.push(package_report(&args.package, outcome, None));
        print_reports(reports.all(), args.format());
        return Ok(Exit::Usage);
    }
    let mut output = None;
    let mut write_failed = false;
    let mut review = Vec::new();
    if let Some(app) = app {
        if let Some(service) = &outcome.service {
            review = super::review::review(service, &app, &outcome.diagnostics);
        }
        let dir = args
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{}-{}", app.org, app.app)));
        outcome.diagnostics.extend(super::reclaim(&dir));
        let written = if repository.is_some() {
            overlay(
                &args.package,
                &dir,
                &app.files,
                args.force,
                &mut outcome.diagnostics,
            )
        } else {
            crate::write::write_output(&args.package, &dir, &app.files, args.force)
        };
        match written {
            Ok(()) => output = Some(dir.display().to_string()),
            Err(e) => {
                write_failed = true;
                outcome.diagnostics.push(
                    Diagnostic::new(Code::OutputNotWritten, e.to_string())
                        .in_file(dir.display().to_string()),
                );
            }
        }
    }
    let mut report = package_report(&args.package, outcome, output);
    report.review = review;
    reports.push(report);
    print_reports(reports.all(), args.format());
    args.report.write(report_kind, reports.packages())?;
    if write_failed {
        return Ok(Exit::Usage);
    }
    Ok(exit_status(
        reports.all(),
        false,
        args.diagnostics.deny_warnings(),
    ))
}

/// The overlay into an app repository; what it kept is reported.
fn overlay(
    input: &std::path::Path,
    repo: &std::path::Path,
    files: &std::collections::BTreeMap<String, Vec<u8>>,
    force: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), crate::write::WriteError> {
    if crate::write::is_inside(repo, input) {
        return Err(crate::write::WriteError::InsideInput(repo.to_path_buf()));
    }
    let plan = crate::write::overlay::overlay(repo, files, force)?;
    for (path, why) in plan.kept {
        diagnostics.push(
            Diagnostic::new(Code::OverlayKept, format!("`{path}` was kept: {why}"))
                .in_file(repo.join(&path).display().to_string()),
        );
    }
    Ok(())
}
