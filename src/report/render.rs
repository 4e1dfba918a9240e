//! Renderers: human (miette, to stderr), JSON and SARIF 2.1.0 (to stdout), all from the same
//! [`PackageReport`]s. The JSON shape is the contract in the CLI spec.

use super::accounting::Tally;
use crate::diagnostics::registry::{RULES, Rule, Status};
use crate::diagnostics::{Counts, Diagnostic, Severity, Sources};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
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
    pub accounting: Vec<(&'static str, Tally)>,
    /// (view member, page name) of the form's pages, to group findings by page.
    pub pages: Vec<(String, String)>,
}

impl PackageReport {
    /// The report of a file that is no package (a policy, an option's file, the output).
    pub fn of_file(file: &str, diagnostics: Vec<Diagnostic>) -> PackageReport {
        PackageReport {
            input: file.to_string(),
            service: None,
            output: None,
            diagnostics,
            sources: Default::default(),
            accounting: Vec::new(),
            pages: Vec::new(),
        }
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }
}

// ----- human -------------------------------------------------------------------------------

struct Human<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<(Window, SourceSpan)>,
}

/// The few lines of a file around a finding, with where they start in it, so rendering a
/// finding costs the size of its snippet, not of its file (a policy with 10,000 findings
/// would otherwise be read 10,000 times).
struct Window {
    name: String,
    text: String,
    /// Byte offset and line (0-based) of `text` in the file.
    offset: usize,
    first_line: usize,
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let local = SourceSpan::from((
            span.offset()
                .saturating_sub(self.offset)
                .min(self.text.len()),
            span.len(),
        ));
        let inner = self.text.read_span(&local, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::from((inner.span().offset() + self.offset, inner.span().len())),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Line starts of a text, once per file and rendering.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl fmt::Debug for Human<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

/// Text for a terminal: control characters (which a hostile entry name can carry: ESC, BEL,
/// BS, CR, NUL...) written as `\u{1b}` escapes, so they are seen, not obeyed. JSON and SARIF
/// keep the exact text.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hostile(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_hostile(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Source text for a snippet with every control character (but line breaks and tabs) as a
/// character of the same byte length, so spans stay where they were.
fn visible_source(text: &str) -> Arc<str> {
    if !text.chars().any(|c| is_hostile(c) && c != '\r') {
        return Arc::from(text);
    }
    text.chars()
        .map(|c| match c {
            '\r' => '\r',
            c if is_hostile(c) && c.len_utf8() == 1 => '?',
            c if is_hostile(c) => '¿',
            c => c,
        })
        .collect::<String>()
        .into()
}

impl fmt::Display for Human<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = printable(&self.diagnostic.message);
        match (&self.source, &self.diagnostic.location) {
            // Without a snippet, say where in the message itself, compiler style, unless the
            // message already names the file.
            (None, Some(loc)) if !self.diagnostic.message.contains(&format!("`{}`", loc.file)) => {
                let file = printable(&loc.file);
                match loc.line {
                    Some(line) => write!(f, "{file}:{line}: {message}"),
                    None => write!(f, "{file}: {message}"),
                }
            }
            _ => f.write_str(&message),
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
        Some(Box::new(printable(self.diagnostic.help()).into_owned()))
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

/// The snippet of a diagnostic: its own span, else the whole line it names, in a window of
/// a few lines around it.
fn snippet(
    diagnostic: &Diagnostic,
    sources: &Sources,
    lines: &mut BTreeMap<String, Vec<usize>>,
) -> Option<(Window, SourceSpan)> {
    const CONTEXT: usize = 3;
    let loc = diagnostic.location.as_ref()?;
    let text = sources.get(&loc.file)?;
    let starts = lines
        .entry(loc.file.clone())
        .or_insert_with(|| line_starts(text));
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let (start, end) = match loc.span {
        Some(span) => span,
        None => {
            // 1-based by its type, so the index below cannot underflow.
            let line = (loc.line?.get() as usize - 1).min(starts.len() - 1);
            let start = starts[line];
            let end = starts
                .get(line + 1)
                .map_or(text.len(), |n| n.saturating_sub(1));
            (start, end)
        }
    };
    let end = end.min(text.len());
    let start = start.min(end);
    let first = line_of(start).saturating_sub(CONTEXT);
    let last = (line_of(end) + CONTEXT + 1).min(starts.len());
    let from = starts[first];
    let to = starts.get(last).copied().unwrap_or(text.len()).max(end);
    let window = Window {
        name: printable(&loc.file).into_owned(),
        text: visible_source(text.get(from..to).unwrap_or("")).to_string(),
        offset: from,
        first_line: first,
    };
    Some((window, SourceSpan::from((start, end - start))))
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
    let mut lines = BTreeMap::new();
    for d in &report.diagnostics {
        let human = Human {
            diagnostic: d,
            source: snippet(d, &report.sources, &mut lines),
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
        printable(&report.input),
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

/// SARIF wants an absolute URI for a rule's docs: the page in the repository the build names
/// (`repository` in Cargo.toml), else none; the page's text is in `help.markdown` either way.
fn help_uri(rule: &Rule) -> Option<String> {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    (repository.starts_with("https://"))
        .then(|| format!("{repository}/blob/main/{}", rule.docs_path()))
}

pub fn sarif(reports: &[PackageReport]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation() },
                "help": { "text": r.help, "markdown": r.docs },
                "defaultConfiguration": { "level": sarif_level(r.severity) },
                "properties": { "outcome": r.outcome },
            });
            if let Some(uri) = help_uri(r) {
                rule["helpUri"] = json!(uri);
            }
            if let Status::Retired { since, .. } = r.status {
                rule["properties"]["retiredSince"] = json!(since);
            }
            rule
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            printable("a\u{1b}[31mb\u{7}\u{8}\r\0"),
            "a\\u{1b}[31mb\\u{7}\\u{8}\\u{d}\\u{0}"
        );
        assert_eq!(printable("plain æøå\n"), "plain æøå\n");
        let source = visible_source("x\u{1b}y\u{85}z\r\n");
        assert_eq!(source.len(), "x\u{1b}y\u{85}z\r\n".len());
        assert!(!source.contains('\u{1b}') && !source.contains('\u{85}'));
    }
}
