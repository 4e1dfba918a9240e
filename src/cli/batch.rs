//! `tul2studio batch PATH... -o DIR`: every package converted in isolation and in parallel,
//! each into `DIR/<org>-<app>/`. One broken package never stops the others; results come out
//! in input order whatever the thread timing.

use super::{
    ConvertOptions, DiagnosticsOptions, Exit, Failure, Format, Loaded, Ran, ReadOptions,
    ReportOptions, exit_status, package_report, print_reports,
};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::emit::naming;
use crate::report::render::PackageReport;
use crate::walk::{Kind, Step};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(clap::Args)]
pub struct Args {
    /// Packages: .zip files, unpacked directories, directories to search, or glob patterns.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// The directory that receives one app directory per package.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Packages converted at once; default: all cores.
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Replace earlier tul2studio output even if files in it were edited or added since.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    diagnostics: DiagnosticsOptions,
    #[command(flatten)]
    read: ReadOptions,
    #[command(flatten)]
    convert: ConvertOptions,
    #[command(flatten)]
    report: ReportOptions,
}

/// The packages under `dir`: directories holding a manifest (not searched further) and zip
/// files, in name order. Symbolic links are not followed.
fn search(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.join("manifest.xml").is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let _ = crate::walk::walk(
        dir,
        &mut |entry| {
            Ok(match entry.kind {
                Kind::Dir if entry.path.join("manifest.xml").is_file() => {
                    out.push(entry.path.clone());
                    Step::Skip
                }
                Kind::Dir => Step::Enter,
                Kind::File if crate::read::package::is_zip_file(&entry.path) => {
                    out.push(entry.path.clone());
                    Step::Skip
                }
                _ => Step::Skip,
            })
        },
        &mut |_, _| {},
    );
}

/// Expands the command line into packages; unreadable paths are returned apart.
fn packages(paths: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for raw in paths {
        let candidates: Vec<PathBuf> = if raw.contains(['*', '?', '[']) {
            match glob::glob(raw) {
                Ok(matches) => matches.flatten().collect(),
                Err(_) => {
                    unreadable.push(raw.clone());
                    continue;
                }
            }
        } else {
            vec![PathBuf::from(raw)]
        };
        if candidates.is_empty() {
            unreadable.push(raw.clone());
        }
        for path in candidates {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => search(&path, &mut found),
                Ok(_) => found.push(path),
                Err(_) => unreadable.push(path.display().to_string()),
            }
        }
    }
    found.sort();
    found.dedup();
    (found, unreadable)
}

/// What became of one package, for the summary.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Converted,
    WithWarnings,
    Failed,
    NotAnApp,
}

fn outcome(report: &PackageReport) -> Outcome {
    let has = |s: Severity| report.diagnostics.iter().any(|d| d.severity == s);
    if has(Severity::Error)
        || report.output.is_none() && !report.diagnostics.iter().any(|d| d.code == Code::NotAnApp)
    {
        Outcome::Failed
    } else if report.diagnostics.iter().any(|d| d.code == Code::NotAnApp) {
        Outcome::NotAnApp
    } else if has(Severity::Warning) {
        Outcome::WithWarnings
    } else {
        Outcome::Converted
    }
}

impl Args {
    pub fn format(&self) -> Format {
        self.diagnostics.format()
    }
}

pub fn run(args: Args) -> Ran {
    let report_kind = args.report.kind()?;
    let Loaded {
        options,
        mut reports,
    } = args.convert.load(false)?;
    let output = args.output.display().to_string();
    if let Some(input) = args
        .paths
        .iter()
        .find(|p| crate::write::is_inside(&args.output, std::path::Path::new(p.as_str())))
    {
        let d = Diagnostic::new(
            Code::OutputNotWritten,
            format!("the output `{output}` is inside the input `{input}`; choose one outside it"),
        )
        .in_file(output.clone());
        return Err(Failure::finding(&output, d));
    }
    let (inputs, unreadable) = packages(&args.paths);
    // Paths that match nothing are reported with the packages, before them.
    for path in &unreadable {
        let d = Diagnostic::new(
            Code::InputUnreadable,
            format!("`{path}` cannot be read or matches nothing"),
        )
        .in_file(path.clone());
        reports.note(PackageReport::of_file(path, vec![d]));
    }
    if inputs.is_empty() {
        print_reports(reports.all(), args.format());
        return match unreadable.is_empty() {
            true => Err(Failure::usage("no packages found")),
            false => Ok(Exit::Usage),
        };
    }
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        let d = Diagnostic::new(
            Code::OutputNotWritten,
            format!("cannot create `{output}`: {e}"),
        )
        .in_file(output.clone());
        return Err(Failure::finding(&output, d));
    }
    let pool = super::worker_pool(args.jobs)?;
    // Names first (the manifest only), so that a collision always goes to the later package
    // in input order, whatever thread finishes first; then each package is converted, written
    // and dropped by its worker, so memory holds only the packages in flight.
    let limits = args.read.limits();
    let names: Vec<Option<String>> = pool.install(|| {
        inputs
            .par_iter()
            .map(|p| {
                crate::read::peek_identity(p, &limits)
                    .map(|id| format!("{}-{}", naming::org(&id), naming::app(&id)))
            })
            .collect()
    });
    let mut first_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(name) = name {
            first_of.entry(name).or_insert(i);
        }
    }
    let keep_sources =
        args.diagnostics.format == Format::Human || report_kind == Some(crate::report::Kind::Html);
    let bar = progress(inputs.len());
    let failures = AtomicUsize::new(0);
    let write_failed = AtomicBool::new(false);
    let converted: Vec<PackageReport> = pool.install(|| {
        inputs
            .par_iter()
            .enumerate()
            .map(|(i, path)| {
                let result = std::panic::catch_unwind(|| {
                    #[cfg(feature = "test-hooks")]
                    planted_panic(path);
                    crate::convert_package(path, &limits, &options)
                });
                let (mut outcome, app) = result.unwrap_or_else(|_| {
                    let mut o = crate::read::ReadOutcome { service: None, diagnostics: Vec::new(), sources: Default::default(), unreadable: false };
                    o.diagnostics.push(Diagnostic::new(Code::InternalError, "the converter failed on this package; please report it").in_file(path.display().to_string()));
                    (o, None)
                });
                let mut output = None;
                if let Some(app) = app {
                    let name = format!("{}-{}", app.org, app.app);
                    match first_of.get(name.as_str()) {
                        Some(&first) if first != i => outcome.diagnostics.push(
                            Diagnostic::new(
                                Code::OutputCollision,
                                format!("`{name}` is also the output of `{}`; this package was not written", inputs[first].display()),
                            )
                            .in_file(path.display().to_string()),
                        ),
                        _ => {
                            let dir = args.output.join(&name);
                            outcome.diagnostics.extend(super::reclaim(&dir));
                            match crate::write::write_output(path, &dir, &app.files, args.force) {
                                Ok(()) => output = Some(dir.display().to_string()),
                                Err(e) => {
                                    if matches!(e, crate::write::WriteError::Io(..)) {
                                        write_failed.store(true, Ordering::Relaxed);
                                    }
                                    outcome.diagnostics.push(Diagnostic::new(Code::OutputNotWritten, e.to_string()).in_file(dir.display().to_string()));
                                }
                            }
                        }
                    }
                }
                // Keep only the source text findings point into, and only when it is shown.
                let shown: BTreeSet<&str> = outcome.diagnostics.iter().filter_map(|d| d.file()).collect();
                let sources = std::mem::take(&mut outcome.sources);
                if keep_sources {
                    outcome.sources = sources.into_iter().filter(|(f, _)| shown.contains(f.as_str())).collect();
                }
                if outcome.diagnostics.iter().any(|d| d.severity == Severity::Error) {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
                bar.set_message(format!("{} failed", failures.load(Ordering::Relaxed)));
                bar.inc(1);
                package_report(path, outcome, output)
            })
            .collect()
    });
    bar.finish_and_clear();
    let write_failed = write_failed.load(Ordering::Relaxed);
    reports.extend(converted);
    print_reports(reports.all(), args.format());
    summary(reports.packages());
    args.report.write(report_kind, reports.packages())?;
    if write_failed || !unreadable.is_empty() {
        return Ok(Exit::Usage);
    }
    let failed = reports
        .packages()
        .iter()
        .any(|r| outcome(r) == Outcome::Failed);
    if failed {
        Ok(Exit::Findings)
    } else {
        Ok(exit_status(
            reports.all(),
            false,
            args.diagnostics.deny_warnings(),
        ))
    }
}

fn progress(total: usize) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} packages  {per_sec}  eta {eta}  {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// The closing table on stderr.
fn summary(reports: &[PackageReport]) {
    let count = |o: Outcome| reports.iter().filter(|r| outcome(r) == o).count();
    eprintln!("\n{:<16} {:>6}", "packages", reports.len());
    for (label, o) in [
        ("converted", Outcome::Converted),
        ("with warnings", Outcome::WithWarnings),
        ("failed", Outcome::Failed),
        ("not an app", Outcome::NotAnApp),
    ] {
        eprintln!("{label:<16} {:>6}", count(o));
    }
}

/// Lets the tests prove that a panic in one package spares the others: a package whose path
/// contains `TUL2STUDIO_TEST_PANIC` panics. Only in builds with the `test-hooks` feature.
#[cfg(feature = "test-hooks")]
fn planted_panic(path: &Path) {
    if std::env::var_os("TUL2STUDIO_TEST_PANIC")
        .is_some_and(|p| path.to_string_lossy().contains(&*p.to_string_lossy()))
    {
        panic!("test panic for {}", path.display());
    }
}
