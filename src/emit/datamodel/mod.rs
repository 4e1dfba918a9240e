//! The data model files: `<Model>.schema.json` (JSON Schema 2020-12 with the `@xsd*`
//! annotations Studio's editor reads, named types under `$defs` as Studio's XSD import makes
//! them), `<Model>.xsd` (the original schema as UTF-8, with every schema it imports beside it)
//! and `<Model>.cs` (the C# class in the shape Studio generates, which .NET's XmlSerializer
//! reads and writes without losing anything the schema allows).

use super::Context;
use super::names::csharp_identifier;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::model::{ModelKind, ModelNode, Restrictions, json_type};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

mod csharp;
mod json_schema;
#[cfg(test)]
mod tests;

use csharp::*;
use json_schema::*;

pub fn emit(cx: &mut Context) {
    let name = cx.data_type.clone();
    let schema = json_schema(cx);
    cx.json(format!("App/models/{name}.schema.json"), &schema);
    cx.file(
        format!("App/models/{name}.xsd"),
        normalised_xsd(&cx.model.source).into_bytes(),
    );
    write_imports(cx, &name);
    cx.file(format!("App/models/{name}.cs"), csharp(cx).into_bytes());
    report(cx);
}

/// The schemas `<Model>.xsd` imports, under the names its `schemaLocation`s use.
fn write_imports(cx: &mut Context, name: &str) {
    let own = [
        format!("{name}.xsd"),
        format!("{name}.cs"),
        format!("{name}.schema.json"),
        format!("{name}.prefill.json"),
    ];
    for import in &cx.model.imports {
        let plain = !import.name.is_empty()
            && !import.name.contains(['/', '\\', ':'])
            && !import.name.starts_with('.');
        if !plain || own.iter().any(|o| o.eq_ignore_ascii_case(&import.name)) {
            let d = Diagnostic::new(
                Code::ImportedSchemaNotWritten,
                format!(
                    "`{}`, imported by the data model, was not written to App/models: its name clashes with the model's own files",
                    import.name
                ),
            )
            .in_file(&cx.model.file);
            cx.diagnostics.push(d);
            continue;
        }
        let bytes = normalised_xsd(&import.text).into_bytes();
        cx.files
            .insert(format!("App/models/{}", import.name), bytes);
    }
}

/// Findings about the model's data: rich text fields, and initial data no reader can load.
fn report(cx: &mut Context) {
    let mut found = Vec::new();
    for node in cx.model.nodes().into_iter().filter(|n| n.mixed) {
        found.push(
            Diagnostic::new(
                Code::RichTextField,
                format!(
                    "`{}` holds rich text: the app keeps its markup in the XML, and the form shows and edits its text only",
                    node.path
                ),
            )
            .at((&node.origin).into()),
        );
    }
    // XML names the frontend cannot take as one step of a binding.
    for parent in cx.model.nodes() {
        for (child, json) in parent
            .children
            .iter()
            .zip(crate::emit::names::json_names(parent))
        {
            if json != child.name {
                found.push(
                    Diagnostic::new(
                        Code::ModelNameRenamed,
                        format!(
                            "`{}` is `{json}` in the app's JSON, its JSON Schema and its bindings (the frontend splits a binding at each dot); the XML keeps `{}`",
                            child.path, child.name
                        ),
                    )
                    .at((&child.origin).into()),
                );
            }
        }
    }
    let empty = &cx.model.empty_in_template;
    if let Some(first) = empty.first() {
        let shown: Vec<String> = empty
            .iter()
            .take(5)
            .map(|e| format!("`{}` ({})", e.path, e.value_type))
            .collect();
        let more = if empty.len() > 5 {
            format!(" and {} more", empty.len() - 5)
        } else {
            String::new()
        };
        found.push(
            Diagnostic::new(
                Code::EmptyNumberInInitialData,
                format!(
                    "template.xml has {} empty value(s) typed as numbers or booleans ({}{more}); XmlSerializer cannot read them, so the app starts from an empty model, and Altinn II data of this shape needs them removed before import",
                    empty.len(),
                    shown.join(", ")
                ),
            )
            .at((&first.origin).into()),
        );
    }
    cx.diagnostics.extend(found);
}

/// The schema text with its XML declaration saying UTF-8 (which is what it now is).
fn normalised_xsd(source: &str) -> String {
    let body = match source
        .strip_prefix("<?xml")
        .and_then(|rest| rest.find("?>").map(|end| &rest[end + 2..]))
    {
        Some(after) => after.trim_start_matches(['\r', '\n']),
        None => source,
    };
    let mut text = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{body}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.replace("\r\n", "\n")
}
