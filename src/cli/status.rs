//! How a command ends: an exit status from the contract, or a failure that `main` prints in
//! one place. Commands return [`Ran`]; none of them exits or prints an error itself.

use super::Format;
use crate::diagnostics::Diagnostic;
use crate::report::render::{self, PackageReport};

/// The contract's exit statuses (`tul2studio --help` lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: done; warnings allowed.
    Done,
    /// 1: error diagnostics, or warnings under `-D warnings`.
    Findings,
    /// 2: a usage error, unreadable input or output that could not be written.
    Usage,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Findings => 1,
            Exit::Usage => 2,
        }
    }
}

/// Why a command could not do its work; always exit status 2.
pub enum Failure {
    /// A coded finding about a file (an option's file, an input, the output), found before
    /// the command printed anything: under `--format json` or `sarif` it is also the report
    /// on stdout, so a pipeline reads one document whatever happened.
    Finding(Box<PackageReport>),
    /// A usage error no code describes.
    Usage(String),
}

impl Failure {
    pub fn finding(file: &str, diagnostic: Diagnostic) -> Failure {
        Failure::Finding(Box::new(PackageReport::of_file(file, vec![diagnostic])))
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    /// Human text on stderr; the machine report on stdout too, for a coded finding.
    pub fn print(&self, format: Format) {
        match self {
            Failure::Usage(message) => {
                super::print_stderr(&format!("error: {message}\n"));
            }
            Failure::Finding(report) => {
                let reports = std::slice::from_ref(report.as_ref());
                super::print_stderr(&render::human(report, super::color()));
                if format != Format::Human {
                    super::print_reports(reports, format);
                }
            }
        }
    }
}

/// What every command returns.
pub type Ran = Result<Exit, Failure>;
