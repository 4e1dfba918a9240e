//! The journey: every emitted app filled in as a person would in the app frontend. A small
//! evaluator of the layout expressions the converter writes (the frontend's
//! `expression.schema.v1.json` and its documentation: `dataModel`, `component`, `equals`,
//! `notEquals`, `not`, `and`, `or`, comparisons, `if`, string functions; arguments cast as the
//! frontend casts them) walks the pages in `Settings.json` order from an empty model: the first
//! page shown has inputs; every visible, editable input gets a value its schema allows; pages a
//! choice shows appear once it is made; the summary comes only after every page that asks for
//! something; every value lands at its binding; the final model is valid against the JSON
//! Schema.

use crate::apps::{EmittedApp, all};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tul2studio::emit::layout::INPUT_TYPES as INPUTS;

/// What an expression evaluates to, after the frontend's casts.
fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

fn as_bool(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Null => false,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !matches!(s.as_str(), "" | "false" | "0"),
        _ => true,
    }
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The value at a dotted binding in the model (the first row of a repeating group).
fn read(data: &Value, binding: &str) -> Value {
    let mut node = data;
    for part in binding.split('.') {
        if let Some(rows) = node.as_array() {
            node = rows.first().unwrap_or(&Value::Null);
        }
        node = node.get(part).unwrap_or(&Value::Null);
    }
    node.clone()
}

/// Sets the value at a dotted binding, making objects, and arrays of one row where the schema
/// says the step repeats.
fn write(data: &mut Value, schema: &Value, binding: &str, value: Value) {
    let parts: Vec<&str> = binding.split('.').collect();
    let mut node = data;
    let mut at = crate::convert::deref(schema, schema);
    for (i, part) in parts.iter().enumerate() {
        if !node.is_object() {
            *node = new_object(schema, at);
        }
        at = crate::convert::deref(schema, &at["properties"][*part]);
        let last = i + 1 == parts.len();
        let repeats = at["type"] == "array";
        let slot = node.as_object_mut().unwrap().entry(part.to_string());
        if last {
            *slot.or_insert(Value::Null) = value;
            return;
        }
        node = slot.or_insert(Value::Null);
        if repeats {
            if !node.is_array() || node.as_array().unwrap().is_empty() {
                let row = new_object(schema, crate::convert::deref(schema, &at["items"]));
                *node = json!([row]);
            }
            node = &mut node.as_array_mut().unwrap()[0];
            at = crate::convert::deref(schema, &at["items"]);
        }
    }
}

/// An object as the app's backend makes it: its fixed values (`const`) set, as the C#
/// class initialises them.
fn new_object(schema: &Value, node: &Value) -> Value {
    let mut object = Map::new();
    for (name, property) in node["properties"].as_object().into_iter().flatten() {
        let property = crate::convert::deref(schema, property);
        if let Some(fixed) = property.get("const") {
            object.insert(name.clone(), fixed.clone());
        }
    }
    Value::Object(object)
}

struct Page {
    components: Vec<Value>,
    hidden: Value,
}

/// An expression against the model and the page's components.
fn eval(expr: &Value, data: &Value, components: &BTreeMap<String, Value>) -> Result<Value, String> {
    let Some(list) = expr.as_array() else {
        return Ok(expr.clone());
    };
    let Some(name) = list.first().and_then(Value::as_str) else {
        return Err(format!("not an expression: {expr}"));
    };
    let args: Vec<Value> = list[1..]
        .iter()
        .map(|a| eval(a, data, components))
        .collect::<Result<_, _>>()?;
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
    let compare = |f: fn(f64, f64) -> bool| {
        Ok(match (as_number(&arg(0)), as_number(&arg(1))) {
            (Some(a), Some(b)) => json!(f(a, b)),
            _ => json!(false),
        })
    };
    match name {
        "dataModel" => Ok(read(data, arg(0).as_str().unwrap_or(""))),
        "component" => {
            let id = arg(0).as_str().unwrap_or("").to_string();
            let binding = components
                .get(&id)
                .and_then(|c| c["dataModelBindings"]["simpleBinding"].as_str())
                .ok_or(format!("component `{id}` has no binding"))?;
            Ok(read(data, binding))
        }
        "equals" => Ok(json!(as_string(&arg(0)) == as_string(&arg(1)))),
        "notEquals" => Ok(json!(as_string(&arg(0)) != as_string(&arg(1)))),
        "not" => Ok(json!(!as_bool(&arg(0)))),
        "and" => Ok(json!(args.iter().all(as_bool))),
        "or" => Ok(json!(args.iter().any(as_bool))),
        "greaterThan" => compare(|a, b| a > b),
        "greaterThanEq" => compare(|a, b| a >= b),
        "lessThan" => compare(|a, b| a < b),
        "lessThanEq" => compare(|a, b| a <= b),
        "if" => Ok(if as_bool(&arg(0)) { arg(1) } else { arg(3) }),
        "contains" | "notContains" | "startsWith" | "endsWith" => {
            let (a, b) = (as_string(&arg(0)), as_string(&arg(1)));
            let found = match (a, b) {
                (Some(a), Some(b)) => match name {
                    "startsWith" => a.starts_with(&b),
                    "endsWith" => a.ends_with(&b),
                    _ => a.contains(&b),
                },
                _ => false,
            };
            Ok(json!(if name == "notContains" { !found } else { found }))
        }
        "stringLength" => Ok(json!(as_string(&arg(0)).map_or(0, |s| s.chars().count()))),
        "concat" => Ok(json!(args.iter().filter_map(as_string).collect::<String>())),
        other => Err(format!(
            "expression function `{other}` is not in the evaluator"
        )),
    }
}

/// The JSON type of a schema node (`["number", "null"]` is a number).
fn json_type(node: &Value) -> Option<&str> {
    match &node["type"] {
        Value::String(t) => Some(t.as_str()),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

/// A value the schema node allows, for an input of this kind and options.
fn value_for(node: &Value, options: Option<&Vec<Value>>) -> Value {
    let typed = |text: &str| match json_type(node) {
        Some("integer") | Some("number") => {
            text.parse::<f64>().map(|f| json!(f)).unwrap_or(json!(1))
        }
        Some("boolean") => json!(text == "true"),
        _ => json!(text),
    };
    if let Some(first) = options.and_then(|o| {
        o.iter()
            .filter_map(|o| as_string(&o["value"]))
            .find(|v| !v.is_empty())
    }) {
        return typed(&first);
    }
    if let Some(first) = node["enum"]
        .as_array()
        .and_then(|e| e.iter().find(|v| !v.is_null()))
    {
        return first.clone();
    }
    match json_type(node) {
        Some("integer") => json!(node["minimum"].as_i64().unwrap_or(1).max(1)),
        Some("number") => json!(node["minimum"].as_f64().unwrap_or(1.0).max(1.0)),
        Some("boolean") => json!(true),
        _ => match node["format"].as_str() {
            Some("date") => json!("2026-01-31"),
            Some("date-time") => json!("2026-01-31T12:00:00"),
            _ => {
                let min = node["minLength"].as_u64().unwrap_or(1).max(1) as usize;
                let max = node["maxLength"].as_u64().unwrap_or(64) as usize;
                let text = match node["pattern"].as_str() {
                    Some(p) => crate::runtime::from_pattern(p),
                    None => "x".repeat(min.min(max).max(1)),
                };
                json!(text)
            }
        },
    }
}

/// The bindings an expression reads (`["dataModel", "a.b"]`).
fn data_model_refs(expr: &Value, out: &mut BTreeSet<String>) {
    if let Some(list) = expr.as_array() {
        if list.first() == Some(&json!("dataModel"))
            && let Some(path) = list.get(1).and_then(Value::as_str)
        {
            out.insert(path.to_string());
        }
        for item in list {
            data_model_refs(item, out);
        }
    }
}

/// The ids of the components a container hides with itself: its children, and theirs.
fn under(id: &str, by_id: &BTreeMap<String, Value>, out: &mut BTreeSet<String>) {
    for child in by_id[id]["children"].as_array().into_iter().flatten() {
        let child = child.as_str().unwrap_or("").to_string();
        if by_id.contains_key(&child) && out.insert(child.clone()) {
            under(&child, by_id, out);
        }
    }
}

/// Walks one app; what a person would meet that stops them.
pub fn journey(dir: &Path, data_type: &str) -> Result<Value, String> {
    let read_json = |p: &Path| -> Value {
        serde_json::from_slice(&std::fs::read(p).unwrap_or_default()).unwrap_or(Value::Null)
    };
    let schema = read_json(&dir.join(format!("App/models/{data_type}.schema.json")));
    let settings = read_json(&dir.join("App/ui/form/Settings.json"));
    let order: Vec<String> = settings["pages"]["order"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect();
    let pages: BTreeMap<String, Page> = order
        .iter()
        .map(|name| {
            let layout = read_json(&dir.join(format!("App/ui/form/layouts/{name}.json")));
            let page = Page {
                components: layout["data"]["layout"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
                hidden: layout["data"]["hidden"].clone(),
            };
            (name.clone(), page)
        })
        .collect();
    let is_input = |c: &Value| INPUTS.contains(&c["type"].as_str().unwrap_or(""));
    let asks = |page: &Page| page.components.iter().any(is_input);
    if !pages.values().any(asks) {
        return Ok(json!({})); // nothing to fill in: a model without a form
    }
    let mut data = new_object(&schema, crate::convert::deref(&schema, &schema));
    let mut visited: Vec<String> = Vec::new();
    let mut bound: BTreeSet<String> = BTreeSet::new();
    for name in &order {
        let page = &pages[name];
        let by_id: BTreeMap<String, Value> = page
            .components
            .iter()
            .filter_map(|c| Some((c["id"].as_str()?.to_string(), c.clone())))
            .collect();
        if as_bool(&eval(&page.hidden, &data, &by_id)?) {
            continue;
        }
        if name == "Summary" {
            // Every page that asks for something and is shown must have come before.
            let skipped: Vec<&String> = order
                .iter()
                .filter(|n| *n != "Summary" && !visited.contains(n) && asks(&pages[*n]))
                .filter(|n| {
                    let ids = BTreeMap::new();
                    !as_bool(&eval(&pages[*n].hidden, &data, &ids).unwrap_or(json!(true)))
                })
                .collect();
            if !skipped.is_empty() {
                return Err(format!("the summary comes before pages {skipped:?}"));
            }
            // A page still hidden must hang on a choice the user made; one that hangs only
            // on fields no page let them fill can never be shown.
            let never: Vec<&String> = order
                .iter()
                .filter(|n| *n != "Summary" && !visited.contains(n) && asks(&pages[*n]))
                .filter(|n| {
                    let mut refs = BTreeSet::new();
                    data_model_refs(&pages[*n].hidden, &mut refs);
                    !refs.iter().any(|r| bound.contains(r))
                })
                .collect();
            if !never.is_empty() {
                return Err(format!(
                    "pages {never:?} are hidden by fields no shown page lets the user fill: they can never be shown"
                ));
            }
            if visited.is_empty() {
                return Err("the app opens on its summary: no page to fill in is shown".into());
            }
            break;
        }
        let mut hidden_ids = BTreeSet::new();
        for c in &page.components {
            let id = c["id"].as_str().unwrap_or("");
            if as_bool(&eval(&c["hidden"], &data, &by_id)?) {
                hidden_ids.insert(id.to_string());
                under(id, &by_id, &mut hidden_ids);
            }
        }
        let mut filled = 0;
        for c in page.components.iter().filter(|c| is_input(c)) {
            let id = c["id"].as_str().unwrap_or("");
            if hidden_ids.contains(id) || as_bool(&eval(&c["readOnly"], &data, &by_id)?) {
                continue;
            }
            let Some(binding) = c["dataModelBindings"]["simpleBinding"].as_str() else {
                continue;
            };
            let node = crate::frontend::schema_node(&schema, binding)
                .ok_or(format!("{name} {id}: `{binding}` is not in the schema"))?;
            let options = c["optionsId"].as_str().map(|o| {
                read_json(&dir.join(format!("App/options/{o}.json")))
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            });
            let nothing = |o: &Vec<Value>| {
                !o.iter()
                    .filter_map(|o| as_string(&o["value"]))
                    .any(|v| !v.is_empty() && v != tul2studio::emit::layout::PLACEHOLDER)
            };
            // A list the app's code-list provider gives has no file: it has values to choose.
            let file = c["optionsId"]
                .as_str()
                .map(|o| dir.join(format!("App/options/{o}.json")));
            if file.as_ref().is_some_and(|f| f.is_file()) && options.as_ref().is_some_and(nothing) {
                return Err(format!(
                    "{name} {id}: the list `{}` has nothing to choose",
                    c["optionsId"]
                ));
            }
            let value = value_for(node, options.as_ref());
            bound.insert(binding.to_string());
            write(&mut data, &schema, binding, value.clone());
            if read(&data, binding) != value {
                return Err(format!(
                    "{name} {id}: a value typed into `{binding}` did not land there"
                ));
            }
            filled += 1;
        }
        if visited.is_empty() && filled == 0 && asks(page) {
            return Err(format!(
                "the first page shown, {name}, has no input a person can fill"
            ));
        }
        visited.push(name.clone());
    }
    let validator = jsonschema::validator_for(&schema).map_err(|e| e.to_string())?;
    // What the user could act on: errors at a field a page showed, or inside a group that
    // holds one. (A required element no page shows is the model's; the converter reports it.)
    let reachable = |path: &str| {
        let dotted: String = path
            .trim_start_matches('/')
            .split('/')
            .filter(|s| s.parse::<usize>().is_err())
            .collect::<Vec<_>>()
            .join(".");
        bound
            .iter()
            .any(|b| *b == dotted || b.starts_with(&format!("{dotted}.")))
    };
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .filter(|e| {
            // A missing property is where it is missing, not at its parent.
            let mut at = e.instance_path().to_string();
            if let jsonschema::error::ValidationErrorKind::Required { property } = e.kind() {
                at = format!("{at}/{}", property.as_str().unwrap_or(""));
            }
            reachable(&at)
        })
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "the filled-in model is not valid: {}",
            errors.join("; ")
        ));
    }
    Ok(data)
}

#[test]
fn every_app_can_be_filled_in_and_submitted() {
    let Some(apps) = all() else { return };
    let failures: Vec<String> = apps
        .iter()
        .filter_map(|app: &EmittedApp| {
            journey(&app.dir, &app.data_type)
                .err()
                .map(|e| format!("{}: {e}", app.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A form track decides the later pages only: its own page stays, the second page shows once
/// the choice that lists it is made, and the choice is required.
#[test]
fn a_form_track_shows_its_pages_once_chosen() {
    let Some(apps) = all() else { return };
    let app = apps.iter().find(|a| a.name == "synthetic:track").unwrap();
    let layout = |name: &str| -> Value {
        serde_json::from_slice(
            &std::fs::read(app.dir.join(format!("App/ui/form/layouts/{name}.json"))).unwrap(),
        )
        .unwrap()
    };
    assert!(
        layout("Side1")["data"]["hidden"].is_null(),
        "the track's own page is never hidden"
    );
    let side2 = layout("Side2")["data"]["hidden"].clone();
    let none = BTreeMap::new();
    assert_eq!(eval(&side2, &json!({}), &none).unwrap(), json!(true));
    assert_eq!(
        eval(&side2, &json!({"Soknadstype": "1"}), &none).unwrap(),
        json!(false)
    );
    assert_eq!(
        eval(&side2, &json!({"Soknadstype": "2"}), &none).unwrap(),
        json!(true)
    );
    let choice = layout("Side1")["data"]["layout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["dataModelBindings"]["simpleBinding"] == "Soknadstype")
        .cloned()
        .unwrap();
    assert_eq!(choice["required"], json!(true), "{choice}");
    let filled = journey(&app.dir, &app.data_type).unwrap();
    assert_eq!(
        filled["Begrunnelse"],
        json!("x"),
        "the second page was filled in: {filled}"
    );
}

#[test]
fn the_evaluator_casts_as_the_frontend_does() {
    let none = BTreeMap::new();
    let data = json!({"a": {"b": 1}, "rows": [{"c": "ja"}]});
    let e = |x: Value| eval(&x, &data, &none).unwrap();
    assert_eq!(e(json!(["equals", ["dataModel", "a.b"], "1"])), json!(true));
    assert_eq!(
        e(json!(["equals", ["dataModel", "rows.c"], "ja"])),
        json!(true)
    );
    assert_eq!(e(json!(["not", ["dataModel", "missing"]])), json!(true));
    assert_eq!(
        e(json!(["greaterThan", ["dataModel", "a.b"], 0])),
        json!(true)
    );
    assert_eq!(
        e(json!(["or", false, ["notEquals", "x", null]])),
        json!(true)
    );
    assert!(eval(&json!(["unknownFunction"]), &data, &none).is_err());
}
