//! `tul2studio policy check|upgrade`: Altinn 3 policies that still grant Altinn II roles.

use super::{
    ConvertOptions, DiagnosticsOptions, Format, Loaded, Ran, ReportOptions, exit_status,
    print_reports,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::policy::{self, Options};
use crate::report::render::PackageReport;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Report every rule subject that names an Altinn II role, an ER role without a
    /// package, or an unknown code, with candidate access packages and the deadline.
    Check(Common),
    /// Add access-package subjects beside Altinn II role codes: prints a unified diff, or
    /// with --write changes the files (everything else in them stays byte for byte).
    Upgrade(UpgradeArgs),
}

#[derive(clap::Args)]
struct Common {
    /// policy.xml files, app repositories, or a checkout of many app repositories.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    diagnostics: DiagnosticsOptions,
    /// Parallel workers (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    convert: ConvertOptions,
    #[command(flatten)]
    report: ReportOptions,
    /// The owner's choice for a retiring role, for every rule of every policy that grants
    /// it: `REGNA=regnskap-okonomi-rapport` (several packages comma-separated; repeat the
    /// option for more roles). A file of many choices is an --access-map with
    /// `"confirmed": true` rows.
    #[arg(long, value_name = "ROLE=PACKAGE[,PACKAGE]")]
    choose: Vec<String>,
}

/// The access map with the owner's `--choose` decisions on top (confirmed: a person chose).
fn with_choices(
    map: Option<&crate::access::AccessMap>,
    choices: &[String],
) -> Result<Option<crate::access::AccessMap>, super::Failure> {
    if choices.is_empty() {
        return Ok(map.cloned());
    }
    let mut map = map.cloned().unwrap_or_default();
    for choice in choices {
        let Some((role, packages)) = choice.split_once('=') else {
            return Err(super::Failure::usage(format!(
                "--choose `{choice}`: write ROLE=PACKAGE[,PACKAGE]"
            )));
        };
        let text = serde_json::json!({ "roles": { role.trim(): {
            "packages": packages.split(',').map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>(),
            "confirmed": true,
            "note": "chosen by the owner with --choose",
        }}})
        .to_string();
        let one = crate::access::AccessMap::parse(&text)
            .map_err(|e| super::Failure::usage(format!("--choose `{choice}`: {e}")))?;
        map.roles.extend(one.roles);
    }
    Ok(Some(map))
}

#[derive(clap::Args)]
struct UpgradeArgs {
    #[command(flatten)]
    common: Common,
    /// Write the upgraded files (atomically); without it the diff is only printed.
    #[arg(long)]
    write: bool,
    /// Also remove Altinn II role subjects once every package replacing them is in the rule.
    #[arg(long)]
    drop_altinn2_roles: bool,
}

/// What became of one file, for the summary table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Unreadable,
    Changed,
    NeedsChoice,
    UpToDate,
}

impl Args {
    pub fn format(&self) -> Format {
        match &self.command {
            Command::Check(common) => common.diagnostics.format(),
            Command::Upgrade(upgrade) => upgrade.common.diagnostics.format(),
        }
    }
}

pub fn run(args: Args) -> Ran {
    match args.command {
        Command::Check(common) => run_with(common, None),
        Command::Upgrade(upgrade) => {
            let mode = (upgrade.write, upgrade.drop_altinn2_roles);
            run_with(upgrade.common, Some(mode))
        }
    }
}

/// `upgrade` is `Some((write, drop_altinn2_roles))`.
fn run_with(args: Common, upgrade: Option<(bool, bool)>) -> Ran {
    let report_kind = args.report.kind()?;
    let Loaded {
        options: loaded,
        mut reports,
    } = args.convert.load(false)?;
    let (write, drop_altinn2_roles) = upgrade.unwrap_or((false, false));
    let access_map = with_choices(loaded.access_map.as_ref(), &args.choose)?;
    let options = Options {
        access_map: access_map.as_ref(),
        drop_altinn2_roles,
    };
    let (files, empty) = policy::find_policies(&args.paths);
    let pool = super::worker_pool(args.jobs)?;
    let done: Vec<(PackageReport, Option<String>, Status, bool)> = pool.install(|| {
        files
            .par_iter()
            .map(|path| one_file(path, options, upgrade.is_some(), write))
            .collect()
    });
    let mut statuses = Vec::new();
    let mut failed_io = false;
    let mut out = std::io::stdout().lock();
    for (report, diff, status, io_error) in done {
        if let (Some(diff), Format::Human) = (diff, args.diagnostics.format) {
            let _ = out.write_all(diff.as_bytes());
        }
        failed_io |= io_error;
        statuses.push(status);
        reports.push(report);
    }
    drop(out);
    for dir in &empty {
        let dir = dir.display().to_string();
        statuses.push(Status::Unreadable);
        reports.push(report_of(
            &dir,
            vec![
                Diagnostic::new(Code::PolicyNotFound, format!("no policy file in `{dir}`"))
                    .in_file(dir.clone()),
            ],
            None,
            None,
        ));
    }
    print_reports(reports.all(), args.diagnostics.format());
    summary(&statuses, upgrade.map(|(write, _)| write));
    if args.diagnostics.format() == Format::Human {
        decisions(reports.all());
    }
    args.report.write(report_kind, reports.packages())?;
    let unreadable = failed_io || statuses.contains(&Status::Unreadable);
    Ok(exit_status(
        reports.all(),
        unreadable,
        args.diagnostics.deny_warnings(),
    ))
}

/// Reads, plans, and (when asked) writes one policy; returns its report, its diff, its
/// status and whether writing failed.
fn one_file(
    path: &std::path::Path,
    options: Options,
    upgrade: bool,
    write: bool,
) -> (PackageReport, Option<String>, Status, bool) {
    let file = path.display().to_string();
    // A policy past the per-file limit is not read: real ones are a few hundred kilobytes.
    let limit = crate::read::package::Limits::default().max_file_bytes;
    let bytes = match std::fs::metadata(path)
        .and_then(|m| {
            if m.len() > limit {
                Err(std::io::Error::other(format!(
                    "it is {} MiB, more than the {} MiB a policy may have",
                    m.len() >> 20,
                    limit >> 20
                )))
            } else if !m.is_file() {
                Err(std::io::Error::other("it is not a regular file"))
            } else {
                Ok(())
            }
        })
        .and_then(|()| std::fs::read(path))
    {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::new(Code::PolicyUnreadable, format!("cannot read it: {e}"))
                .in_file(file.clone());
            return (
                report_of(&file, vec![d], None, None),
                None,
                Status::Unreadable,
                false,
            );
        }
    };
    let mut outcome = policy::examine(&file, &bytes, options);
    if !upgrade {
        // `check` plans the upgrade to say what it would add, but reports only findings.
        outcome
            .diagnostics
            .retain(|d| !matches!(d.code, Code::AccessPackageAdded | Code::Altinn2RoleDropped));
    }
    let needs_choice = outcome.diagnostics.iter().any(|d| {
        matches!(
            d.code,
            Code::LowConfidenceMapping | Code::NoPackageForRole | Code::UnknownRole
        )
    });
    let status = if outcome.unreadable {
        Status::Unreadable
    } else if outcome.upgraded.is_some() {
        Status::Changed
    } else if needs_choice {
        Status::NeedsChoice
    } else {
        Status::UpToDate
    };
    let mut diff = None;
    let mut output = None;
    let mut io_error = false;
    if let (true, Some(original), Some(upgraded)) = (upgrade, &outcome.original, &outcome.upgraded)
    {
        diff = Some(policy::diff(
            &file,
            original,
            String::from_utf8_lossy(upgraded).trim_start_matches('\u{feff}'),
        ));
        if write {
            match crate::write::replace_file(path, upgraded) {
                Ok(()) => output = Some(file.clone()),
                Err(e) => {
                    io_error = true;
                    outcome.diagnostics.push(
                        Diagnostic::new(Code::OutputNotWritten, format!("not written: {e}"))
                            .in_file(file.clone()),
                    );
                }
            }
        }
    }
    let report = report_of(&file, outcome.diagnostics, outcome.original, output);
    (report, diff, status, io_error)
}

fn report_of(
    file: &str,
    mut diagnostics: Vec<Diagnostic>,
    source: Option<String>,
    output: Option<String>,
) -> PackageReport {
    crate::diagnostics::sort(&mut diagnostics);
    PackageReport {
        output,
        sources: source
            .map(|s| (file.to_string(), Arc::<str>::from(s)))
            .into_iter()
            .collect(),
        ..PackageReport::of_file(file, diagnostics)
    }
}

/// One decision per retiring role across every policy examined: the packages the owner's
/// own rules already grant beside it and where, and how many rules grant it without one.
fn decisions(reports: &[PackageReport]) {
    use std::collections::BTreeMap;
    // role → package → "file#rule", and role → rules that grant no package beside it.
    let mut granted: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut bare: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for report in reports {
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::Altinn2RoleDeadline)
        {
            let Some(data) = &d.data else { continue };
            let (Some(role), Some(rule)) = (data["role"].as_str(), data["rule"].as_str()) else {
                continue;
            };
            let place = format!("{}#{rule}", report.input);
            let beside: Vec<&str> = data["grantedBeside"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(data["chosen"]["packages"].as_array().into_iter().flatten())
                .filter_map(|p| p.as_str())
                .collect();
            if beside.is_empty() {
                bare.entry(role.to_string()).or_default().push(place);
            } else {
                for package in beside {
                    let places = granted
                        .entry(role.to_string())
                        .or_default()
                        .entry(package.to_string())
                        .or_default();
                    if !places.contains(&place) {
                        places.push(place.clone());
                    }
                }
            }
        }
    }
    let roles: std::collections::BTreeSet<&String> = granted.keys().chain(bare.keys()).collect();
    if roles.is_empty() {
        return;
    }
    eprintln!("\nretiring roles: what your policies already grant beside them");
    for role in roles {
        let without = bare.get(role).map_or(0, Vec::len);
        match granted.get(role) {
            Some(packages) => {
                for (package, places) in packages {
                    eprintln!(
                        "  {role:<8} {package}: {} rule(s) ({})",
                        places.len(),
                        places.join(", ")
                    );
                }
                if without > 0 {
                    let first = packages.keys().next().map_or("", String::as_str);
                    eprintln!(
                        "  {role:<8} {without} rule(s) grant it without a package: `--choose {role}={first}` applies that choice to all of them"
                    );
                }
            }
            None => eprintln!(
                "  {role:<8} {without} rule(s), no package beside it yet: choose one with `--choose {role}=PACKAGE` (see `tul2studio access {role}`)"
            ),
        }
    }
}

/// The closing table on stderr, like `batch`'s.
fn summary(statuses: &[Status], write: Option<bool>) {
    let count = |s: Status| statuses.iter().filter(|x| **x == s).count();
    let changed = match write {
        None => "to upgrade",
        Some(false) => "would change",
        Some(true) => "upgraded",
    };
    eprintln!("\n{:<16} {:>6}", "policies", statuses.len());
    for (label, status) in [
        (changed, Status::Changed),
        ("need a choice", Status::NeedsChoice),
        ("up to date", Status::UpToDate),
        ("unreadable", Status::Unreadable),
    ] {
        eprintln!("{label:<16} {:>6}", count(status));
    }
}
