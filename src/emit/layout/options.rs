//! Options: the static options of a control as `App/options/<id>.json`, code lists.

use super::super::Context;
use super::super::names::component_id;
use super::{at, codelists};

/// The value of the one entry of an options file that stands in for a missing code list.
pub const PLACEHOLDER: &str = "tul2studio-placeholder";
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::form::Control;
use serde_json::{Map, Value, json};

/// Writes the static options of a control to `App/options/<id>.json`, or refers to the code
/// list its data connection names. False when there is nothing a person could choose (a code
/// list that is not in the package and that the view did not show, a list with no options):
/// the caller then makes the field one the user types into, so the form stays usable.
pub(super) fn options(
    cx: &mut Context,
    control: &Control,
    id: &str,
    c: &mut Map<String, Value>,
) -> bool {
    if let Some(source) = &control.options_source {
        let form = cx.service.form.as_ref();
        let list = form
            .and_then(|f| f.logic.data_connections.iter().find(|d| d.name == *source))
            .and_then(|d| match &d.source {
                crate::ir::form::ConnectionSource::CodeList { list, version, .. } => {
                    Some((list.clone(), version.clone()))
                }
                _ => None,
            });
        let (name, detail) = match &list {
            Some((list, version)) => (
                list.clone(),
                format!("the Altinn II code list `{list}` (version {version})"),
            ),
            None => (source.clone(), format!("the data connection `{source}`")),
        };
        if let Some(common) = codelists::common(&name) {
            c.insert("optionsId".into(), json!(common));
            cx.codelists = true;
            cx.push(
                Diagnostic::new(
                    Code::CommonCodeList,
                    format!("{} `{}` takes its options from {detail}; it uses `{common}` from Altinn's common code lists (Altinn.Codelists, registered in Program.cs)", control.kind.name(), control.id),
                )
                .at(at(&control.origin)),
            );
            return true;
        }
        let options_id = component_id(&name);
        c.insert("optionsId".into(), json!(options_id));
        // The form must run meanwhile: the values the view showed, else a marked placeholder.
        let path = format!("App/options/{options_id}.json");
        let shown = !control.options.is_empty();
        if !cx.files.contains_key(&path) {
            let items: Vec<Value> = if shown {
                let mut items = Vec::new();
                for (n, option) in control.options.iter().enumerate() {
                    let label = cx
                        .texts
                        .add(&format!("{options_id}.option{}", n + 1), &option.label)
                        .unwrap_or_else(|| option.value.clone());
                    items.push(json!({ "value": option.value, "label": label }));
                }
                items
            } else {
                vec![
                    json!({ "value": PLACEHOLDER, "label": format!("Code list {name} is missing: replace {path}") }),
                ]
            };
            cx.json(path.clone(), &Value::Array(items));
        }
        let written = if shown {
            format!("`{path}` holds the values the view shows until the real list replaces it")
        } else {
            format!(
                "until the list is in `{path}` (it holds one placeholder entry), the field is a text field the user types the code into; make it a drop-down again once the list is there"
            )
        };
        cx.push(
            Diagnostic::new(
                Code::CodeListNotInPackage,
                format!("{} `{}` takes its options from {detail}, which is not in the package; {written}", control.kind.name(), control.id),
            )
            .at(at(&control.origin)),
        );
        return shown;
    }
    let model_values = control
        .binding
        .as_ref()
        .and_then(|b| cx.model.find(&b.path))
        .map(|n| n.restrictions.enumeration.clone())
        .unwrap_or_default();
    let mut items = Vec::new();
    for (n, option) in control.options.iter().enumerate() {
        let label = cx
            .texts
            .add(&format!("{id}.option{}", n + 1), &option.label)
            .unwrap_or_else(|| option.value.clone());
        items.push(json!({ "value": option.value, "label": label }));
    }
    if items.is_empty() {
        // No options in the view: the schema's enumeration is the list.
        for value in model_values.iter().filter(|v| !v.is_empty()) {
            items.push(json!({ "value": value, "label": value }));
        }
    }
    if items.is_empty() {
        cx.push(
            Diagnostic::new(
                Code::ControlNotConverted,
                format!("{} `{}` has no options (they come from outside the form, or from nowhere); it is a text field the user types the value into", control.kind.name(), control.id),
            )
            .at(at(&control.origin)),
        );
        return false;
    }
    cx.json(format!("App/options/{id}.json"), &Value::Array(items));
    c.insert("optionsId".into(), json!(id));
    true
}
