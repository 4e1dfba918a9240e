//! `tul2studio check`: the review mode. Reads and analyses, writes nothing.

use super::{Deny, Format, ReadOptions, exit_code, package_report, print_reports};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// TUL packages: .zip files or unpacked directories.
    #[arg(required = true, value_name = "PACKAGE")]
    packages: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// `-D warnings` makes warnings fail the run (exit code 1).
    #[arg(short = 'D', value_enum, value_name = "LEVEL")]
    deny: Vec<Deny>,
    #[command(flatten)]
    read: ReadOptions,
}

pub fn run(args: Args) -> u8 {
    let limits = args.read.limits();
    let mut unreadable = false;
    let reports: Vec<_> = args
        .packages
        .iter()
        .map(|path| {
            let outcome = crate::check_package(path, &limits);
            unreadable |= outcome.unreadable;
            package_report(path, outcome, None)
        })
        .collect();
    print_reports(&reports, args.format);
    exit_code(&reports, unreadable, args.deny.contains(&Deny::Warnings))
}
