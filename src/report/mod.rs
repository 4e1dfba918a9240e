//! Review reports: `--report FILE` writes Markdown (a checklist to port by hand, grouped by
//! page), self-contained HTML (summary, tables, each finding with its source snippet) or JSON
//! (the machine form), chosen by the file's extension.

pub mod accounting;

pub mod render;
pub mod review;

use crate::diagnostics::{Counts, Diagnostic, Sources};
use handlebars::Handlebars;
use render::PackageReport;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Markdown,
    Html,
    Json,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" => Some(Kind::Html),
            "json" => Some(Kind::Json),
            _ => None,
        }
    }
}

const MARKDOWN: &str = include_str!("../../templates/report/report.md.hbs");
const HTML: &str = include_str!("../../templates/report/report.html.hbs");

/// Where a finding belongs in the checklist: the page whose view it is in, or its file.
fn group_of(d: &Diagnostic, pages: &BTreeMap<String, String>) -> String {
    let Some(loc) = &d.location else {
        return "Package".into();
    };
    match loc.file.rsplit_once('!') {
        Some((_, member)) => pages
            .get(&member.to_lowercase())
            .map(|p| format!("Page {p}"))
            .unwrap_or_else(|| loc.file.clone()),
        None => loc.file.clone(),
    }
}

/// Three lines of source around the finding, numbered.
fn snippet(d: &Diagnostic, sources: &Sources) -> Option<String> {
    let loc = d.location.as_ref()?;
    let line = loc.line?.get() as usize;
    let text = sources.get(&loc.file)?;
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(2).max(1);
    let to = (line + 1).min(lines.len());
    let mut out = String::new();
    for n in from..=to {
        let marker = if n == line { ">" } else { " " };
        let mut content: String = lines
            .get(n - 1)
            .copied()
            .unwrap_or("")
            .chars()
            .take(160)
            .collect();
        if content.len() < lines.get(n - 1).map_or(0, |l| l.len()) {
            content.push('…');
        }
        out.push_str(&format!("{marker}{n:>5} | {content}\n"));
    }
    Some(out)
}

/// The data both templates render.
fn model(reports: &[PackageReport]) -> Value {
    let mut total = Counts::default();
    let mut totals: BTreeMap<&str, accounting::Tally> = BTreeMap::new();
    let packages: Vec<Value> = reports
        .iter()
        .map(|r| {
            let counts = r.counts();
            total.merge(counts);
            for (kind, t) in &r.accounting {
                let sum = totals.entry(kind).or_default();
                sum.total += t.total;
                sum.automatic += t.automatic;
                sum.with_warning += t.with_warning;
                sum.by_hand += t.by_hand;
            }
            let pages = page_views(r);
            let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for (index, d) in r.diagnostics.iter().enumerate() {
                let loc = d.location.as_ref();
                let at = match (loc, loc.and_then(|l| l.line)) {
                    (Some(l), Some(line)) => format!("{}:{line}", l.file),
                    (Some(l), None) => l.file.clone(),
                    _ => String::new(),
                };
                groups.entry(group_of(d, &pages)).or_default().push(json!({
                    "anchor": review::finding_anchor(r.service.as_ref().map_or("", |s| s.app.as_str()), index),
                    "code": d.code.as_str(),
                    "name": d.code.rule().name,
                    "severity": d.severity.as_str(),
                    "message": d.message,
                    "help": d.help(),
                    "at": at,
                    "snippet": snippet(d, &r.sources),
                }));
            }
            json!({
                "input": r.input,
                "service": r.service,
                "output": r.output,
                "counts": counts,
                "accounting": r.accounting.iter().map(|(k, t)| json!({ "kind": k, "tally": t })).collect::<Vec<_>>(),
                "groups": groups.into_iter().map(|(name, items)| json!({ "name": name, "items": items })).collect::<Vec<_>>(),
                "review": r.review,
            })
        })
        .collect();
    json!({
        "tool": render::TOOL,
        "version": render::VERSION,
        "access_data": crate::access::about_line(),
        "packages": packages,
        "counts": total,
        "many": reports.len() > 1,
        "package_count": reports.len(),
        "totals": totals.into_iter().map(|(k, t)| json!({ "kind": k, "tally": t })).collect::<Vec<_>>(),
    })
}

/// View member (lower-case) → page name; findings in views without a page stay grouped by
/// their file.
fn page_views(r: &PackageReport) -> BTreeMap<String, String> {
    r.pages
        .iter()
        .map(|(view, page)| (view.to_lowercase(), page.clone()))
        .collect()
}

/// Renders the report in the kind its path asks for.
pub fn render(kind: Kind, reports: &[PackageReport]) -> String {
    if kind == Kind::Json {
        let mut doc = render::json(reports);
        doc["accessData"] = json!(crate::access::about_line());
        doc["report"] = model(reports)["packages"].clone();
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        return text;
    }
    let mut hb = Handlebars::new();
    hb.set_strict_mode(false);
    if kind == Kind::Markdown {
        hb.register_escape_fn(handlebars::no_escape);
    }
    let template = if kind == Kind::Markdown {
        MARKDOWN
    } else {
        HTML
    };
    // The templates are compiled in and tested; a render error is a bug.
    hb.render_template(template, &model(reports))
        .unwrap_or_else(|e| panic!("report template: {e}"))
}
