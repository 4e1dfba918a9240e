//! `tul2studio inspect`: prints the intermediate representation; diagnostics go to stderr.

use super::{Format, Ran, ReadOptions, exit_status, package_report, print_reports};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, clap::ValueEnum)]
enum InspectFormat {
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_name = "PACKAGE")]
    package: PathBuf,
    #[arg(long, value_enum, default_value = "json")]
    format: InspectFormat,
    #[command(flatten)]
    read: ReadOptions,
}

pub fn run(args: Args) -> Ran {
    let InspectFormat::Json = args.format;
    let outcome = crate::check_package(&args.package, &args.read.limits());
    let unreadable = outcome.unreadable;
    if let Some(service) = &outcome.service {
        // Serialised straight from the struct, so fields keep their declared order. A reader
        // that went away (`| head`) is not an error: the rest is not wanted.
        let mut out = std::io::stdout().lock();
        if serde_json::to_writer_pretty(&mut out, service).is_ok() {
            let _ = writeln!(out);
        }
    }
    let report = package_report(&args.package, outcome, None);
    let reports = [report];
    print_reports(&reports, Format::Human);
    Ok(exit_status(&reports, unreadable, false))
}
