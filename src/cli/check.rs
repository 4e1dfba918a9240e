//! `tul2studio check`: the review mode. Reads and analyses, writes nothing.

use super::{
    ConvertOptions, DiagnosticsOptions, Format, Loaded, Ran, ReadOptions, ReportOptions,
    exit_status, package_report, print_reports,
};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// TUL packages: .zip files or unpacked directories.
    #[arg(required = true, value_name = "PACKAGE")]
    packages: Vec<PathBuf>,
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
    let limits = args.read.limits();
    let report_kind = args.report.kind()?;
    let Loaded {
        options,
        mut reports,
    } = args.convert.load(false)?;
    let mut unreadable = false;
    reports.extend(args.packages.iter().map(|path| {
        // The whole conversion runs in memory, so review shows every stage's findings.
        let (outcome, app) = crate::convert_package(path, &limits, &options);
        unreadable |= outcome.unreadable;
        let review = match (&outcome.service, &app) {
            (Some(service), Some(app)) => super::review::review(service, app, &outcome.diagnostics),
            _ => Vec::new(),
        };
        let mut report = package_report(path, outcome, None);
        report.review = review;
        report
    }));
    print_reports(reports.all(), args.format());
    args.report.write(report_kind, reports.packages())?;
    Ok(exit_status(
        reports.all(),
        unreadable,
        args.diagnostics.deny_warnings(),
    ))
}
