//! The command line: argument parsing, output formats and exit codes. The only module that
//! prints or exits; stages below it return values and diagnostics.

mod access;
mod batch;
mod check;
mod convert;
mod explain;
mod inspect;
mod pack;
mod policy;
mod review;
mod status;

pub use status::{Exit, Failure, Ran};

use crate::diagnostics::Severity;
use crate::emit::naming;
use crate::read::ReadOutcome;
use crate::read::package::Limits;
use crate::report::render::{self, PackageReport, ServiceId};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "tul2studio",
    version,
    about = "Convert Altinn II TUL packages into Altinn Studio apps"
)]
#[command(
    after_help = "Exit codes: 0 done (warnings allowed), 1 error diagnostics (or warnings under -D warnings), 2 usage error or unreadable input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a package into an Altinn Studio app.
    Convert(convert::Args),
    /// Convert many packages in parallel, each into DIR/<org>-<app>.
    Batch(batch::Args),
    /// Analyse packages and report every finding, without writing an app.
    Check(check::Args),
    /// Print the intermediate representation of a package as JSON.
    Inspect(inspect::Args),
    /// Explain a diagnostic code: what it means and what to do in Altinn Studio.
    Explain(explain::Args),
    /// Show the candidate access packages of Altinn II and ER role codes.
    Access(access::Args),
    /// Check or upgrade existing Altinn 3 policies that still grant Altinn II roles.
    Policy(policy::Args),
    /// Build a TUL zip from an unpacked package directory (used for fixtures).
    #[command(hide = true)]
    Pack(pack::Args),
    /// Write a synthetic catalogue of packages (for benchmarks).
    #[command(hide = true)]
    Generate(pack::GenerateArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// How the diagnostics are shown and judged: every command that reports shares these.
#[derive(clap::Args, Clone)]
pub struct DiagnosticsOptions {
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// `-D warnings` makes warnings fail the run (exit code 1).
    #[arg(short = 'D', value_enum, value_name = "LEVEL")]
    deny: Vec<Deny>,
}

impl DiagnosticsOptions {
    fn format(&self) -> Format {
        self.format
    }

    fn deny_warnings(&self) -> bool {
        self.deny.contains(&Deny::Warnings)
    }
}

/// Options every reading command shares.
#[derive(clap::Args, Clone)]
pub struct ReadOptions {
    /// Stop inflating a package past this many MiB (zip and cabinet bombs).
    #[arg(long, value_name = "MIB", default_value_t = 512)]
    max_package_size: u64,
}

/// `--report FILE`: a review report, its kind from the extension.
#[derive(clap::Args, Clone)]
pub struct ReportOptions {
    /// Write a review report: `.md`, `.html` (one self-contained file) or `.json`.
    #[arg(long, value_name = "FILE")]
    report: Option<std::path::PathBuf>,
}

impl ReportOptions {
    /// Checks the extension before any work is done (a usage error otherwise).
    fn kind(&self) -> Result<Option<crate::report::Kind>, Failure> {
        let Some(path) = &self.report else {
            return Ok(None);
        };
        crate::report::Kind::of(path).map(Some).ok_or_else(|| {
            Failure::usage(format!(
                "`{}`: a report is .md, .html or .json",
                path.display()
            ))
        })
    }

    /// Writes the report; an unwritable path is a usage error (exit status 2).
    fn write(
        &self,
        kind: Option<crate::report::Kind>,
        reports: &[PackageReport],
    ) -> Result<(), Failure> {
        let (Some(path), Some(kind)) = (&self.report, kind) else {
            return Ok(());
        };
        std::fs::write(path, crate::report::render(kind, reports)).map_err(|e| {
            Failure::usage(format!("cannot write the report `{}`: {e}", path.display()))
        })
    }
}

/// Options of the commands that convert (in memory or to disk).
#[derive(clap::Args, Clone)]
pub struct ConvertOptions {
    /// Role → access package choices (JSON; see the README).
    #[arg(long, value_name = "FILE")]
    access_map: Option<std::path::PathBuf>,
    /// A newer access-package list, as the access-management metadata API exports it.
    #[arg(long, value_name = "FILE")]
    access_data: Option<std::path::PathBuf>,
}

/// What earlier, killed runs left beside `dir`, cleaned up and reported.
fn reclaim(dir: &std::path::Path) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Code, Diagnostic};
    crate::write::reclaim(dir)
        .into_iter()
        .map(|r| {
            let what = if r.restored {
                format!("put the previous output back from `{}`", r.path.display())
            } else {
                format!("removed `{}`", r.path.display())
            };
            Diagnostic::new(
                Code::LeftoverReclaimed,
                format!("{what}, left by an interrupted run (process {})", r.pid),
            )
            .in_file(dir.display().to_string())
        })
        .collect()
}

/// What the option files gave: the options, and findings about the files themselves (an
/// older access-data list) that the command reports before its packages.
pub struct Loaded {
    pub options: crate::emit::Options,
    pub reports: Reports,
}

/// A command's reports in print order: notes first (findings about its option files, batch
/// paths that match nothing), then one per package. The review report and the batch summary
/// are about the packages only.
pub struct Reports {
    list: Vec<PackageReport>,
    notes: usize,
}

impl Reports {
    /// A note; all come before the first package.
    fn note(&mut self, report: PackageReport) {
        debug_assert_eq!(self.notes, self.list.len(), "notes come first");
        self.list.push(report);
        self.notes += 1;
    }

    fn push(&mut self, report: PackageReport) {
        self.list.push(report);
    }

    fn all(&self) -> &[PackageReport] {
        &self.list
    }

    fn packages(&self) -> &[PackageReport] {
        &self.list[self.notes..]
    }
}

impl Extend<PackageReport> for Reports {
    fn extend<I: IntoIterator<Item = PackageReport>>(&mut self, reports: I) {
        self.list.extend(reports);
    }
}

impl ConvertOptions {
    /// Installs `--access-data` (before anything maps a role); notes its findings.
    fn load_access_data(&self, reports: &mut Reports) -> Result<(), Failure> {
        use crate::diagnostics::{Code, Diagnostic};
        let Some(path) = &self.access_data else {
            return Ok(());
        };
        let file = path.display().to_string();
        let k = crate::access::knowledge();
        let loaded = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| crate::access::data_file::parse(&text, &k.packages, &k.renames))
            .map_err(|e| {
                let d = Diagnostic::new(
                    Code::AccessDataInvalid,
                    format!("access data `{file}`: {e}"),
                )
                .in_file(file.clone());
                Failure::finding(&file, d)
            })?;
        if !loaded.retired_names.is_empty() {
            let d = Diagnostic::new(
                Code::AccessDataOlder,
                format!(
                    "access data `{file}` still names {} by their old names: it is older than the built-in list",
                    loaded.retired_names.join(", ")
                ),
            )
            .in_file(file.clone());
            reports.note(PackageReport::of_file(&file, vec![d]));
        }
        let source = format!("{file} ({} packages)", loaded.packages.len());
        crate::access::install(loaded.packages, source).map_err(Failure::usage)
    }

    /// Loads the access data and the access map; a bad file is a coded failure.
    fn load(&self, content_only: bool) -> Result<Loaded, Failure> {
        let mut reports = Reports {
            list: Vec::new(),
            notes: 0,
        };
        self.load_access_data(&mut reports)?;
        let access_map = match &self.access_map {
            None => None,
            Some(path) => {
                let file = path.display().to_string();
                let map = std::fs::read_to_string(path)
                    .map_err(|e| e.to_string())
                    .and_then(|text| crate::access::AccessMap::parse(&text))
                    .map_err(|e| {
                        let d = crate::diagnostics::Diagnostic::new(
                            crate::diagnostics::Code::AccessMapInvalid,
                            format!("access map `{file}`: {e}"),
                        )
                        .in_file(file.clone());
                        Failure::finding(&file, d)
                    })?;
                Some(map)
            }
        };
        let options = crate::emit::Options {
            content_only,
            access_map,
            identity: None,
        };
        Ok(Loaded { options, reports })
    }
}

impl ReadOptions {
    fn limits(&self) -> Limits {
        Limits {
            max_package_bytes: self.max_package_size.saturating_mul(1024 * 1024),
            ..Limits::default()
        }
    }
}

/// `-D warnings`: treat warnings as errors for the exit code.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

pub fn main() -> ExitCode {
    // Ctrl-C: put back every write in progress, then end as an interrupted process does.
    let _ = ctrlc::set_handler(|| {
        crate::write::abandon_all();
        std::process::exit(130);
    });
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap: 0 for --help/--version, 2 for usage errors.
            return ExitCode::from(e.exit_code().clamp(0, 2) as u8);
        }
    };
    let format = cli.command.format();
    let ran = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Check(args) => check::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Access(args) => access::run(args),
        Command::Policy(args) => policy::run(args),
        Command::Pack(args) => pack::run(args),
        Command::Generate(args) => pack::generate(args),
    };
    let exit = ran.unwrap_or_else(|failure| {
        failure.print(format);
        Exit::Usage
    });
    ExitCode::from(exit.code())
}

impl Command {
    /// The output format the command was asked for, for printing a failure.
    fn format(&self) -> Format {
        match self {
            Command::Convert(a) => a.format(),
            Command::Batch(a) => a.format(),
            Command::Check(a) => a.format(),
            Command::Policy(a) => a.format(),
            Command::Access(a) => a.format(),
            _ => Format::Human,
        }
    }
}

/// The worker pool of the parallel commands: `--jobs`, else one worker per core.
fn worker_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Failure> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Workers past a few per core only add threads that wait (10,000 of them never start).
    let most = cores * 4;
    let jobs = match jobs {
        Some(n) if n > most => {
            eprintln!("notice: --jobs {n} is more than {most} (4 per core); using {most}");
            most
        }
        Some(n) => n.max(1),
        None => cores,
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Failure::usage(format!("cannot start {jobs} workers: {e}")))
}

/// Colour only on a terminal, and never under NO_COLOR.
fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Turns a read outcome into the renderers' report shape.
fn package_report(input: &Path, outcome: ReadOutcome, output: Option<String>) -> PackageReport {
    let service = outcome.service.as_ref().map(|s| ServiceId {
        org: naming::org(&s.identity),
        app: naming::app(&s.identity),
        service_code: s.identity.service_code.clone(),
        service_edition_code: s.identity.edition_code.clone(),
    });
    let accounting = outcome
        .service
        .as_ref()
        .map(|s| crate::report::accounting::account(s, &outcome.diagnostics))
        .unwrap_or_default();
    let pages = outcome
        .service
        .iter()
        .flat_map(|s| s.form.iter().flat_map(|f| &f.pages))
        .filter_map(|p| Some((p.transform.clone()?, p.name.clone())))
        .collect();
    PackageReport {
        input: input.display().to_string(),
        service,
        output,
        diagnostics: outcome.diagnostics,
        sources: outcome.sources,
        accounting,
        pages,
        review: Vec::new(),
    }
}

/// Prints reports in the chosen format: human to stderr, machine formats to stdout.
fn print_reports(reports: &[PackageReport], format: Format) {
    match format {
        Format::Human => {
            let color = color();
            let mut err = std::io::stderr().lock();
            for report in reports {
                let _ = err.write_all(render::human(report, color).as_bytes());
                let _ = writeln!(err, "{}", render::summary_line(report));
            }
        }
        Format::Json => {
            let mut doc = render::json(reports);
            doc["accessData"] = serde_json::json!(crate::access::about_line());
            print_json(&doc)
        }
        Format::Sarif => print_json(&render::sarif(reports)),
    }
}

/// Text for stdout; a reader that went away (`| head`) ends the output quietly.
fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Text for stderr, quietly like [`print_stdout`].
fn print_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn print_json(value: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut out, value);
    let _ = writeln!(out);
}

/// The contract's exit status for a set of finished packages.
fn exit_status(reports: &[PackageReport], unreadable: bool, deny_warnings: bool) -> Exit {
    if unreadable {
        return Exit::Usage;
    }
    let failing = |s: Severity| s == Severity::Error || (deny_warnings && s == Severity::Warning);
    if reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| failing(d.severity))
    {
        Exit::Findings
    } else {
        Exit::Done
    }
}
