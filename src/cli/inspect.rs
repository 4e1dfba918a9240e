//! `tul2studio inspect`: prints the intermediate representation; diagnostics go to stderr.

use super::{ReadOptions, exit_code, package_report, print_json, print_reports, Format};
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

pub fn run(args: Args) -> u8 {
    let InspectFormat::Json = args.format;
    let outcome = crate::check_package(&args.package, &args.read.limits());
    let unreadable = outcome.unreadable;
    if let Some(service) = &outcome.service {
        match serde_json::to_value(service) {
            Ok(value) => print_json(&value),
            Err(e) => {
                eprintln!("error: the model could not be serialised: {e}");
                return 1;
            }
        }
    }
    let report = package_report(&args.package, outcome, None);
    let reports = [report];
    print_reports(&reports, Format::Human);
    exit_code(&reports, unreadable, false)
}
