//! Form tracks (sporvalg): "for this value of this field, show these pages" becomes a
//! `hidden` expression on each layout page a track controls.

use super::super::Context;
use super::super::names::binding_path;
use crate::diagnostics::{Code, Diagnostic};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// `/my:Melding/my:Type` → `/Melding/Type`.
fn local_path(xpath: &str) -> String {
    xpath
        .split('/')
        .map(|s| s.rsplit(':').next().unwrap_or(s))
        .collect::<Vec<_>>()
        .join("/")
}

/// Layout name → its `hidden` expression, from every track of the form.
pub(super) fn page_visibility(
    cx: &mut Context,
    layouts: &BTreeMap<String, String>,
) -> BTreeMap<String, Value> {
    let Some(form) = cx.service.form.as_ref() else {
        return BTreeMap::new();
    };
    // Layout → (binding, values that show it), over all tracks.
    let mut shown: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut found = Vec::new();
    for track in &form.tracks {
        let described: Vec<String> = track
            .choices
            .iter()
            .map(|c| format!("`{}` → {}", c.value, c.pages.join(", ")))
            .collect();
        let path = local_path(&track.field);
        if cx.model.find(&path).is_none() {
            found.push(
                Diagnostic::new(
                    Code::FormTrack,
                    format!(
                        "page `{}` chooses the next pages from `{}`, which is not in the data model: {}",
                        track.page,
                        track.field,
                        described.join("; ")
                    ),
                )
                .at((&track.origin).into()),
            );
            continue;
        }
        let binding = binding_path(cx.model, &path);
        let mut converted = Vec::new();
        let mut missing = Vec::new();
        for choice in &track.choices {
            for page in &choice.pages {
                match layouts.get(page) {
                    Some(layout) => {
                        shown
                            .entry(layout.clone())
                            .or_default()
                            .push((binding.clone(), choice.value.clone()));
                        if !converted.contains(layout) {
                            converted.push(layout.clone());
                        }
                    }
                    None if !missing.contains(page) => missing.push(page.clone()),
                    None => {}
                }
            }
        }
        if !converted.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::FormTrackConverted,
                    format!(
                        "the track on page `{}` ({}) hides {} unless `{binding}` has a value that shows it",
                        track.page,
                        described.join("; "),
                        converted.join(", ")
                    ),
                )
                .at((&track.origin).into()),
            );
        }
        if !missing.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::FormTrack,
                    format!(
                        "the track on page `{}` ({}) controls {}, which {} no layout in the app; show or hide {} by hand",
                        track.page,
                        described.join("; "),
                        missing.join(", "),
                        if missing.len() == 1 { "is" } else { "are" },
                        if missing.len() == 1 { "it" } else { "them" }
                    ),
                )
                .at((&track.origin).into()),
            );
        }
    }
    cx.diagnostics.extend(found);
    shown
        .into_iter()
        .map(|(layout, conditions)| {
            let tests: Vec<Value> = conditions
                .iter()
                .map(|(b, v)| json!(["equals", ["dataModel", b], v]))
                .collect();
            let any = if tests.len() == 1 {
                tests.into_iter().next().unwrap_or(Value::Null)
            } else {
                let mut or = vec![json!("or")];
                or.extend(tests);
                Value::Array(or)
            };
            (layout, json!(["not", any]))
        })
        .collect()
}
