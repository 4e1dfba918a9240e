//! The reviewer's view of one converted package: each form page's view beside the layout it
//! became, every control of the view marked with its component or its finding.

use crate::diagnostics::registry::Outcome;
use crate::diagnostics::{Diagnostic, Severity};
use crate::emit::{App, ComponentOrigin};
use crate::ir::{PageType, Service};
use crate::report::review::{
    Link, Mark, PageReview, Sketch, anchor_part, finding_anchor, mark_anchor,
    names_control as names, original, parse_view, scoped_style,
};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The texts of the app's main language, by key.
fn texts(app: &App) -> BTreeMap<String, String> {
    let file = ["nb", "nn", "en"].iter().find_map(|l| {
        app.files
            .get(&format!("App/config/texts/resource.{l}.json"))
    });
    let parsed: Value = file
        .and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_default();
    parsed["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            Some((
                r["id"].as_str()?.to_string(),
                r["value"].as_str()?.to_string(),
            ))
        })
        .collect()
}

/// The sketch of a layout: its components in order, groups' children indented.
fn sketch(layout: &str, components: &[Value], texts: &BTreeMap<String, String>) -> Vec<Sketch> {
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    components
        .iter()
        .map(|c| {
            let id = c["id"].as_str().unwrap_or("").to_string();
            let d = depth.get(&id).copied().unwrap_or(0);
            for child in c["children"].as_array().into_iter().flatten() {
                if let Some(child) = child.as_str() {
                    depth.insert(child.to_string(), d + 1);
                }
            }
            let title = c["textResourceBindings"]["title"]
                .as_str()
                .map(|k| texts.get(k).cloned().unwrap_or_else(|| k.to_string()))
                .unwrap_or_default();
            let bindings = &c["dataModelBindings"];
            let binding = bindings["simpleBinding"]
                .as_str()
                .or(bindings["group"].as_str())
                .unwrap_or("")
                .to_string();
            let flag = |v: &Value| !v.is_null() && *v != Value::Bool(false);
            Sketch {
                anchor: format!("c-{}-{}", anchor_part(layout), anchor_part(&id)),
                id,
                kind: c["type"].as_str().unwrap_or("").to_string(),
                title,
                binding,
                hidden: flag(&c["hidden"]),
                required: flag(&c["required"]),
                read_only: flag(&c["readOnly"]),
                depth: d,
                marks: Vec::new(),
            }
        })
        .collect()
}

/// Every form page of the service's main template, reviewed.
pub fn review(service: &Service, app: &App, diagnostics: &[Diagnostic]) -> Vec<PageReview> {
    let Some(form) = service.form.as_ref() else {
        return Vec::new();
    };
    let Some(template) = form
        .templates
        .iter()
        .find(|t| Some(t.lang) == service.edition.main_language)
        .or(form.templates.first())
    else {
        return Vec::new();
    };
    let root = form.model.as_ref().map_or("", |m| m.root.name.as_str());
    // Anchors carry the package, so that a report of many packages links each to its own.
    let package = crate::emit::naming::app(&service.identity);
    let texts = texts(app);
    let mut pages = Vec::new();
    for page in form.pages.iter().filter(|p| p.page_type == PageType::Form) {
        let Some(member) = page.transform.as_ref().and_then(|t| {
            template
                .members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(t))
        }) else {
            continue;
        };
        let view = format!("{}!{}", template.file, member.name);
        let mine: Vec<_> = app
            .components
            .iter()
            .filter(|c| c.origin.file == view)
            .collect();
        let layout = mine
            .first()
            .map(|c| c.layout.clone())
            .unwrap_or_else(|| crate::emit::names::page_name(&page.name));
        let components: Vec<Value> = app
            .files
            .get(&format!("App/ui/form/layouts/{layout}.json"))
            .and_then(|b| serde_json::from_slice::<Value>(b).ok())
            .and_then(|l| l["data"]["layout"].as_array().cloned())
            .unwrap_or_default();
        let mut sketches = sketch(&layout, &components, &texts);
        // Each control's component (the first that stands for it) and the view's findings,
        // gathered once rather than per control.
        let mut by_control: HashMap<&str, &ComponentOrigin> = HashMap::new();
        for c in &mine {
            for id in std::iter::once(&c.control).chain(&c.also) {
                by_control.entry(id.as_str()).or_insert(c);
            }
        }
        let findings: Vec<usize> = (0..diagnostics.len())
            .filter(|&i| {
                diagnostics[i]
                    .location
                    .as_ref()
                    .is_some_and(|l| l.file == view)
            })
            .collect();
        let mark = |id: &str| -> Option<Mark> {
            let finding = findings
                .iter()
                .copied()
                .find(|&i| names(&diagnostics[i].message, id));
            let warned = finding.is_some_and(|i| diagnostics[i].severity != Severity::Info);
            match by_control.get(id) {
                Some(c) => Some(Mark {
                    outcome: if warned { "warned" } else { "converted" },
                    target: format!("c-{}-{}", anchor_part(&layout), anchor_part(&c.component)),
                    label: format!("{id} → {}", c.component),
                }),
                // Not a component: what the finding says happened (merged into another
                // component, left for hand work...).
                None => finding.map(|i| Mark {
                    outcome: match diagnostics[i].code.rule().outcome {
                        Outcome::Converted => "converted",
                        Outcome::Warned => "warned",
                        Outcome::ByHand | Outcome::Stopped => "by-hand",
                    },
                    target: finding_anchor(&package, i),
                    label: format!("{id} → {}", diagnostics[i].code),
                }),
            }
        };
        let text = crate::read::text::decode(&member.data, &member.name, &mut Vec::new());
        let scope = format!("{}-{}", anchor_part(&package), pages.len() + 1);
        let ((html, marked), style) = match parse_view(&text) {
            Some(doc) => (
                original(&doc, root, &scope, &mark),
                scoped_style(&doc, &format!("view-{scope}")),
            ),
            None => (
                ("<p>The view could not be read.</p>".into(), Vec::new()),
                String::new(),
            ),
        };
        let shown: HashSet<&String> = marked.iter().collect();
        let mut by_component: HashMap<&str, Vec<&ComponentOrigin>> = HashMap::new();
        for c in &mine {
            by_component
                .entry(c.component.as_str())
                .or_default()
                .push(c);
        }
        for s in &mut sketches {
            s.marks = by_component
                .get(s.id.as_str())
                .into_iter()
                .flatten()
                .flat_map(|c| std::iter::once(&c.control).chain(&c.also))
                .filter(|id| shown.contains(id))
                .map(|id| Link {
                    anchor: mark_anchor(&scope, id),
                    label: id.clone(),
                })
                .collect();
        }
        let converted = marked
            .iter()
            .filter(|id| by_control.contains_key(id.as_str()))
            .count();
        pages.push(PageReview {
            page: page.name.clone(),
            style,
            scope: format!("view-{scope}"),
            view,
            original: html,
            components: sketches,
            controls: marked.len(),
            converted,
        });
    }
    pages
}
