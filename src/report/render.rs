//! Renderers: human (rustc style with annotate-snippets, to stderr), JSON and SARIF 2.1.0 (to stdout), all from the same
//! [`PackageReport`]s. The JSON shape is the contract in the CLI spec.

use super::accounting::Tally;
use crate::diagnostics::registry::{RULES, Rule, Status};
use crate::diagnostics::{Counts, Diagnostic, Severity, Sources};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
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
    /// Each form page's original view beside its converted layout (`--report FILE.html`).
    pub review: Vec<super::review::PageReview>,
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
            review: Vec::new(),
        }
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }
}

// ----- human -------------------------------------------------------------------------------

/// Where a finding points in its file: the lines it spans (at most a few, from a window of
/// the file so a finding costs its lines, not its file), the first line's number and the
/// span within those lines.
struct Excerpt {
    text: String,
    first_line: usize,
    span: std::ops::Range<usize>,
}

/// The lines of a finding's span, else the whole line it names.
fn excerpt(
    diagnostic: &Diagnostic,
    sources: &Sources,
    lines: &mut BTreeMap<String, Vec<usize>>,
) -> Option<Excerpt> {
    const MAX_LINES: usize = 4;
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
            // The line's text, not its indentation.
            let indent = text
                .get(start..end)
                .map_or(0, |l| l.len() - l.trim_start().len());
            (start + indent, end)
        }
    };
    let end = end.min(text.len());
    let start = start.min(end);
    let first = line_of(start);
    let last = line_of(end).min(first + MAX_LINES - 1);
    let from = starts[first];
    let to = starts
        .get(last + 1)
        .map_or(text.len(), |n| n.saturating_sub(1))
        .max(from);
    let mut window = visible_source(text.get(from..to).unwrap_or("")).to_string();
    // Line breaks inside the excerpt only (a CR of CRLF would show as a column).
    window = window.replace('\r', " ");
    let end = end.min(to);
    Some(Excerpt {
        text: window,
        first_line: first + 1,
        span: start - from..end.max(start) - from,
    })
}

/// Renders findings as rustc and ruff do: `warning[TUL5025]: message`, then `--> file:line:col`,
/// the lines with the span marked (a long line shows a window around the span) and `= help:`,
/// one blank line between findings. `color` picks the styled renderer.
pub fn human(report: &PackageReport, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(100);
    let mut out = String::new();
    let mut lines = BTreeMap::new();
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let message = printable(&d.message).into_owned();
        let help = printable(d.help()).into_owned();
        let file = d.location.as_ref().map(|l| printable(&l.file).into_owned());
        let excerpt = excerpt(d, &report.sources, &mut lines);
        let title = level.primary_title(message).id(d.code.as_str());
        let group = match (&excerpt, &file) {
            (Some(e), Some(file)) => title.element(
                Snippet::source(e.text.as_str())
                    .line_start(e.first_line)
                    .path(file.as_str())
                    .annotation(AnnotationKind::Primary.span(e.span.clone())),
            ),
            (None, Some(file)) => {
                let mut origin = Origin::path(file.as_str());
                if let Some(line) = d.location.as_ref().and_then(|l| l.line) {
                    origin = origin.line(line.get() as usize);
                }
                title.element(origin)
            }
            _ => title.element(Level::HELP.message(help.clone())),
        };
        let group = if file.is_some() {
            group.element(Level::HELP.message(help))
        } else {
            group
        };
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// Line starts of a text, once per file and rendering.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
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
    fn a_long_line_shows_a_window_around_its_span() {
        // A one-line template.xml of 6,000 characters with a finding in its middle.
        let text = format!("<a>{}<b/>{}</a>", "x".repeat(3000), "y".repeat(3000));
        let at = text.find("<b/>").unwrap();
        let d = Diagnostic::new(crate::diagnostics::Code::UnknownElement, "unknown `b`").at(
            crate::diagnostics::Location {
                file: "t.xml".into(),
                line: std::num::NonZeroU32::new(1),
                column: None,
                span: Some((at, at + 4)),
            },
        );
        let mut report = PackageReport::of_file("t.xml", vec![d]);
        report
            .sources
            .insert("t.xml".into(), Arc::from(text.as_str()));
        let out = human(&report, false);
        assert!(out.starts_with("warning[TUL"), "{out}");
        assert!(out.contains("--> t.xml:1:"), "{out}");
        assert!(out.contains("<b/>"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= 120), "{out}");
    }

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
