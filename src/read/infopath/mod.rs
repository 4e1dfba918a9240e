//! InfoPath form internals: the members of each `.xsn` into the form part of the model —
//! the data model (XSD), the pages' controls (view XSL), rules and validations
//! (`manifest.xsf`), code lists.
//!
//! The main language's template gives the structure (model, controls, logic); the other
//! languages' templates give their texts, matched by control id and binding.

pub mod merge;
pub mod view;
pub mod xpath;
pub mod xsd;
pub mod xsf;

use super::Reader;
use super::xml::Xml;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::form::Control;
use crate::ir::model::{DataModel, ModelKind};
use crate::ir::{FormTemplate, Lang, Service};
use std::sync::Arc;

/// Members that hold text the form reader may parse.
fn is_text_member(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xsf", ".xsl", ".xsd", ".xml"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// One template, decoded and read.
struct TemplateRead {
    lang: Lang,
    xsf: xsf::Xsf,
    /// Controls per page (same order as `form.pages`); `None` where the view is missing.
    pages: Vec<Option<Vec<Control>>>,
    views: Vec<String>,
}

pub fn read_forms(r: &mut Reader, service: &mut Service) {
    let Some(form) = service.form.as_mut() else {
        return;
    };
    if form.templates.is_empty() {
        return;
    }
    let main_lang = service
        .edition
        .main_language
        .or(service.languages.first().copied());
    let main = form
        .templates
        .iter()
        .position(|t| Some(t.lang) == main_lang)
        .unwrap_or(0);
    let order: Vec<usize> = std::iter::once(main)
        .chain((0..form.templates.len()).filter(|i| *i != main))
        .collect();
    let mut model: Option<DataModel> = None;
    let mut reads = Vec::new();
    for index in order {
        let template = &form.templates[index];
        let texts = decode_members(r, template);
        let first = reads.is_empty();
        if let Some(read) = read_template(r, template, &texts, &mut model, first, &form.pages) {
            reads.push(read);
        }
    }
    let mut reads = reads.into_iter();
    let Some(main_read) = reads.next() else {
        return;
    };
    let mut logic = main_read.xsf.logic;
    for (page, controls) in form.pages.iter_mut().zip(main_read.pages) {
        page.controls = controls.unwrap_or_default();
    }
    for other in reads {
        xsf::merge_texts(&mut logic, &other.xsf.logic);
        for ((page, controls), view) in form.pages.iter_mut().zip(other.pages).zip(&other.views) {
            if let Some(controls) = controls {
                merge::merge(
                    &mut page.controls,
                    &controls,
                    other.lang,
                    view,
                    &mut r.diagnostics,
                );
            }
        }
    }
    form.logic = logic;
    form.model = model;
}

/// The text members of a template, decoded and kept as sources for snippets.
fn decode_members(r: &mut Reader, template: &FormTemplate) -> Vec<(String, Arc<str>)> {
    template
        .members
        .iter()
        .filter(|m| is_text_member(&m.name))
        .map(|m| {
            (
                m.name.clone(),
                r.decode(&format!("{}!{}", template.file, m.name), &m.data),
            )
        })
        .collect()
}

fn member<'t>(texts: &'t [(String, Arc<str>)], name: &str) -> Option<&'t (String, Arc<str>)> {
    texts.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))
}

fn read_template(
    r: &mut Reader,
    template: &FormTemplate,
    texts: &[(String, Arc<str>)],
    model: &mut Option<DataModel>,
    read_model: bool,
    pages: &[crate::ir::Page],
) -> Option<TemplateRead> {
    let shown = |m: &str| format!("{}!{m}", template.file);
    let Some((name, text)) = member(texts, "manifest.xsf") else {
        r.push(
            Diagnostic::new(
                Code::MissingFile,
                format!(
                    "`{}` has no manifest.xsf; it is not an InfoPath form",
                    template.file
                ),
            )
            .in_file(&template.file),
        );
        return None;
    };
    let xml = Xml::parse(&shown(name), text, &r.limits, &mut r.diagnostics)?;
    let mut definition = xsf::read(&xml, template.lang, &mut r.diagnostics);
    for (connection, file) in definition.query_files.clone() {
        let Some((query_name, query_text)) = member(texts, &file) else {
            continue;
        };
        if let Some(query) = Xml::parse(
            &shown(query_name),
            query_text,
            &r.limits,
            &mut r.diagnostics,
        ) && let Some(c) = definition
            .logic
            .data_connections
            .iter_mut()
            .find(|c| c.name == connection)
        {
            xsf::classify_query(c, &query);
        }
    }
    if read_model {
        let slot = &mut *model;
        let schema_texts: Vec<(String, &str)> =
            texts.iter().map(|(n, t)| (n.clone(), &**t)).collect();
        // The form's initial data, parsed once: the root element's name when the manifest
        // does not say it, and the empty typed values below.
        let initial = member(texts, "template.xml")
            .and_then(|(name, text)| Xml::parse(&shown(name), text, &r.limits, &mut Vec::new()));
        let root_hint = definition
            .root_element
            .clone()
            .or_else(|| Some(initial.as_ref()?.root().tag_name().name().to_string()));
        let entry = definition
            .root_schema
            .clone()
            .unwrap_or_else(|| "myschema.xsd".into());
        let input = xsd::SchemaInput {
            members: &schema_texts,
            entry: &entry,
            root_hint: root_hint.as_deref(),
            xsn: &template.file,
        };
        *slot = xsd::read_model(&input, &r.limits, &mut r.diagnostics);
        if let (Some(model), Some(xml)) = (slot.as_mut(), &initial) {
            model.empty_in_template = empty_typed_values(xml, model);
        }
        if slot.is_none() && !r.diagnostics.iter().any(|d| d.code == Code::ModelMissing) {
            r.push(
                Diagnostic::new(
                    Code::ModelMissing,
                    format!("no data model could be read from `{}`", template.file),
                )
                .in_file(shown(&entry)),
            );
        }
    }
    let (root, model_is_infopath) = model
        .as_ref()
        .map(|m| (m.root.name.clone(), m.kind == ModelKind::InfoPath))
        .unwrap_or_default();
    let mut read_pages = Vec::new();
    let mut views = Vec::new();
    for page in pages {
        let view = page.transform.clone().unwrap_or_default();
        views.push(shown(&view));
        let Some((name, text)) = member(texts, &view) else {
            read_pages.push(None);
            continue;
        };
        let Some(xml) = Xml::parse(&shown(name), text, &r.limits, &mut r.diagnostics) else {
            read_pages.push(None);
            continue;
        };
        let input = view::ViewInput {
            lang: template.lang,
            root: &root,
            model_is_infopath,
        };
        read_pages.push(Some(view::read_view(&xml, &input, &mut r.diagnostics)));
    }
    Some(TemplateRead {
        lang: template.lang,
        xsf: definition,
        pages: read_pages,
        views,
    })
}

/// Leaf elements of the initial data that are empty (and not `xsi:nil`) although the model
/// types them as numbers or booleans, where an empty string is not a valid value.
fn empty_typed_values(xml: &Xml, model: &DataModel) -> Vec<crate::ir::model::EmptyValue> {
    const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    let mut out = Vec::new();
    // (node, its path), depth first; the path is built from local names as the model's are.
    let root = xml.root();
    let mut stack = vec![(root, format!("/{}", root.tag_name().name()))];
    while let Some((node, path)) = stack.pop() {
        let mut leaf = true;
        for child in super::xml::elements(node) {
            leaf = false;
            stack.push((child, format!("{path}/{}", child.tag_name().name())));
        }
        // An empty attribute of a number or truth-value type (`id=""`) is as unreadable.
        for attribute in node.attributes().filter(|a| a.value().trim().is_empty()) {
            let at = format!("{path}/@{}", attribute.name());
            let typed = model.find(&at).and_then(|f| f.value_type.as_deref());
            if let Some(typed) = typed.filter(|t| crate::ir::model::is_numeric_or_boolean(t)) {
                out.push(crate::ir::model::EmptyValue {
                    path: at,
                    value_type: typed.to_string(),
                    origin: xml.origin(node),
                });
            }
        }
        if !leaf || !node.text().unwrap_or("").trim().is_empty() {
            continue;
        }
        if node
            .attribute((XSI, "nil"))
            .is_some_and(|v| v == "true" || v == "1")
        {
            continue;
        }
        let Some(found) = model.find(&path) else {
            continue;
        };
        let typed = found.value_type.as_deref().unwrap_or("string");
        if crate::ir::model::is_numeric_or_boolean(typed) && !found.simple_content {
            out.push(crate::ir::model::EmptyValue {
                path,
                value_type: typed.to_string(),
                origin: xml.origin(node),
            });
        }
    }
    out.sort_by(|a, b| a.origin.line.cmp(&b.origin.line).then(a.path.cmp(&b.path)));
    out
}

/// A lone InfoPath template (not inside a TUL package), read with one page per view of its
/// manifest. For inspecting real templates and for tests.
pub struct StandaloneForm {
    pub model: Option<DataModel>,
    /// (view name, transform, controls)
    pub views: Vec<(String, String, Vec<Control>)>,
    pub logic: crate::ir::form::FormLogic,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn read_standalone(
    bytes: &[u8],
    name: &str,
    lang: Lang,
    limits: &crate::read::package::Limits,
) -> StandaloneForm {
    let files = crate::read::package::PackageFiles::default();
    let mut r = Reader {
        files: &files,
        limits: *limits,
        budget: crate::read::package::Budget::new(limits),
        diagnostics: Vec::new(),
        sources: Default::default(),
    };
    let (storage, members) =
        super::xsn::read_cabinet(bytes, name, &mut r.budget, &mut r.diagnostics);
    let template = FormTemplate {
        lang,
        file: name.to_string(),
        storage,
        members,
    };
    let texts = decode_members(&mut r, &template);
    // Pages from the manifest's views, in their order.
    let views: Vec<(String, String)> = member(&texts, "manifest.xsf")
        .and_then(|(n, t)| Xml::parse(n, t, limits, &mut Vec::new()))
        .map(|xml| {
            xsf::read(&xml, lang, &mut Vec::new())
                .views
                .into_iter()
                .map(|(v, _, t, _)| (v, t))
                .collect()
        })
        .unwrap_or_default();
    let pages: Vec<crate::ir::Page> = views
        .iter()
        .map(|(view, transform)| crate::ir::Page {
            name: view.clone(),
            caption: None,
            transform: Some(transform.clone()),
            sequence: 0,
            page_type: crate::ir::PageType::Form,
            properties: Default::default(),
            origin: Default::default(),
            controls: Vec::new(),
        })
        .collect();
    let mut model = None;
    let read = read_template(&mut r, &template, &texts, &mut model, true, &pages);
    let (logic, controls) = match read {
        Some(read) => (read.xsf.logic, read.pages),
        None => (Default::default(), Vec::new()),
    };
    let views = views
        .into_iter()
        .zip(controls)
        .map(|((v, t), c)| (v, t, c.unwrap_or_default()))
        .collect();
    StandaloneForm {
        model,
        views,
        logic,
        diagnostics: r.diagnostics,
    }
}
