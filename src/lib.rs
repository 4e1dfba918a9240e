//! tul2studio: converts Altinn II TUL packages into Altinn Studio apps.
//!
//! The pipeline is read → ir → analyse → emit; see ARCHITECTURE.md.

pub mod access;
pub mod analyse;
pub mod cli;
pub mod diagnostics;
pub mod emit;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod ir;
pub mod pack;
pub mod policy;
pub mod read;
pub mod report;
pub mod walk;
pub mod write;

use read::ReadOutcome;
use read::package::Limits;
use std::path::Path;

/// Reads and analyses one package: every diagnostic, in a stable order.
pub fn check_package(path: &Path, limits: &Limits) -> ReadOutcome {
    let mut outcome = read::read_package(path, limits);
    if let Some(service) = &outcome.service {
        outcome.diagnostics.extend(analyse::analyse(service));
    }
    diagnostics::sort(&mut outcome.diagnostics);
    outcome
}

/// Reads, analyses and emits one package in memory: every diagnostic of every stage, and the
/// app's files when the service is an app. `check` shows the diagnostics; `convert` writes too.
pub fn convert_package(
    path: &Path,
    limits: &Limits,
    options: &emit::Options,
) -> (ReadOutcome, Option<emit::App>) {
    finish_conversion(read::read_package(path, limits), options)
}

/// The stages after reading: analyse and emit, in memory.
pub fn finish_conversion(
    mut outcome: ReadOutcome,
    options: &emit::Options,
) -> (ReadOutcome, Option<emit::App>) {
    let mut app = None;
    if let Some(service) = &outcome.service {
        outcome.diagnostics.extend(analyse::analyse(service));
        match emit::emit(service, options) {
            Ok(mut emitted) => {
                outcome.diagnostics.append(&mut emitted.diagnostics);
                app = Some(emitted);
            }
            Err(reasons) => outcome.diagnostics.extend(reasons),
        }
    }
    diagnostics::sort(&mut outcome.diagnostics);
    (outcome, app)
}
