//! The Form area's side files: FormPageMetadata (pages), FormFieldPrefill (register prefill)
//! and FormTrack (sporvalg).

use super::Reader;
use super::xml::{self, Xml, attr, elements, is, property_value};
use crate::diagnostics::{Code, Location};
use crate::ir::{Page, PageType, Prefill, PrefillField, Track, TrackChoice};
use roxmltree::Node;
use std::collections::{BTreeMap, HashSet};

pub fn read_pages(r: &mut Reader, name: &str, at: &Location) -> Vec<Page> {
    r.with_xml(name, at, "FormPages", |r, xml| {
        let mut pages = Vec::new();
        let mut seen = HashSet::new();
        for node in elements(xml.root()) {
            if !is(node, "Page") {
                r.push(xml.unknown(node, "FormPages"));
                continue;
            }
            let Some(page_name) = xml::value(node, "name") else {
                r.push(xml.diag(
                    Code::MissingAttribute,
                    node,
                    "a Page without a name was skipped",
                ));
                continue;
            };
            if !seen.insert(page_name.to_lowercase()) {
                r.push(xml.diag(
                    Code::DuplicatePage,
                    node,
                    format!("page `{page_name}` is defined twice; the first is used"),
                ));
                continue;
            }
            pages.push(read_page(r, xml, node, page_name));
        }
        pages
    })
    .unwrap_or_default()
}

fn read_page(r: &mut Reader, xml: &Xml, node: Node, name: String) -> Page {
    let mut page = Page {
        name,
        caption: None,
        transform: None,
        sequence: 0,
        page_type: PageType::Form,
        properties: BTreeMap::new(),
        origin: xml.origin(node),
        controls: Vec::new(),
    };
    for p in elements(node) {
        if is(p, "Name") {
            continue; // the name given as a child element, already read
        }
        let Some(prop) = is(p, "Property").then(|| xml::value(p, "name")).flatten() else {
            r.push(xml.unknown(p, &format!("page `{}`", page.name)));
            continue;
        };
        let value = property_value(p);
        match prop.to_ascii_lowercase().as_str() {
            // The caption is a text code; TUL writes it in @textCode.
            "caption" => page.caption = Some(attr(p, "textCode").map_or(value, str::to_string)),
            "transform" => page.transform = Some(value),
            "sequence" => match value.trim().parse() {
                Ok(n) => page.sequence = n,
                Err(_) => r.push(xml.diag(
                    Code::InvalidValue,
                    p,
                    format!(
                        "Sequence `{value}` of page `{}` is not a number; 0 is used",
                        page.name
                    ),
                )),
            },
            "pagetype" => {
                page.page_type = PageType::parse(&value);
                if let PageType::Other(other) = &page.page_type {
                    r.push(xml.diag(
                        Code::UnknownPageType,
                        p,
                        format!("page `{}` has the unknown page type `{other}`", page.name),
                    ));
                }
            }
            // Page rights are a known feature, reported by the analyser.
            lower if lower.contains("right") || lower.contains("authoriz") => {
                page.properties.insert(prop, value);
            }
            _ => {
                r.push(xml.diag(
                    Code::UnknownProperty,
                    p,
                    format!(
                        "property `{prop}` of page `{}` is not known; kept",
                        page.name
                    ),
                ));
                page.properties.insert(prop, value);
            }
        }
    }
    page
}

pub fn read_prefill(r: &mut Reader, name: &str, at: &Location) -> Option<Prefill> {
    r.with_xml(name, at, "FormRegisterPrefill", |r, xml| {
        let mut prefill = Prefill {
            file: xml.file.clone(),
            ..Prefill::default()
        };
        for node in elements(xml.root()) {
            if is(node, "Register") {
                let register = xml::value(node, "name").unwrap_or_default();
                if !["ER", "DSF", "DLS"]
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&register))
                {
                    r.push(xml.diag(
                        Code::UnknownRegister,
                        node,
                        format!("prefill register `{register}` is not ER, DSF or DLS"),
                    ));
                }
                for field in elements(node) {
                    if !is(field, "field") {
                        r.push(xml.unknown(field, &format!("register `{register}`")));
                        continue;
                    }
                    let (Some(xpath), Some(register_field)) = (
                        xml::value(field, "xPath"),
                        xml::value(field, "registerField"),
                    ) else {
                        r.push(xml.diag(
                            Code::MissingAttribute,
                            field,
                            "a prefill field needs xPath and registerField; skipped",
                        ));
                        continue;
                    };
                    prefill.fields.push(PrefillField {
                        register: register.to_ascii_uppercase(),
                        path: super::infopath::xsf::absolute(&xpath),
                        xpath,
                        page: xml::value(field, "page").filter(|p| !p.is_empty()),
                        context_type: xml::value(field, "contextType"),
                        register_field,
                        origin: xml.origin(field),
                    });
                }
            } else if is(node, "PredefinedDefinition") {
                prefill
                    .predefined_definitions
                    .push(xml::value(node, "name").unwrap_or_else(|| xml::text(node)));
            } else if is(node, "OtherPrefillSettings") {
                for setting in elements(node) {
                    if is(setting, "KeyValuePrefill") {
                        prefill.key_value_prefill = xml::value(setting, "enabled")
                            .as_deref()
                            .and_then(xml::parse_bool);
                    } else {
                        r.push(xml.unknown(setting, "OtherPrefillSettings"));
                    }
                }
            } else {
                r.push(xml.unknown(node, "FormRegisterPrefill"));
            }
        }
        prefill
    })
}

pub fn read_tracks(r: &mut Reader, name: &str, at: &Location) -> Vec<Track> {
    r.with_xml(name, at, "FormTracks", |r, xml| {
        let mut tracks = Vec::new();
        for node in elements(xml.root()) {
            if !is(node, "Track") {
                r.push(xml.unknown(node, "FormTracks"));
                continue;
            }
            let (Some(page), Some(field)) = (xml::value(node, "page"), xml::value(node, "field"))
            else {
                r.push(xml.diag(
                    Code::MissingAttribute,
                    node,
                    "a Track needs page and field; skipped",
                ));
                continue;
            };
            let mut choices = Vec::new();
            for choice in elements(node).filter(|c| !is(*c, "page") && !is(*c, "field")) {
                if !is(choice, "Choice") {
                    r.push(xml.unknown(choice, "Track"));
                    continue;
                }
                let pages = elements(choice)
                    .filter(|p| is(*p, "Page"))
                    .filter_map(|p| xml::value(p, "name").or_else(|| Some(xml::text(p))))
                    .collect();
                choices.push(TrackChoice {
                    value: xml::value(choice, "value").unwrap_or_default(),
                    pages,
                });
            }
            tracks.push(Track {
                page,
                field,
                choices,
                origin: xml.origin(node),
            });
        }
        tracks
    })
    .unwrap_or_default()
}
