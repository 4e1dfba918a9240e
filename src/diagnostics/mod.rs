//! Diagnostics: the one shape every finding has, whatever stage made it.
//!
//! Stages never print. They push [`Diagnostic`]s; the CLI renders them (human via annotate-snippets,
//! JSON, SARIF) and turns them into an exit code. Codes, severities and texts live in
//! [`registry`] only.

pub mod registry;

use serde::Serialize;
use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::Arc;

pub use registry::{Code, Family, Rule};

/// Decoded text of the files read, by their location name, for snippets in reports.
pub type Sources = BTreeMap<String, Arc<str>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a finding is: a file inside the package (`form/1044/skjema.xsn!view1.xsl` for a
/// cabinet member), and when known a 1-based line and column plus the byte span in the
/// decoded text of that file (for snippets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    /// 1-based, and a zero cannot be written: SARIF regions and snippets start at 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<NonZeroU32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<NonZeroU32>,
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
            span: None,
        }
    }

    /// A 1-based position; a zero line or column is no position at all.
    pub fn at(file: impl Into<String>, line: u32, column: u32) -> Self {
        Location {
            file: file.into(),
            line: NonZeroU32::new(line),
            column: NonZeroU32::new(column),
            span: None,
        }
    }

    pub fn with_span(mut self, start: usize, end: usize) -> Self {
        self.span = Some((start, end));
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// Overrides the registry's help line when the finding knows something more precise.
    pub help: Option<String>,
    /// Structured facts for machines (`--format json`, SARIF `properties`): what a CI job
    /// acts on without parsing the message.
    pub data: Option<serde_json::Value>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.rule().severity,
            message: message.into(),
            location: None,
            help: None,
            data: None,
        }
    }

    pub fn with_data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn in_file(self, file: impl Into<String>) -> Self {
        self.at(Location::file(file))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help(&self) -> &str {
        self.help.as_deref().unwrap_or(self.code.rule().help)
    }

    pub fn file(&self) -> Option<&str> {
        self.location.as_ref().map(|l| l.file.as_str())
    }

    /// The 1-based line, when the finding has one.
    pub fn line(&self) -> Option<u32> {
        self.location.as_ref()?.line.map(NonZeroU32::get)
    }
}

/// Counts by severity, as the JSON contract prints them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = Counts::default();
        for d in diagnostics {
            counts.add(d.severity);
        }
        counts
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn merge(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// Sort key that gives a stable report order: by file, then position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            let loc = d.location.as_ref();
            (
                loc.map(|l| l.file.clone()),
                loc.and_then(|l| l.line),
                loc.and_then(|l| l.column),
                d.code,
            )
        };
        key(a).cmp(&key(b))
    });
}
