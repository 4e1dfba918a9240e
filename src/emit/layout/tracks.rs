//! Form tracks (sporvalg): a field on a page decides which *later* pages are shown (the
//! Altinn II service model, §2.8 of `altinn2-service-model.md`). Each later page a choice lists
//! gets a `hidden` expression: shown when the field holds a value whose choice lists it. The
//! track's own page and the pages before it are never hidden by it (a user must be able to
//! reach the question); before the user chooses, the controlled pages stay hidden, and the
//! track's field is required, since without a choice the form has no path.

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

/// What the tracks do to the layouts: each controlled page's `hidden` expression, and per
/// track page the bindings its user must choose.
#[derive(Default)]
pub(super) struct Tracks {
    pub hidden: BTreeMap<String, Value>,
    /// (layout of the track's page, binding of its field).
    pub required: Vec<(String, String)>,
}

/// The tracks of the form against the layouts (TUL page name → layout name) in page order.
pub(super) fn page_visibility(
    cx: &mut Context,
    layouts: &BTreeMap<String, String>,
    order: &[String],
) -> Tracks {
    let mut result = Tracks::default();
    let Some(form) = cx.service.form.as_ref() else {
        return result;
    };
    let position = |layout: &str| order.iter().position(|l| l == layout);
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
        let own = layouts.get(&track.page).and_then(|l| position(l));
        if let Some(layout) = layouts.get(&track.page) {
            result.required.push((layout.clone(), binding.clone()));
        }
        let mut converted = Vec::new();
        let mut missing = Vec::new();
        let mut earlier = Vec::new();
        for choice in &track.choices {
            for page in &choice.pages {
                match layouts.get(page) {
                    // The track's own page and those before it stay: the question must be
                    // reachable, and a track decides only what comes after it.
                    Some(layout)
                        if own.is_some_and(|o| position(layout).is_none_or(|p| p <= o)) =>
                    {
                        earlier.push(layout.clone());
                    }
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
        earlier.sort();
        earlier.dedup();
        if !earlier.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::FormTrackConverted,
                    format!(
                        "the track on page `{}` lists {}, which {} not after it; a track decides only the pages after its own, so {} always shown",
                        track.page,
                        earlier.join(", "),
                        if earlier.len() == 1 { "is" } else { "are" },
                        if earlier.len() == 1 { "it is" } else { "they are" }
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
    result.hidden = shown
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
        .collect();
    result
}
