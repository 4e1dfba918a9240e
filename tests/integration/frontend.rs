//! What the app frontend (v4) and Studio require of the layouts, checked over every emitted
//! app (docs/app-contracts.md): each rule here is one the frontend reported as a configuration
//! error, or a behaviour that broke a page, when converted forms were rendered in it.

use crate::apps::{EmittedApp, all};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (layout set, page, components) of every layout of the app.
fn layouts(dir: &Path) -> Vec<(String, String, Vec<Value>)> {
    let mut out = Vec::new();
    let ui = dir.join("App/ui");
    for set in std::fs::read_dir(&ui)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        let set_name = set.file_name().to_string_lossy().into_owned();
        let Ok(pages) = std::fs::read_dir(set.path().join("layouts")) else {
            continue;
        };
        let mut pages: Vec<_> = pages.flatten().map(|p| p.path()).collect();
        pages.sort();
        for page in pages {
            let layout: Value = serde_json::from_slice(&std::fs::read(&page).unwrap()).unwrap();
            let name = page.file_stem().unwrap().to_string_lossy().into_owned();
            let components = layout["data"]["layout"].as_array().unwrap().clone();
            out.push((set_name.clone(), name, components));
        }
    }
    out
}

/// language → text keys.
fn text_keys(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("App/config/texts"))
        .unwrap()
        .flatten()
    {
        let doc: Value = serde_json::from_slice(&std::fs::read(entry.path()).unwrap()).unwrap();
        let keys = doc["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        out.insert(doc["language"].as_str().unwrap().to_string(), keys);
    }
    out
}

/// The JSON Schema node a dotted binding names.
use tul2studio::emit::layout::INPUT_TYPES as INPUT_KINDS;

pub fn schema_node<'a>(schema: &'a Value, binding: &str) -> Option<&'a Value> {
    let mut node = crate::convert::deref(schema, schema);
    for part in binding.split('.') {
        if node["type"] == "array" {
            node = crate::convert::deref(schema, &node["items"]);
        }
        node = crate::convert::deref(schema, node["properties"].get(part)?);
    }
    Some(node)
}

fn check(app: &EmittedApp) -> Vec<String> {
    let dir = &app.dir;
    let mut found = Vec::new();
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap_or_default();
    let schema: Value =
        serde_json::from_str(&read(&format!("App/models/{}.schema.json", app.data_type))).unwrap();
    let program = read("App/Program.cs");
    let csproj = read("App/App.csproj");
    let codelists = program.contains("AddAltinnCodelists(services)")
        && csproj.contains("Include=\"Altinn.Codelists\"");
    let common: BTreeSet<&str> = [
        "kommuner",
        "fylker",
        "land",
        "poststed",
        "kjønn",
        "sivilstand",
        "næringsgruppering",
        "yrker",
    ]
    .into();
    let texts = text_keys(dir);
    let mut needed_keys: BTreeSet<String> = BTreeSet::new();
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    // Two repeating groups on one binding on one page add the same rows, each with its own
    // button (on different pages they show the same rows, as InfoPath's views did).
    let mut groups: BTreeMap<String, String> = BTreeMap::new();
    let every = layouts(dir);
    let all_pages: BTreeSet<(String, String)> = every
        .iter()
        .map(|(s, p, _)| (s.clone(), p.clone()))
        .collect();
    let all_ids: BTreeSet<(String, String)> = every
        .iter()
        .flat_map(|(s, _, cs)| {
            cs.iter()
                .filter_map(|c| Some((s.clone(), c["id"].as_str()?.to_string())))
        })
        .collect();
    for (set, page, components) in every {
        let here = format!("{set}/{page}");
        let mut inputs: BTreeMap<String, String> = BTreeMap::new();
        let by_id: BTreeMap<&str, &Value> = components
            .iter()
            .map(|c| (c["id"].as_str().unwrap(), c))
            .collect();
        for c in &components {
            let id = c["id"].as_str().unwrap();
            let kind = c["type"].as_str().unwrap();
            // The frontend resolves a binding step by step at its dots; one that does not
            // resolve is a red configuration-error box where the field should be.
            for (key, binding) in c["dataModelBindings"].as_object().into_iter().flatten() {
                let Some(binding) = binding.as_str() else {
                    continue;
                };
                match schema_node(&schema, binding) {
                    None => found.push(format!(
                        "{here} {id}: binding {key} `{binding}` does not resolve in the JSON Schema"
                    )),
                    // A simple binding must reach a value (the frontend's
                    // `validateDataModelBindingsSimple`: string, boolean, number, integer).
                    Some(node) if key == "simpleBinding" => {
                        let types: Vec<&str> = match &node["type"] {
                            Value::String(t) => vec![t.as_str()],
                            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                            _ => vec![],
                        };
                        if types.iter().any(|t| matches!(*t, "array" | "object")) {
                            found.push(format!(
                                "{here} {id}: simpleBinding `{binding}` reaches a {types:?}, not a value"
                            ));
                        }
                    }
                    // A group binding must reach a list (the frontend's repeating groups).
                    Some(node) if key == "group" && node["type"] != "array" => found.push(format!(
                        "{here} {id}: group `{binding}` reaches a {}, not a list",
                        node["type"]
                    )),
                    Some(_) => {}
                }
            }
            if let Some(options) = c["optionsId"].as_str() {
                let file = dir.join(format!("App/options/{options}.json"));
                let provided = codelists && common.contains(options);
                if !file.is_file() && !provided {
                    found.push(format!(
                        "{here} {id}: options `{options}` has no file or provider"
                    ));
                }
                // A lone check box shows its option as its text; a title would repeat it.
                if kind == "Checkboxes" && file.is_file() {
                    let list: Value =
                        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
                    let title = &c["textResourceBindings"]["title"];
                    if list.as_array().is_some_and(|l| l.len() == 1) && *title == list[0]["label"] {
                        found.push(format!("{here} {id}: the title repeats the only option"));
                    }
                }
            }
            if kind == "Datepicker" {
                let binding = c["dataModelBindings"]["simpleBinding"].as_str().unwrap();
                let format = schema_node(&schema, binding).and_then(|n| n["format"].as_str());
                let stamp = c["timeStamp"].as_bool().unwrap_or(true);
                match format {
                    Some("date") if stamp => found.push(format!(
                        "{here} {id}: a `date` field with timeStamp true (the frontend's red box)"
                    )),
                    Some("date-time") if !stamp => found.push(format!(
                        "{here} {id}: a `date-time` field with timeStamp false"
                    )),
                    _ => {}
                }
            }
            if kind == "Summary2" {
                let target = &c["target"];
                let own = target["type"] == "layoutSet" && target["taskId"].is_null()
                    || target["type"] == "page" && target["id"] == page.as_str();
                if own {
                    found.push(format!("{here} {id}: the summary page summarises itself"));
                }
            }
            if let Some(group) = c["dataModelBindings"]["group"].as_str()
                && let Some(other) = groups.insert(format!("{set}:{page}:{group}"), id.to_string())
            {
                found.push(format!("{here}: {id} and {other} both repeat `{group}`"));
            }
            if kind == "RepeatingGroup" && c["textResourceBindings"].get("add_button").is_some() {
                found.push(format!(
                    "{here} {id}: add_button is appended to «Legg til ny»"
                ));
            }
            if kind == "NavigationButtons" {
                for key in ["next", "back"] {
                    let bound = c["textResourceBindings"][key].as_str().unwrap_or(key);
                    needed_keys.insert(bound.to_string());
                }
            }
            for (role, value) in c["textResourceBindings"].as_object().into_iter().flatten() {
                if let Some(key) = value.as_str().filter(|_| role != "target") {
                    needed_keys.insert(key.to_string());
                }
            }
            // What a summary refers to exists: a page of its set, a component of its set.
            let target = &c["target"];
            let refers = match (kind, target["type"].as_str()) {
                ("Summary2", Some("page")) => target["id"].as_str().map(|p| ("page", p)),
                ("Summary2", Some("component")) => target["id"].as_str().map(|p| ("component", p)),
                ("Summary", _) => c["componentRef"].as_str().map(|p| ("component", p)),
                _ => None,
            };
            match refers {
                Some(("page", p)) if !all_pages.contains(&(set.clone(), p.to_string())) => found
                    .push(format!(
                        "{here} {id}: summarises page `{p}`, which does not exist"
                    )),
                Some(("component", r)) if !all_ids.contains(&(set.clone(), r.to_string())) => found
                    .push(format!(
                        "{here} {id}: summarises `{r}`, which does not exist"
                    )),
                _ => {}
            }
            // One editable input per field and page: two would each keep their own typing.
            if INPUT_KINDS.contains(&kind)
                && c["readOnly"] != json!(true)
                && let Some(b) = c["dataModelBindings"]["simpleBinding"].as_str()
                && let Some(other) = inputs.insert(b.to_string(), id.to_string())
            {
                found.push(format!("{here}: {other} and {id} both edit `{b}`"));
            }
            // A single choice never offers an empty value (InfoPath's "Velg …" is no option).
            if matches!(kind, "Dropdown" | "RadioButtons")
                && let Some(options) = c["optionsId"].as_str()
                && let Ok(bytes) = std::fs::read(dir.join(format!("App/options/{options}.json")))
            {
                let list: Value = serde_json::from_slice(&bytes).unwrap_or_default();
                if list
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|o| o["value"] == "")
                {
                    found.push(format!("{here} {id}: `{options}` offers an empty value"));
                }
            }
            for child in c["children"].as_array().into_iter().flatten() {
                let child = child.as_str().unwrap().to_string();
                if !by_id.contains_key(child.as_str()) {
                    found.push(format!("{here} {id}: child {child} is not on the page"));
                }
                if let Some(other) = claimed.insert(child.clone(), id.to_string()) {
                    found.push(format!("{here}: {child} is claimed by {other} and {id}"));
                }
            }
        }
    }
    for (lang, keys) in &texts {
        for key in needed_keys.iter().filter(|k| !keys.contains(*k)) {
            found.push(format!("text `{key}` is missing in {lang}"));
        }
    }
    found
}

#[test]
fn every_emitted_app_renders_without_configuration_errors() {
    let Some(apps) = all() else { return };
    let failures: Vec<String> = apps
        .iter()
        .flat_map(|app| {
            check(app)
                .into_iter()
                .map(move |f| format!("{}: {f}", app.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn two_views_of_one_repeating_element_become_one_group() {
    let Some(apps) = all() else { return };
    let expense = apps
        .iter()
        .find(|a| a.name == "real:Expense Report.xsn")
        .unwrap();
    // The itemised table and the item details section both repeat `items.item` (TUL1311).
    assert!(expense.codes.contains(&"TUL1311"), "{:?}", expense.codes);
    let groups: usize = layouts(&expense.dir)
        .iter()
        .flat_map(|(_, _, c)| c.iter())
        .filter(|c| c["dataModelBindings"]["group"] == "items.item")
        .count();
    assert_eq!(groups, 1);
}

/// XML names with dots bind by their JSON names (TUL2010), unique beside a sibling already
/// named so; the XML keeps its names.
#[test]
fn dotted_xml_names_bind_by_their_json_names() {
    let Some(apps) = all() else { return };
    let app = apps.iter().find(|a| a.name == "synthetic:names").unwrap();
    let renamed = app.codes.iter().filter(|c| **c == "TUL2010").count();
    assert_eq!(renamed, 5, "{:?}", app.messages);
    let bindings: BTreeSet<String> = layouts(&app.dir)
        .iter()
        .flat_map(|(_, _, c)| c.iter())
        .flat_map(|c| {
            c["dataModelBindings"]
                .as_object()
                .cloned()
                .into_iter()
                .flatten()
        })
        .filter_map(|(_, v)| v.as_str().map(str::to_string))
        .collect();
    for expected in [
        "patient.patient_family_name_",
        "patient.patient_family_name",
        "patient.weight_kg.value",
        "patient.weight_kg.unit_code",
        "visits.visit_row",
        "visits.visit_row.visit_date",
    ] {
        assert!(
            bindings.contains(expected),
            "{expected} not in {bindings:?}"
        );
    }
    let cs =
        std::fs::read_to_string(app.dir.join(format!("App/models/{}.cs", app.data_type))).unwrap();
    assert!(cs.contains(r#"[XmlElement("patient.family_name""#), "{cs}");
    assert!(
        cs.contains(r#"[JsonPropertyName("patient_family_name_")]"#),
        "{cs}"
    );
    assert!(cs.contains(r#"[XmlAttribute("unit.code")]"#), "{cs}");
}
