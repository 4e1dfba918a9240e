//! The UI: `layout-sets.json`, `Settings.json`, one layout per form page (controls →
//! components), an attachments page for the service's attachment types, a summary page,
//! option files and images.

use super::Context;
use super::names::unique_component_id as unique;
use super::names::{binding_path, component_id, page_name};
use super::process::{DATA_TASK, TaskKind};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::ir::expr::{BinOp, Expr, Function, Step};
use crate::ir::form::{ConditionEffect, Control, ControlKind, LangText, ViewCondition};
use crate::ir::{Lang, Origin, Page, PageType};
use serde_json::{Map, Value, json};
use std::collections::HashSet;

const LAYOUT_SCHEMA: &str =
    "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layout.schema.v1.json";

fn at(origin: &Origin) -> Location {
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

struct Pages<'a> {
    ids: HashSet<String>,
    layouts: Vec<(String, Vec<Value>)>,
    uploads: Vec<UploadType>,
    help_texts: &'a [crate::ir::Text],
}

pub fn emit(cx: &mut Context) {
    let service = cx.service;
    let form = service.form.as_ref();
    let pages: Vec<&Page> = form.map(|f| f.pages.iter().collect()).unwrap_or_default();
    let mut state = Pages {
        ids: HashSet::new(),
        layouts: Vec::new(),
        uploads: Vec::new(),
        help_texts: &service.texts,
    };
    let mut names = HashSet::new();
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
            component(
                cx,
                &mut state,
                &name,
                control,
                &mut components,
                &mut first_text,
            );
        }
        state.layouts.push((name, components));
    }
    attachments_page(cx, &mut state);
    summary_page(cx, &mut state);
    let order: Vec<String> = state.layouts.iter().map(|(n, _)| n.clone()).collect();
    let set = cx.layout_set;
    for (name, mut components) in std::mem::take(&mut state.layouts) {
        if name != "Summary" {
            let id = unique(&mut state.ids, &format!("{name}-nav"));
            components
                .push(json!({ "id": id, "type": "NavigationButtons", "showBackButton": true }));
        }
        cx.json(
            format!("App/ui/{set}/layouts/{name}.json"),
            &json!({ "$schema": LAYOUT_SCHEMA, "data": { "layout": components } }),
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
    sets.extend(task_sets(cx, &mut state));
    cx.json(
        "App/ui/layout-sets.json",
        &json!({
            "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layout-sets.schema.v1.json",
            "sets": sets,
        }),
    );
    receipt_texts(cx);
    cx.uploads = state.uploads;
}

/// The binding of a control as a layout path, or why it cannot be bound.
fn bind(cx: &mut Context, control: &Control) -> Result<Option<String>, ()> {
    let Some(binding) = &control.binding else {
        return Ok(None);
    };
    if let Some(helper) = binding.helper {
        cx.push(
            Diagnostic::new(
                Code::HelperField,
                format!(
                    "{} `{}` is bound to the {helper:?} helper field `{}`, which is not in the data model; it was left out",
                    control.kind.name(),
                    control.id,
                    binding.path
                ),
            )
            .at(at(&control.origin)),
        );
        return Err(());
    }
    if cx.model.find(&binding.path).is_none() {
        return Err(()); // reported by the analyser (TUL1102)
    }
    Ok(Some(binding_path(cx.model, &binding.path)))
}

fn component(
    cx: &mut Context,
    state: &mut Pages,
    page: &str,
    control: &Control,
    out: &mut Vec<Value>,
    first_text: &mut bool,
) {
    let Ok(binding) = bind(cx, control) else {
        return;
    };
    let raw_id = if state.ids.contains(&component_id(&control.id)) {
        format!("{page}-{}", control.id)
    } else {
        control.id.clone()
    };
    let id = unique(&mut state.ids, &raw_id);
    let mut c = Map::new();
    c.insert("id".into(), json!(id));
    let mut trb = Map::new();
    if let Some(key) = cx.texts.add(&format!("{id}.title"), &control.label) {
        trb.insert("title".into(), json!(key));
    }
    let description = cx
        .texts
        .add(&format!("{id}.description"), &control.description);
    if let Some(help) = &control.help {
        let text: LangText = state
            .help_texts
            .iter()
            .filter(|t| t.text_type.eq_ignore_ascii_case("HelpText") && t.text_code == *help)
            .map(|t| (t.lang, t.value.clone()))
            .collect();
        match cx.texts.add(&format!("help.{}", component_id(help)), &text) {
            Some(key) => {
                trb.insert("help".into(), json!(key));
            }
            None => cx.push(
                Diagnostic::new(
                    Code::HelpTextMissing,
                    format!("help button `{help}` has no HelpText translation"),
                )
                .at(at(&control.origin)),
            ),
        }
    }
    let simple = |c: &mut Map<String, Value>, binding: &Option<String>| {
        if let Some(b) = binding {
            c.insert("dataModelBindings".into(), json!({ "simpleBinding": b }));
        }
    };
    let needs_binding = !matches!(
        control.kind,
        ControlKind::Text
            | ControlKind::Hyperlink { .. }
            | ControlKind::Image { .. }
            | ControlKind::Button { .. }
            | ControlKind::HelpButton
            | ControlKind::Expression { .. }
            | ControlKind::Section
            | ControlKind::OptionalSection
    );
    if needs_binding && binding.is_none() {
        cx.push(
            Diagnostic::new(
                Code::ControlNotConverted,
                format!(
                    "{} `{}` has no usable binding; no component was made",
                    control.kind.name(),
                    control.id
                ),
            )
            .at(at(&control.origin)),
        );
        return;
    }
    let mut children: Vec<Value> = Vec::new();
    let kind = match &control.kind {
        ControlKind::TextBox { multiline: false } => {
            simple(&mut c, &binding);
            if matches!(
                control.format.as_deref(),
                Some("number" | "currency" | "percentage")
            ) {
                c.insert(
                    "formatting".into(),
                    json!({ "number": { "thousandSeparator": " ", "decimalSeparator": "," } }),
                );
            }
            max_length(cx, control, &mut c);
            "Input"
        }
        ControlKind::TextBox { multiline: true } => {
            simple(&mut c, &binding);
            max_length(cx, control, &mut c);
            "TextArea"
        }
        ControlKind::RichText => {
            simple(&mut c, &binding);
            cx.push(
                Diagnostic::new(
                    Code::RichTextFlattened,
                    format!(
                        "rich text `{}` becomes a plain TextArea; formatting is lost",
                        control.id
                    ),
                )
                .at(at(&control.origin)),
            );
            "TextArea"
        }
        ControlKind::DatePicker => {
            simple(&mut c, &binding);
            c.insert("format".into(), json!("DD.MM.YYYY"));
            "Datepicker"
        }
        ControlKind::Dropdown | ControlKind::ListBox | ControlKind::ComboBox => {
            simple(&mut c, &binding);
            if control.kind == ControlKind::ComboBox {
                cx.push(
                    Diagnostic::new(
                        Code::ComboBoxFreeText,
                        format!(
                            "combo box `{}` becomes a Dropdown; free-text entry is lost",
                            control.id
                        ),
                    )
                    .at(at(&control.origin)),
                );
            }
            options(cx, control, &id, &mut c);
            "Dropdown"
        }
        ControlKind::OptionButtons => {
            simple(&mut c, &binding);
            options(cx, control, &id, &mut c);
            "RadioButtons"
        }
        ControlKind::CheckBox => {
            simple(&mut c, &binding);
            let value = control.on_value.clone().unwrap_or_else(|| "true".into());
            let label = trb
                .get("title")
                .cloned()
                .unwrap_or_else(|| json!(value.clone()));
            let options_id = id.clone();
            cx.json(
                format!("App/options/{options_id}.json"),
                &json!([{ "value": value, "label": label }]),
            );
            c.insert("optionsId".into(), json!(options_id));
            "Checkboxes"
        }
        ControlKind::MultiSelectList => {
            simple(&mut c, &binding);
            cx.push(
                Diagnostic::new(
                    Code::MultiSelectModel,
                    format!("multi-select list `{}` stores a list in the data model; Altinn 3 stores the choices comma-separated in one field", control.id),
                )
                .at(at(&control.origin)),
            );
            options(cx, control, &id, &mut c);
            "MultipleSelect"
        }
        ControlKind::Expression { expression } => match &binding {
            Some(_) => {
                simple(&mut c, &binding);
                c.insert("readOnly".into(), json!(true));
                "Input"
            }
            None => {
                cx.push(
                    Diagnostic::new(
                        Code::ComputedExpression,
                        format!("expression box `{}` computes `{}`; compute it in the app's backend and show it with a component", control.id, expression.source),
                    )
                    .at(at(&control.origin)),
                );
                if !trb.contains_key("title") {
                    return;
                }
                "Paragraph"
            }
        },
        ControlKind::Text => {
            if !trb.contains_key("title") {
                return;
            }
            if std::mem::take(first_text) {
                c.insert("size".into(), json!("h2"));
                "Header"
            } else {
                "Paragraph"
            }
        }
        ControlKind::Hyperlink { href } => {
            let target = match &binding {
                Some(b) => json!(["dataModel", b]),
                None => json!(href),
            };
            trb.insert("target".into(), target);
            trb.entry("title").or_insert_with(|| json!(href));
            c.insert("style".into(), json!("link"));
            c.insert("openInNewTab".into(), json!(true));
            "Link"
        }
        ControlKind::Image { src } => {
            if binding.is_some() || src.is_empty() {
                cx.push(
                    Diagnostic::new(Code::ImageNotConverted, format!("picture `{}` holds its image in the form data; Altinn 3 has no such component", control.id))
                        .at(at(&control.origin)),
                );
                return;
            }
            if !copy_image(cx, src) {
                cx.push(
                    Diagnostic::new(
                        Code::ImageNotConverted,
                        format!("image `{src}` is not in the form template"),
                    )
                    .at(at(&control.origin)),
                );
                return;
            }
            if let Some(title) = trb.remove("title") {
                trb.insert("altTextImg".into(), title);
            }
            let file = src.rsplit('/').next().unwrap_or(src);
            let srcs: Map<String, Value> = cx
                .texts
                .langs
                .iter()
                .map(|l| {
                    (
                        l.code().to_string(),
                        json!(format!("wwwroot/images/{file}")),
                    )
                })
                .collect();
            c.insert(
                "image".into(),
                json!({ "src": srcs, "width": "100%", "align": "center" }),
            );
            "Image"
        }
        ControlKind::FileAttachment => {
            cx.push(
                Diagnostic::new(
                    Code::FileAttachmentField,
                    format!("file attachment `{}` kept the file inside the form data; it becomes a FileUpload with its own data type", control.id),
                )
                .at(at(&control.origin)),
            );
            state.uploads.push(UploadType {
                id: id.clone(),
                description: control.label.clone(),
                max_size_mb: None,
                min_count: 0,
                max_count: 1,
                extensions: None,
            });
            c.insert("displayMode".into(), json!("simple"));
            c.insert("maxFileSizeInMB".into(), json!(25));
            c.insert("maxNumberOfAttachments".into(), json!(1));
            c.insert("minNumberOfAttachments".into(), json!(0));
            "FileUpload"
        }
        ControlKind::Button { caption } => {
            cx.push(
                Diagnostic::new(Code::ButtonNotConverted, format!("button `{}` (`{caption}`) runs form rules or code; rebuild it as a CustomButton with backend logic", control.id))
                    .at(at(&control.origin)),
            );
            return;
        }
        ControlKind::HelpButton => return,
        ControlKind::Section
        | ControlKind::OptionalSection
        | ControlKind::RepeatingSection
        | ControlKind::RepeatingTable => {
            let mut first = false;
            for child in &control.children {
                component(cx, state, page, child, &mut children, &mut first);
            }
            let ids: Vec<Value> = children.iter().map(|ch| ch["id"].clone()).collect();
            c.insert("children".into(), json!(ids));
            let node = control
                .binding
                .as_ref()
                .and_then(|b| cx.model.find(&b.path));
            match (node, &binding) {
                (Some(node), Some(b)) if node.repeats() => {
                    c.insert("dataModelBindings".into(), json!({ "group": b }));
                    c.insert("maxCount".into(), json!(node.max_occurs.unwrap_or(999)));
                    if control.kind == ControlKind::RepeatingTable {
                        c.insert("edit".into(), json!({ "mode": "showTable" }));
                    }
                    "RepeatingGroup"
                }
                _ => "Group",
            }
        }
    };
    let input = [
        "Input",
        "TextArea",
        "Datepicker",
        "Dropdown",
        "RadioButtons",
        "Checkboxes",
        "MultipleSelect",
    ]
    .contains(&kind);
    if input
        && control
            .binding
            .as_ref()
            .is_some_and(|b| required(cx, &b.path))
    {
        c.insert("required".into(), json!(true));
    }
    if let Some(key) = description {
        // A repeating group's placeholder text is its add button; elsewhere a description.
        trb.insert(
            if kind == "RepeatingGroup" {
                "add_button"
            } else {
                "description"
            }
            .into(),
            json!(key),
        );
    }
    // `id` and `type` first, as Studio writes them.
    let mut ordered = Map::new();
    ordered.insert("id".into(), c.remove("id").unwrap_or_default());
    ordered.insert("type".into(), json!(kind));
    ordered.append(&mut c);
    let mut c = ordered;
    let (hidden, read_only) = conditions(cx, control);
    if let Some(h) = hidden {
        c.insert("hidden".into(), h);
    }
    if control.read_only
        && !matches!(
            kind,
            "Header" | "Paragraph" | "Link" | "Image" | "Group" | "RepeatingGroup"
        )
    {
        c.insert("readOnly".into(), json!(true));
    } else if let Some(r) = read_only {
        c.insert("readOnly".into(), r);
    }
    if !trb.is_empty() {
        c.insert("textResourceBindings".into(), Value::Object(trb));
    }
    out.push(Value::Object(c));
    out.extend(children);
}

/// A field the schema requires: it and every element above it occur at least once and are
/// not nillable.
fn required(cx: &Context, path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    (2..=parts.len()).all(|n| {
        let prefix = format!("/{}", parts[..n].join("/"));
        cx.model
            .find(&prefix)
            .is_some_and(|node| node.min_occurs > 0 && !node.nillable && !node.in_choice)
    })
}

fn max_length(cx: &Context, control: &Control, c: &mut Map<String, Value>) {
    let node = control
        .binding
        .as_ref()
        .and_then(|b| cx.model.find(&b.path));
    if let Some(max) = node.and_then(|n| n.restrictions.max_length.or(n.restrictions.length)) {
        c.insert("maxLength".into(), json!(max));
    }
}

/// Writes the static options of a control to `App/options/<id>.json`, or refers to the code
/// list its data connection names.
fn options(cx: &mut Context, control: &Control, id: &str, c: &mut Map<String, Value>) {
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
        let options_id = component_id(&name);
        c.insert("optionsId".into(), json!(options_id));
        cx.push(
            Diagnostic::new(
                Code::CodeListNotInPackage,
                format!("{} `{}` takes its options from {detail}, which is not in the package; provide `App/options/{options_id}.json` or an options provider", control.kind.name(), control.id),
            )
            .at(at(&control.origin)),
        );
        return;
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
                format!("{} `{}` has no options", control.kind.name(), control.id),
            )
            .at(at(&control.origin)),
        );
    }
    cx.json(format!("App/options/{id}.json"), &Value::Array(items));
    c.insert("optionsId".into(), json!(id));
}

fn copy_image(cx: &mut Context, src: &str) -> bool {
    let Some(form) = cx.service.form.as_ref() else {
        return false;
    };
    let file = src.rsplit('/').next().unwrap_or(src);
    let data = form
        .templates
        .iter()
        .find_map(|t| t.member(file))
        .map(|m| m.data.clone());
    match data {
        Some(bytes) => {
            cx.file(format!("App/wwwroot/images/{file}"), bytes);
            true
        }
        None => false,
    }
}

/// `hidden` and `readOnly` expressions from the view's conditions.
fn conditions(cx: &mut Context, control: &Control) -> (Option<Value>, Option<Value>) {
    let mut hidden = Vec::new();
    let mut read_only = Vec::new();
    for condition in &control.conditions {
        if condition.effect == ConditionEffect::FieldAuthorization {
            cx.push(
                Diagnostic::new(
                    Code::FieldAuthorization,
                    format!("{} `{}` is hidden or read-only by field-level authorization; Altinn 3 has no such rights", control.kind.name(), control.id),
                )
                .at(at(&control.origin)),
            );
            continue;
        }
        match translate(cx, condition) {
            Some(expr) => match condition.effect {
                ConditionEffect::ShowWhen => hidden.push(json!(["not", expr])),
                ConditionEffect::HideWhen => hidden.push(expr),
                ConditionEffect::ReadOnlyWhen => read_only.push(expr),
                ConditionEffect::FieldAuthorization => {}
            },
            None => cx.push(
                Diagnostic::new(
                    Code::ConditionNotConverted,
                    format!(
                        "the condition `{}` on {} `{}` has no Altinn 3 expression{}; set `{}` by hand",
                        condition.when.source,
                        control.kind.name(),
                        control.id,
                        condition.when.unsupported.as_ref().map(|u| format!(" ({})", u.reason)).unwrap_or_default(),
                        if condition.effect == ConditionEffect::ReadOnlyWhen { "readOnly" } else { "hidden" }
                    ),
                )
                .at(at(&control.origin)),
            ),
        }
    }
    let combine = |mut list: Vec<Value>| match list.len() {
        0 => None,
        1 => list.pop(),
        _ => Some(json!(
            ["or"]
                .into_iter()
                .map(Value::from)
                .chain(list)
                .collect::<Vec<_>>()
        )),
    };
    (combine(hidden), combine(read_only))
}

/// An XPath condition as an Altinn expression, when it has one.
pub fn translate(cx: &Context, condition: &ViewCondition) -> Option<Value> {
    expression(cx, condition.when.expr.as_ref()?, &condition.context)
}

fn expression(cx: &Context, expr: &Expr, context: &str) -> Option<Value> {
    Some(match expr {
        Expr::String { value } => json!(value),
        Expr::Number { value } => json!(value),
        Expr::Path(path) => {
            let mut parts: Vec<String> = if path.absolute {
                Vec::new()
            } else {
                context
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            for step in &path.steps {
                match step {
                    Step::Current => {}
                    Step::Parent => {
                        parts.pop()?;
                    }
                    Step::Child(q) => parts.push(q.local.clone()),
                    Step::Attribute(q) => parts.push(format!("@{}", q.local)),
                }
            }
            let absolute = format!("/{}", parts.join("/"));
            cx.model.find(&absolute)?;
            json!(["dataModel", binding_path(cx.model, &absolute)])
        }
        Expr::Negate { operand } => json!(["minus", 0, expression(cx, operand, context)?]),
        Expr::Binary { op, left, right } => {
            let name = match op {
                BinOp::Or => "or",
                BinOp::And => "and",
                BinOp::Eq => "equals",
                BinOp::Ne => "notEquals",
                BinOp::Lt => "lessThan",
                BinOp::Le => "lessThanEq",
                BinOp::Gt => "greaterThan",
                BinOp::Ge => "greaterThanEq",
                BinOp::Add => "plus",
                BinOp::Sub => "minus",
                BinOp::Mul => "multiply",
                BinOp::Div => "divide",
                BinOp::Mod => return None,
            };
            json!([
                name,
                expression(cx, left, context)?,
                expression(cx, right, context)?
            ])
        }
        Expr::Call { function, args } => {
            let arg = |i: usize| args.get(i).and_then(|a| expression(cx, a, context));
            match function {
                Function::Not => json!(["not", arg(0)?]),
                Function::StringLength => json!(["stringLength", arg(0)?]),
                Function::True => json!(true),
                Function::False => json!(false),
                Function::String | Function::NormalizeSpace => arg(0)?,
                Function::Contains => json!(["contains", arg(0)?, arg(1)?]),
                Function::StartsWith => json!(["startsWith", arg(0)?, arg(1)?]),
                Function::Concat => {
                    let mut list = vec![json!("concat")];
                    for a in args {
                        list.push(expression(cx, a, context)?);
                    }
                    Value::Array(list)
                }
                Function::Count | Function::Sum | Function::Number | Function::Boolean => {
                    return None;
                }
            }
        }
    })
}

fn attachments_page(cx: &mut Context, state: &mut Pages) {
    let types = &cx.service.attachment_types;
    if types.is_empty() {
        return;
    }
    let mut components = Vec::new();
    for t in types {
        let id = unique(&mut state.ids, &t.name);
        let max_count = t.max_count.unwrap_or(1).max(1);
        let mut c = json!({
            "id": id,
            "type": "FileUpload",
            "displayMode": "list",
            "maxFileSizeInMB": t.max_size_mb.unwrap_or(25).min(200),
            "maxNumberOfAttachments": max_count,
            "minNumberOfAttachments": t.min_count.unwrap_or(0),
        });
        if let Some(key) = cx.texts.add(&format!("{id}.title"), &t.texts) {
            c["textResourceBindings"] = json!({ "title": key });
        }
        if let Some(exts) = &t.allowed_extensions {
            c["validFileEndings"] = json!(exts.iter().map(|e| format!(".{e}")).collect::<Vec<_>>());
            c["hasCustomFileEndings"] = json!(true);
        }
        components.push(c);
        state.uploads.push(UploadType {
            id,
            description: t.texts.clone(),
            max_size_mb: t.max_size_mb,
            min_count: t.min_count.unwrap_or(0),
            max_count,
            extensions: t.allowed_extensions.clone(),
        });
    }
    let title: LangText = cx
        .texts
        .langs
        .iter()
        .map(|l| (*l, attachments_title(*l).to_string()))
        .collect();
    cx.texts.add("Vedlegg", &title);
    let mut name = String::from("Vedlegg");
    while state
        .layouts
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(&name))
    {
        name.push('x');
    }
    state.layouts.push((name, components));
}

fn attachments_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb | Lang::Nn => "Vedlegg",
        Lang::En => "Attachments",
        Lang::Se => "Mielddusat",
    }
}

fn summary_page(cx: &mut Context, state: &mut Pages) {
    add_fixed(
        cx,
        &[
            (
                "summary.title",
                ["Oppsummering", "Oppsummering", "Summary", "Čoahkkáigeassu"],
            ),
            ("submit.title", ["Send inn", "Send inn", "Submit", "Sádde"]),
            (
                "Summary",
                ["Oppsummering", "Oppsummering", "Summary", "Čoahkkáigeassu"],
            ),
        ],
    );
    let header = unique(&mut state.ids, "summary-title");
    let summary = unique(&mut state.ids, "summary");
    let submit = unique(&mut state.ids, "submit");
    state.layouts.push((
        "Summary".into(),
        vec![
            json!({ "id": header, "type": "Header", "size": "h2", "textResourceBindings": { "title": "summary.title" } }),
            json!({ "id": summary, "type": "Summary2", "target": { "type": "layoutSet" } }),
            json!({ "id": submit, "type": "Button", "textResourceBindings": { "title": "submit.title" } }),
        ],
    ));
}

/// One layout set per kind of later task: signing (a summary and sign/reject buttons) and
/// payment (the Payment component).
fn task_sets(cx: &mut Context, state: &mut Pages) -> Vec<Value> {
    let mut sets = Vec::new();
    for (kind, set, page) in [
        (TaskKind::Signing, "signing", "Signering"),
        (TaskKind::Payment, "payment", "Betaling"),
    ] {
        let tasks: Vec<String> = cx
            .tasks
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.id.clone())
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let mut components = Vec::new();
        if kind == TaskKind::Signing {
            add_fixed(
                cx,
                &[
                    (
                        "signing.title",
                        ["Signering", "Signering", "Signing", "Vuolláičállin"],
                    ),
                    ("signing.sign", ["Signer", "Signer", "Sign", "Vuolláičálle"]),
                    ("signing.reject", ["Avvis", "Avvis", "Reject", "Hilgo"]),
                ],
            );
            components.push(json!({ "id": unique(&mut state.ids, "signing-title"), "type": "Header", "size": "h2", "textResourceBindings": { "title": "signing.title" } }));
            components.push(json!({ "id": unique(&mut state.ids, "signing-summary"), "type": "Summary2", "target": { "type": "layoutSet", "taskId": DATA_TASK } }));
            components.push(json!({ "id": unique(&mut state.ids, "sign-button"), "type": "ActionButton", "action": "sign", "buttonStyle": "primary", "textResourceBindings": { "title": "signing.sign" } }));
            components.push(json!({ "id": unique(&mut state.ids, "reject-button"), "type": "ActionButton", "action": "reject", "buttonStyle": "secondary", "textResourceBindings": { "title": "signing.reject" } }));
        } else {
            add_fixed(
                cx,
                &[(
                    "payment.title",
                    ["Betaling", "Betaling", "Payment", "Máksin"],
                )],
            );
            components.push(json!({ "id": unique(&mut state.ids, "payment"), "type": "Payment", "textResourceBindings": { "title": "payment.title" } }));
        }
        cx.json(
            format!("App/ui/{set}/layouts/{page}.json"),
            &json!({ "$schema": LAYOUT_SCHEMA, "data": { "layout": components } }),
        );
        cx.json(
            format!("App/ui/{set}/Settings.json"),
            &json!({
                "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layoutSettings.schema.v1.json",
                "pages": { "order": [page] },
            }),
        );
        sets.push(json!({ "id": set, "dataType": cx.data_type, "tasks": tasks }));
    }
    sets
}

/// Texts given in nb, nn, en and se, added for the app's languages.
fn add_fixed(cx: &mut Context, texts: &[(&str, [&str; 4])]) {
    for (key, values) in texts {
        let text: LangText = cx
            .texts
            .langs
            .iter()
            .map(|l| {
                (
                    *l,
                    values[Lang::ALL.iter().position(|x| x == l).unwrap_or(0)].to_string(),
                )
            })
            .collect();
        cx.texts.add(key, &text);
    }
}

/// TUL receipt texts become the receipt's texts.
fn receipt_texts(cx: &mut Context) {
    for (text_type, key) in [
        ("ReceiptText", "receipt.body"),
        ("ReceiptInformationText", "receipt.subtitle"),
    ] {
        let text: LangText = cx
            .service
            .texts
            .iter()
            .filter(|t| t.text_type.eq_ignore_ascii_case(text_type))
            .map(|t| (t.lang, t.value.clone()))
            .collect();
        cx.texts.add(key, &text);
    }
}
