//! A control → a component: the frontend's rules for each component type.

use super::super::Context;
use super::super::names::unique_component_id as unique;
use super::super::names::{binding_path, component_id};
use super::expressions::conditions;
use super::options::options;
use super::{Pages, UploadType, at};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::form::{Control, ControlKind, LangText};
use serde_json::{Map, Value, json};

/// An InfoPath date pattern in the frontend's tokens (`dd.MM.yyyy` → `DD.MM.YYYY`), when it
/// is only days, months, years and separators (names of days have no token there).
fn frontend_date_format(pattern: &str) -> Option<String> {
    let converted: String = pattern
        .chars()
        .map(|c| match c {
            'd' => 'D',
            'y' => 'Y',
            c => c,
        })
        .collect();
    converted
        .chars()
        .all(|c| "DMY.-/ ".contains(c))
        .then_some(converted)
}

/// Columns a repeating table shows in its rows before the rest move to the row's editor.
const TABLE_COLUMNS: usize = 4;

/// The `type` of the form fields, as written.
pub const INPUT_TYPES: [&str; 7] = [
    "Input",
    "TextArea",
    "Datepicker",
    "Dropdown",
    "RadioButtons",
    "Checkboxes",
    "MultipleSelect",
];

/// The app frontend's component types the converter makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ComponentType {
    Input,
    TextArea,
    Datepicker,
    Dropdown,
    RadioButtons,
    Checkboxes,
    MultipleSelect,
    Header,
    Paragraph,
    Link,
    Image,
    FileUpload,
    Group,
    RepeatingGroup,
}

impl ComponentType {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            ComponentType::Input => "Input",
            ComponentType::TextArea => "TextArea",
            ComponentType::Datepicker => "Datepicker",
            ComponentType::Dropdown => "Dropdown",
            ComponentType::RadioButtons => "RadioButtons",
            ComponentType::Checkboxes => "Checkboxes",
            ComponentType::MultipleSelect => "MultipleSelect",
            ComponentType::Header => "Header",
            ComponentType::Paragraph => "Paragraph",
            ComponentType::Link => "Link",
            ComponentType::Image => "Image",
            ComponentType::FileUpload => "FileUpload",
            ComponentType::Group => "Group",
            ComponentType::RepeatingGroup => "RepeatingGroup",
        }
    }

    /// Takes `readOnly`: the form fields and file uploads.
    pub(super) fn takes_read_only(self) -> bool {
        self.is_input() || self == ComponentType::FileUpload
    }

    /// A form field: it takes `required`.
    pub(super) fn is_input(self) -> bool {
        INPUT_TYPES.contains(&self.as_str())
    }
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

pub(super) fn component<'a>(
    cx: &mut Context,
    state: &mut Pages<'a>,
    control: &'a Control,
    out: &mut Vec<Value>,
    first_text: &mut bool,
) {
    let Ok(binding) = bind(cx, control) else {
        return;
    };
    // The bound node and its path, looked up once (the model outlives the context's borrow).
    let model = cx.model;
    let path = control.binding.as_ref().map_or("", |b| b.path.as_str());
    let node = control.binding.as_ref().and_then(|b| model.find(&b.path));
    // A field bound to a list of values (a repeating element with no children: the choices
    // of a multi-select list, a value InfoPath shows the first of): the frontend binds a field
    // to one value only, and refuses the page otherwise.
    let value_list =
        node.is_some_and(|n| n.repeats() && !n.attribute && !n.is_structured() && !n.mixed);
    if value_list && !control.kind.is_container() && !matches!(control.kind, ControlKind::Text) {
        cx.push(
            Diagnostic::new(
                Code::ValueListNotEditable,
                format!(
                    "{} `{}` is bound to `{path}`, a list of values, which no Altinn 3 component edits; it was left out",
                    control.kind.name(),
                    control.id,
                ),
            )
            .at(at(&control.origin)),
        );
        return;
    }
    let id = unique(&mut state.ids, &readable_name(control, binding.as_deref()));
    state.sources.insert(id.clone(), control);
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
            ComponentType::Input
        }
        ControlKind::TextBox { multiline: true } => {
            simple(&mut c, &binding);
            max_length(cx, control, &mut c);
            ComponentType::TextArea
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
            ComponentType::TextArea
        }
        ControlKind::DatePicker => {
            simple(&mut c, &binding);
            // The view's own pattern, else the Norwegian short date InfoPath showed.
            let format = control
                .date_format
                .as_deref()
                .and_then(frontend_date_format)
                .unwrap_or_else(|| "DD.MM.YYYY".into());
            c.insert("format".into(), json!(format));
            // The frontend stores a timestamp unless told not to, which a `date` field refuses.
            let bound = node.and_then(|n| n.value_type.as_deref());
            c.insert("timeStamp".into(), json!(bound == Some("dateTime")));
            ComponentType::Datepicker
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
            if options(cx, control, &id, &mut c) {
                ComponentType::Dropdown
            } else {
                c.remove("optionsId");
                ComponentType::Input
            }
        }
        ControlKind::OptionButtons => {
            simple(&mut c, &binding);
            if options(cx, control, &id, &mut c) {
                ComponentType::RadioButtons
            } else {
                c.remove("optionsId");
                ComponentType::Input
            }
        }
        ControlKind::CheckBox => {
            simple(&mut c, &binding);
            let value = control.on_value.clone().unwrap_or_else(|| "true".into());
            // A lone check box: its label is its one option, not a title above it as well.
            let label = trb.remove("title").unwrap_or_else(|| json!(value.clone()));
            let options_id = id.clone();
            cx.json(
                format!("App/options/{options_id}.json"),
                &json!([{ "value": value, "label": label }]),
            );
            c.insert("optionsId".into(), json!(options_id));
            ComponentType::Checkboxes
        }
        ControlKind::MultiSelectList => {
            simple(&mut c, &binding);
            if options(cx, control, &id, &mut c) {
                ComponentType::MultipleSelect
            } else {
                c.remove("optionsId");
                ComponentType::Input
            }
        }
        ControlKind::Expression { expression } => match &binding {
            Some(_) => {
                simple(&mut c, &binding);
                c.insert("readOnly".into(), json!(true));
                ComponentType::Input
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
                ComponentType::Paragraph
            }
        },
        ControlKind::Text => {
            if !trb.contains_key("title") {
                return;
            }
            if std::mem::take(first_text) {
                c.insert("size".into(), json!("h2"));
                ComponentType::Header
            } else {
                ComponentType::Paragraph
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
            ComponentType::Link
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
            ComponentType::Image
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
            ComponentType::FileUpload
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
            // A child's component comes first in what it adds, its own descendants after it:
            // only those first ones are this container's children (a component may have one
            // parent only, or the frontend refuses the page).
            let mut ids: Vec<Value> = Vec::new();
            for child in &control.children {
                let start = children.len();
                component(cx, state, child, &mut children, &mut first);
                if children.len() > start {
                    ids.push(children[start]["id"].clone());
                }
            }
            c.insert("children".into(), json!(ids));
            // The ids of the fields among the direct children, for a table's columns.
            let fields: Vec<Value> = children
                .iter()
                .filter(|ch| ids.contains(&ch["id"]))
                .filter(|ch| INPUT_TYPES.contains(&ch["type"].as_str().unwrap_or("")))
                .map(|ch| ch["id"].clone())
                .collect();
            match (node, &binding) {
                (Some(node), Some(b)) if node.repeats() => {
                    // A group binds the repeating element itself, not its text (an element
                    // with a text and attributes binds `x.value` as a field).
                    let group = if node.simple_content {
                        b.strip_suffix(".value").unwrap_or(b)
                    } else {
                        b
                    };
                    c.insert("dataModelBindings".into(), json!({ "group": group }));
                    c.insert("maxCount".into(), json!(node.max_occurs.unwrap_or(999)));
                    if control.kind == ControlKind::RepeatingTable {
                        c.insert("edit".into(), json!({ "mode": "showTable" }));
                    }
                    // More columns than a row can show: the first ones in the table, all of
                    // them in the row's editor.
                    if fields.len() > TABLE_COLUMNS {
                        c.insert("tableHeaders".into(), json!(fields[..TABLE_COLUMNS]));
                    }
                    ComponentType::RepeatingGroup
                }
                // An empty group shows nothing and the frontend warns about it.
                _ if ids.is_empty() => {
                    cx.push(
                        Diagnostic::new(
                            Code::EmptySection,
                            format!(
                                "{} `{}` holds nothing the app shows{}; it was left out",
                                control.kind.name(),
                                control.id,
                                if control.children.is_empty() {
                                    String::new()
                                } else {
                                    format!(
                                        " (its {} control(s) are reported on their own)",
                                        control.children.len()
                                    )
                                }
                            ),
                        )
                        .at(at(&control.origin)),
                    );
                    return;
                }
                _ => ComponentType::Group,
            }
        }
    };
    // Required by the schema, or by the view's own marker (`*`) on a field the user edits;
    // never on a read-only field nothing fills (the user could not submit).
    let marked = control.marked_required && !control.read_only;
    let must = kind.is_input()
        && control
            .binding
            .as_ref()
            .is_some_and(|b| marked || required(cx, &b.path));
    let filled_elsewhere = node.is_some() && filled_by_prefill_or_calculation(cx, path);
    let required_here = must && (!control.read_only || filled_elsewhere);
    if must && !required_here {
        cx.push(
            Diagnostic::new(
                Code::RequiredNotReachable,
                format!(
                    "{} `{}` shows `{path}`, which the schema requires, read-only, and no prefill or calculation fills it; it is not marked required (a person could not fill it in)",
                    control.kind.name(),
                    control.id,
                ),
            )
            .at(at(&control.origin)),
        );
    }
    if let Some(key) = description {
        // A repeating group's placeholder text is its add button's whole text ("Legg til
        // varelinje"; `add_button` would be appended to "Legg til ny"); elsewhere a description.
        trb.insert(
            if kind == ComponentType::RepeatingGroup {
                "add_button_full"
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
    ordered.insert("type".into(), json!(kind.as_str()));
    ordered.append(&mut c);
    let mut c = ordered;
    let (hidden, read_only) = conditions(cx, control);
    if required_here {
        // Where a view rule hides the field, it is required only while shown.
        let when = match &hidden {
            Some(h) => json!(["not", h]),
            None => json!(true),
        };
        c.insert("required".into(), when);
    }
    if let Some(h) = hidden {
        c.insert("hidden".into(), h);
    }
    if control.read_only && kind.takes_read_only() {
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

/// Does a prefill or a calculation of the form fill the field?
fn filled_by_prefill_or_calculation(cx: &Context, path: &str) -> bool {
    let prefilled = cx
        .service
        .form
        .as_ref()
        .and_then(|f| f.prefill.as_ref())
        .is_some_and(|p| p.fields.iter().any(|f| f.path == path));
    let calculated = cx
        .service
        .form
        .as_ref()
        .is_some_and(|f| f.logic.calculations.iter().any(|c| c.target == path));
    prefilled || calculated
}

/// A component id a Studio user can read, made from what the component is: the last two steps
/// of its binding (`Kontaktperson.navn` → `kontaktperson-navn`), else the first words of its
/// text, else the view's control id. Stable when a newer export of the form is converted
/// again: it depends on the field and its label, not on the order of the view.
fn readable_name(control: &Control, binding: Option<&str>) -> String {
    if let Some(binding) = binding {
        // OR names carry their register numbers (`Frist-grp-5802`, `FristSykdom-datadef-30514`):
        // the words are the name.
        let steps: Vec<&str> = binding
            .split('.')
            .filter(|s| *s != "value" && !s.is_empty())
            .map(|s| {
                ["-grp-", "-datadef-"]
                    .iter()
                    .find_map(|m| s.find(m).map(|at| &s[..at]))
                    .unwrap_or(s)
            })
            .collect();
        let mut from = steps.len().saturating_sub(2);
        // `Soker.SokerNavn` says `Soker` once.
        if steps.len() >= 2 {
            let (group, field) = (steps[from].to_lowercase(), steps[from + 1].to_lowercase());
            if field.starts_with(&group) {
                from += 1;
            }
        }
        // `antallAnsatte` → `antall-ansatte`: words of a camel-cased name stay apart.
        let mut name = String::new();
        let mut previous_lower = false;
        for c in steps[from..].join("-").chars() {
            if c.is_uppercase() && previous_lower {
                name.push('-');
            }
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
            name.push(c);
        }
        if !component_id(&name).is_empty() && name.chars().any(char::is_alphanumeric) {
            return name;
        }
    }
    let label = control
        .label
        .values()
        .next()
        .map(String::as_str)
        .unwrap_or("");
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    if !words.is_empty() {
        return words.join("-");
    }
    control.id.clone()
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

/// Copies an image of the form template to `App/wwwroot/images/`.
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

#[cfg(test)]
mod tests {
    use super::{frontend_date_format, readable_name};
    use crate::emit::names::component_id;
    use crate::ir::form::{Control, ControlKind};
    use crate::ir::{Lang, Origin};

    #[test]
    fn component_ids_say_what_the_field_is() {
        let control = |label: &str| {
            let mut c = Control::new("CTRL7", ControlKind::Text, Origin::default());
            if !label.is_empty() {
                c.label.insert(Lang::Nb, label.to_string());
            }
            c
        };
        let id = |c: &Control, b: Option<&str>| component_id(&readable_name(c, b));
        assert_eq!(id(&control(""), Some("Virksomhet.navn")), "virksomhet-navn");
        assert_eq!(
            id(&control(""), Some("Skjemadata.antallAnsatte")),
            "skjemadata-antall-ansatte"
        );
        // OR: the register numbers go, and the group is said once.
        assert_eq!(
            id(
                &control(""),
                Some("Soker-grp-5801.SokerNavn-datadef-2.value")
            ),
            "soker-navn"
        );
        assert_eq!(
            id(&control("Opplysninger om virksomheten"), None),
            "opplysninger-om-virksomheten"
        );
        assert_eq!(id(&control("Fødselsnummer"), None), "foedselsnummer");
        assert_eq!(id(&control(""), None), "ctrl7");
    }

    #[test]
    fn infopath_date_patterns_become_frontend_formats() {
        assert_eq!(
            frontend_date_format("dd.MM.yyyy").as_deref(),
            Some("DD.MM.YYYY")
        );
        assert_eq!(
            frontend_date_format("yyyy-MM-dd").as_deref(),
            Some("YYYY-MM-DD")
        );
        assert_eq!(frontend_date_format("dddd, MMMM d"), None, "names of days");
    }
}
