//! Renderers: human (miette, to stderr), JSON and SARIF 2.1.0 (to stdout), all from the same
//! [`PackageReport`]s. The JSON shape is the contract in the CLI spec.

use super::registry::RULES;
use super::{Counts, Diagnostic, Severity, Sources};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

pub const TOOL: &str = "tul2studio";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The service identity as the JSON contract names it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceId {
    pub org: String,
    pub app: String,
    pub service_code: Option<String>,
    pub service_edition_code: Option<String>,
}

/// Everything the renderers need about one package.
pub struct PackageReport {
    pub input: String,
    pub service: Option<ServiceId>,
    pub output: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// What the package held and how it was converted, per item kind.
    pub accounting: Vec<(&'static str, super::Tally)>,
    /// (view member, page name) of the form's pages, to group findings by page.
    pub pages: Vec<(String, String)>,
}

impl PackageReport {
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }
}

// ----- human -------------------------------------------------------------------------------

struct Human<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<(NamedSource<Arc<str>>, SourceSpan)>,
}

impl fmt::Debug for Human<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Human<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.source, &self.diagnostic.location) {
            // Without a snippet, say where in the message itself, compiler style, unless the
            // message already names the file.
            (None, Some(loc)) if !self.diagnostic.message.contains(&format!("`{}`", loc.file)) => {
                match loc.line {
                    Some(line) => write!(f, "{}:{line}: {}", loc.file, self.diagnostic.message),
                    None => write!(f, "{}: {}", loc.file, self.diagnostic.message),
                }
            }
            _ => f.write_str(&self.diagnostic.message),
        }
    }
}

impl std::error::Error for Human<'_> {}

impl miette::Diagnostic for Human<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.help()))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|(s, _)| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.source.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            None, *span,
        ))))
    }
}

/// The snippet span of a diagnostic: its own span, else the whole line it names.
fn snippet(
    diagnostic: &Diagnostic,
    sources: &Sources,
) -> Option<(NamedSource<Arc<str>>, SourceSpan)> {
    let loc = diagnostic.location.as_ref()?;
    let text = sources.get(&loc.file)?;
    let (start, end) = match loc.span {
        Some(span) => span,
        None => {
            let line = loc.line? as usize;
            let start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let len = text[start.min(text.len())..]
                .find('\n')
                .unwrap_or(text.len() - start.min(text.len()));
            (start, start + len)
        }
    };
    let end = end.min(text.len());
    let start = start.min(end);
    Some((
        NamedSource::new(&loc.file, text.clone()),
        SourceSpan::from((start, end - start)),
    ))
}

/// Renders diagnostics like rustc does; `color` picks the themed or plain handler.
pub fn human(report: &PackageReport, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in &report.diagnostics {
        let human = Human {
            diagnostic: d,
            source: snippet(d, &report.sources),
        };
        // Writing into a String cannot fail.
        let _ = handler.render_report(&mut out, &human);
    }
    out
}

/// One closing line per package: `input: 1 error, 2 warnings, 0 infos`.
pub fn summary_line(report: &PackageReport) -> String {
    let c = report.counts();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}: {}, {}, {}",
        report.input,
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        plural(c.info, "info")
    )
}

// ----- JSON --------------------------------------------------------------------------------

fn diagnostic_json(d: &Diagnostic) -> Value {
    let loc = d.location.as_ref();
    let mut v = json!({
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
        "file": loc.map(|l| l.file.as_str()),
    });
    if let Some(line) = loc.and_then(|l| l.line) {
        v["line"] = json!(line);
    }
    if let Some(column) = loc.and_then(|l| l.column) {
        v["column"] = json!(column);
    }
    v["help"] = json!(d.help());
    if let Some(data) = &d.data {
        v["data"] = data.clone();
    }
    v
}

pub fn json(reports: &[PackageReport]) -> Value {
    let mut total = Counts::default();
    let packages: Vec<Value> = reports
        .iter()
        .map(|r| {
            let counts = r.counts();
            total.merge(counts);
            json!({
                "input": r.input,
                "service": r.service,
                "output": r.output,
                "diagnostics": r.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
                "counts": counts,
                "accounting": r.accounting.iter().map(|(k, t)| (k.to_string(), json!(t))).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    json!({ "tool": TOOL, "version": VERSION, "packages": packages, "counts": total })
}

// ----- SARIF -------------------------------------------------------------------------------

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF artifacts: each package, the files in it, and the members of its form
/// templates, linked by `parentIndex` (package → file → `.xsn` member).
struct Artifacts {
    list: Vec<Value>,
    index: BTreeMap<String, usize>,
}

impl Artifacts {
    fn add(&mut self, uri: String, parent: Option<usize>) -> usize {
        if let Some(&i) = self.index.get(&uri) {
            return i;
        }
        let mut artifact = json!({ "location": { "uri": uri } });
        if let Some(p) = parent {
            artifact["parentIndex"] = json!(p);
        }
        self.list.push(artifact);
        self.index.insert(uri, self.list.len() - 1);
        self.list.len() - 1
    }

    /// The artifact of a file named like `form/x.xsn!view1.xsl`, creating its parents.
    fn file(&mut self, input: &str, file: &str) -> usize {
        let package = self.add(input.to_string(), None);
        if file == input {
            return package;
        }
        match file.split_once('!') {
            Some((container, _)) => {
                let parent = self.add(artifact_uri(input, container), Some(package));
                self.add(artifact_uri(input, file), Some(parent))
            }
            None => self.add(artifact_uri(input, file), Some(package)),
        }
    }
}

pub fn sarif(reports: &[PackageReport]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": r.help },
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })
        })
        .collect();
    let mut artifacts = Artifacts {
        list: Vec::new(),
        index: BTreeMap::new(),
    };
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": d.code as usize,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
            });
            if let Some(loc) = &d.location {
                let index = artifacts.file(&report.input, &loc.file);
                let mut physical = json!({ "artifactLocation": { "uri": artifact_uri(&report.input, &loc.file), "index": index } });
                if let Some(line) = loc.line {
                    physical["region"] = json!({ "startLine": line });
                    if let Some(column) = loc.column {
                        physical["region"]["startColumn"] = json!(column);
                    }
                }
                result["locations"] = json!([{ "physicalLocation": physical }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": TOOL,
                "version": VERSION,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts.list,
            "results": results,
        }],
    })
}

/// A file inside a package, as a URI relative to where the tool ran.
fn artifact_uri(input: &str, file: &str) -> String {
    if file == input {
        return input.to_string();
    }
    let input = input.trim_end_matches('/');
    if input.ends_with(".zip") || !std::path::Path::new(input).is_dir() {
        format!("{input}!/{file}")
    } else {
        format!("{input}/{file}")
    }
}
