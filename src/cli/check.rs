//! `tul2studio check`: the review mode. Reads and analyses, writes nothing.

use super::{
    ConvertOptions, DiagnosticsOptions, ReadOptions, ReportOptions, exit_code, package_report,
    print_reports,
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

pub fn run(args: Args) -> u8 {
    let limits = args.read.limits();
    let report_kind = match args.report.kind() {
        Ok(k) => k,
        Err(code) => return code,
    };
    let options = match args.convert.load(false) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut unreadable = false;
    let reports: Vec<_> = args
        .packages
        .iter()
        .map(|path| {
            // The whole conversion runs in memory, so review shows every stage's findings.
            let (outcome, _) = crate::convert_package(path, &limits, &options);
            unreadable |= outcome.unreadable;
            package_report(path, outcome, None)
        })
        .collect();
    print_reports(&reports, args.diagnostics.format);
    if let Err(code) = args.report.write(report_kind, &reports) {
        return code;
    }
    exit_code(&reports, unreadable, args.diagnostics.deny_warnings())
}
