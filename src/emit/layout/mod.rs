//! The UI: `layout-sets.json`, `Settings.json`, one layout per form page (controls →
//! components), an attachments page for the service's attachment types, a summary page,
//! option files and images.
//!
//! Where the frontend's rules live: `component.rs` (a control → a component, by
//! `ComponentType`), `options.rs` (options files and code lists), `expressions.rs`
//! (`hidden`/`readOnly` from view conditions), `pages.rs` (the pages the converter adds:
//! attachments, summary, signing, payment, and their fixed texts), `tracks.rs` (form tracks
//! as page `hidden` expressions).

pub mod codelists;
mod component;
mod expressions;
mod options;
mod pages;
mod tracks;

pub use component::INPUT_TYPES;
pub use expressions::translate;
pub use options::PLACEHOLDER;

use super::Context;
use super::names::page_name;
use super::names::unique_component_id as unique;
use super::process::DATA_TASK;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::ir::form::LangText;
use crate::ir::{Origin, Page, PageType};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};

pub(crate) const LAYOUT_SCHEMA: &str =
    "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layout.schema.v1.json";

pub(crate) fn at(origin: &Origin) -> Location {
    origin.into()
}

/// A data type the layouts need beside the form model (file uploads).
pub struct UploadType {
    pub id: String,
    pub description: LangText,
    pub max_size_mb: Option<u32>,
    pub min_count: u32,
    pub max_count: u32,
    pub extensions: Option<Vec<String>>,
}

pub(crate) struct Pages<'a> {
    pub ids: HashSet<String>,
    /// Component id → the view control it was made from, for findings about components (a
    /// reviewer looks for the view's ids, not ours) and the app's `ComponentOrigin`s.
    pub sources: Sources<'a>,
    pub layouts: Vec<(String, Vec<Value>)>,
    pub uploads: Vec<UploadType>,
    pub help_texts: &'a [crate::ir::Text],
}

pub fn emit(cx: &mut Context) {
    let service = cx.service;
    let form = service.form.as_ref();
    let pages: Vec<&Page> = form.map(|f| f.pages.iter().collect()).unwrap_or_default();
    let mut state = Pages {
        ids: HashSet::new(),
        sources: BTreeMap::new(),
        layouts: Vec::new(),
        uploads: Vec::new(),
        help_texts: &service.texts,
    };
    let mut names = HashSet::new();
    // TUL page name → layout name, for the form tracks.
    let mut layout_names: BTreeMap<String, String> = BTreeMap::new();
    for page in pages {
        if page.page_type != PageType::Form {
            cx.push(
                Diagnostic::new(
                    Code::PageNotConverted,
                    format!(
                        "page `{}` is a {} page, not a form page; it is not a layout",
                        page.name,
                        page.page_type.name()
                    ),
                )
                .at(at(&page.origin)),
            );
            continue;
        }
        let mut name = page_name(&page.name);
        while !names.insert(name.to_lowercase()) {
            name.push('x');
        }
        layout_names.insert(page.name.clone(), name.clone());
        // The page's title: its PageDisplayName texts, keyed by the layout name.
        let title: LangText = service
            .texts
            .iter()
            .filter(|t| {
                t.text_type.eq_ignore_ascii_case("PageDisplayName")
                    && t.text_code.eq_ignore_ascii_case(&page.name)
            })
            .map(|t| (t.lang, t.value.clone()))
            .collect();
        cx.texts.add(&name, &title);
        let mut components = Vec::new();
        let mut first_text = true;
        for control in &page.controls {
            component::component(cx, &mut state, control, &mut components, &mut first_text);
        }
        one_input_per_field(cx, &mut components, &state.sources);
        state.layouts.push((name, components));
    }
    merge_repeating(cx, &mut state.layouts, &state.sources);
    pages::attachments_page(cx, &mut state);
    pages::summary_page(cx, &mut state);
    let order: Vec<String> = state.layouts.iter().map(|(n, _)| n.clone()).collect();
    let tracks = tracks::page_visibility(cx, &layout_names, &order);
    let mut page_hidden = tracks.hidden;
    // A track's field must be chosen: without a choice the form has no path.
    for (layout, binding) in &tracks.required {
        let Some((_, components)) = state.layouts.iter_mut().find(|(n, _)| n == layout) else {
            continue;
        };
        for c in components.iter_mut().filter(|c| {
            c["dataModelBindings"]["simpleBinding"] == binding.as_str()
                && c["readOnly"] != json!(true)
        }) {
            c["required"] = json!(true);
        }
    }
    let set = cx.layout_set;
    // The frontend shows the keys themselves ("next", "back") unless the app has these texts.
    pages::add_fixed(
        cx,
        &[
            ("next", ["Neste", "Neste", "Next", "Čuovvovaš"]),
            ("back", ["Tilbake", "Tilbake", "Back", "Ruovttoluotta"]),
        ],
    );
    for (name, mut components) in std::mem::take(&mut state.layouts) {
        for c in &components {
            let id = c["id"].as_str().unwrap_or("");
            if let Some(control) = state.sources.get(id) {
                cx.components.push(super::ComponentOrigin {
                    layout: name.clone(),
                    component: id.to_string(),
                    control: control.id.clone(),
                    also: control.stands_for.clone(),
                    origin: control.origin.clone(),
                });
            }
        }
        if name != "Summary" {
            let id = unique(&mut state.ids, &format!("{name}-nav"));
            components.push(
                json!({ "id": id, "type": "NavigationButtons", "showBackButton": true,
                                    "textResourceBindings": { "next": "next", "back": "back" } }),
            );
        }
        let mut data = json!({ "layout": components });
        if let Some(hidden) = page_hidden.remove(&name) {
            data["hidden"] = hidden;
        }
        cx.json(
            format!("App/ui/{set}/layouts/{name}.json"),
            &json!({ "$schema": LAYOUT_SCHEMA, "data": data }),
        );
    }
    cx.json(
        format!("App/ui/{set}/Settings.json"),
        &json!({
            "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layoutSettings.schema.v1.json",
            "pages": { "order": order, "excludeFromPdf": ["Summary"] },
        }),
    );
    let mut sets = vec![json!({ "id": set, "dataType": cx.data_type, "tasks": [DATA_TASK] })];
    sets.extend(pages::task_sets(cx, &mut state));
    cx.json(
        "App/ui/layout-sets.json",
        &json!({
            "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layout-sets.schema.v1.json",
            "sets": sets,
        }),
    );
    pages::receipt_texts(cx);
    cx.uploads = state.uploads;
}

/// Component id → the view control it was made from.
pub(crate) type Sources<'a> = BTreeMap<String, &'a crate::ir::form::Control>;

/// The view's id of a component (a component the converter made itself keeps its own).
fn view_id<'s>(sources: &'s Sources, id: &'s str) -> &'s str {
    sources.get(id).map_or(id, |c| c.id.as_str())
}

/// One field, one input per page: a later input on a binding the page already edits becomes
/// read-only (two inputs would each keep their own typing until saved, and one value is lost).
fn one_input_per_field(cx: &mut Context, components: &mut [Value], sources: &Sources) {
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for c in components.iter_mut() {
        let kind = c["type"].as_str().unwrap_or("");
        let (Some(binding), Some(id)) = (
            c["dataModelBindings"]["simpleBinding"].as_str(),
            c["id"].as_str(),
        ) else {
            continue;
        };
        if !INPUT_TYPES.contains(&kind) || c["readOnly"] == json!(true) {
            continue;
        }
        let (binding, id) = (binding.to_string(), id.to_string());
        let Some(earlier) = first.get(&binding) else {
            first.insert(binding, id);
            continue;
        };
        c["readOnly"] = json!(true);
        let mut finding = Diagnostic::new(
            Code::FieldShownTwice,
            format!(
                "`{}` shows `{binding}`, which `{}` already edits on this page; it is read-only",
                view_id(sources, &id),
                view_id(sources, earlier)
            ),
        );
        if let Some(control) = sources.get(&id) {
            finding = finding.at(at(&control.origin));
        }
        cx.push(finding);
    }
}

/// Two repeating groups on one repeating element on one page (InfoPath's table of rows and
/// its detail section) would each add and edit the same rows with their own buttons: the
/// second one's fields join the first group (those the first already shows are dropped), and
/// the second group goes. On different pages (one group shown in several views) each page
/// keeps its group: they show the same rows, as the views did.
fn merge_repeating(cx: &mut Context, layouts: &mut [(String, Vec<Value>)], sources: &Sources) {
    let mut merges: Vec<(usize, String, usize, String, String)> = Vec::new();
    for (p, (_, components)) in layouts.iter().enumerate() {
        let mut first: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for c in components {
            let (Some(group), Some(id)) =
                (c["dataModelBindings"]["group"].as_str(), c["id"].as_str())
            else {
                continue;
            };
            match first.get(group) {
                Some((fp, fid)) => {
                    merges.push((*fp, fid.clone(), p, id.to_string(), group.to_string()))
                }
                None => {
                    first.insert(group.to_string(), (p, id.to_string()));
                }
            }
        }
    }
    for (fp, fid, sp, sid, group) in merges {
        let find = |layouts: &[(String, Vec<Value>)], page: usize, id: &str| {
            layouts[page].1.iter().position(|c| c["id"] == id)
        };
        let (Some(si), Some(_)) = (find(layouts, sp, &sid), find(layouts, fp, &fid)) else {
            continue;
        };
        let children: Vec<String> = layouts[sp].1[si]["children"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect();
        let shown: Vec<Value> = {
            let fi = find(layouts, fp, &fid).unwrap_or(0);
            let ids: Vec<String> = layouts[fp].1[fi]["children"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect();
            ids.iter()
                .filter_map(|id| {
                    find(layouts, fp, id)
                        .map(|i| layouts[fp].1[i]["dataModelBindings"]["simpleBinding"].clone())
                })
                .collect()
        };
        // Each child with everything under it (a section inside moves whole); a plain field
        // the first group already shows is dropped (and named in the finding).
        let mut moved = Vec::new();
        let mut dropped: Vec<String> = Vec::new();
        for child in &children {
            let mut subtree = vec![child.clone()];
            let mut k = 0;
            while k < subtree.len() {
                if let Some(i) = find(layouts, sp, &subtree[k]) {
                    let below: Vec<String> = layouts[sp].1[i]["children"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|c| c.as_str().map(str::to_string))
                        .collect();
                    subtree.extend(below);
                }
                k += 1;
            }
            let mut parts = Vec::new();
            for id in &subtree {
                if let Some(i) = find(layouts, sp, id) {
                    parts.push(layouts[sp].1.remove(i));
                }
            }
            let duplicate = parts.len() == 1
                && !parts[0]["dataModelBindings"]["simpleBinding"].is_null()
                && shown.contains(&parts[0]["dataModelBindings"]["simpleBinding"]);
            if duplicate {
                dropped.extend(
                    parts
                        .iter()
                        .filter_map(|p| p["id"].as_str())
                        .map(str::to_string),
                );
            } else {
                moved.extend(parts);
            }
        }
        if let Some(i) = find(layouts, sp, &sid) {
            layouts[sp].1.remove(i);
        }
        let Some(fi) = find(layouts, fp, &fid) else {
            continue;
        };
        let insert_at = (fi + 1 + layouts[fp].1[fi]["children"].as_array().map_or(0, Vec::len))
            .min(layouts[fp].1.len());
        let ids: Vec<Value> = moved
            .iter()
            .filter(|c| children.iter().any(|id| c["id"] == id.as_str()))
            .map(|c| c["id"].clone())
            .collect();
        let count = ids.len();
        if let Some(list) = layouts[fp].1[fi]["children"].as_array_mut() {
            list.extend(ids);
        }
        for (k, component) in moved.into_iter().enumerate() {
            layouts[fp].1.insert(insert_at + k, component);
        }
        // Named by the view's control ids, at the second control.
        let view_id = |id| view_id(sources, id);
        let (first_ctrl, second_ctrl) = (view_id(&fid), view_id(&sid));
        let shown_already = if dropped.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = dropped
                .iter()
                .map(|d| format!("`{}`", view_id(d)))
                .collect();
            format!("; {} show(s) what it already shows", ids.join(", "))
        };
        let mut finding = Diagnostic::new(
            Code::RepeatingGroupMerged,
            format!(
                "`{second_ctrl}` repeats `{group}` like `{first_ctrl}` on the same view: its {count} field(s) the first does not show joined `{first_ctrl}`, and it was left out (two groups on one binding would add the same rows){shown_already}"
            ),
        );
        finding = match sources.get(&sid) {
            Some(control) => finding.at(at(&control.origin)),
            None => finding.in_file(format!(
                "App/ui/{}/layouts/{}.json",
                cx.layout_set, layouts[fp].0
            )),
        };
        cx.push(finding);
    }
}
