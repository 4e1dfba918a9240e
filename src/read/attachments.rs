//! AttachmentTypes (assumed shape): `AttachmentTypes/AttachmentType[@name]` with counts, size,
//! extensions and per-language `Text[@lcid]`. Values may be attributes or child elements.

use super::Reader;
use super::xml::{self, Xml, attr, elements, is};
use crate::diagnostics::{Code, Location};
use crate::ir::{AttachmentType, Lang};
use roxmltree::Node;
use std::collections::BTreeMap;

const VALUE_NAMES: &[&str] = &[
    "name",
    "minCount",
    "maxCount",
    "maxSizeMB",
    "allowedExtensions",
    "generateChecksum",
];

pub fn read(r: &mut Reader, name: &str, at: &Location) -> Vec<AttachmentType> {
    r.with_xml(name, at, "AttachmentTypes", |r, xml| {
        let mut types = Vec::new();
        for node in elements(xml.root()) {
            if !is(node, "AttachmentType") {
                r.push(xml.unknown(node, "AttachmentTypes"));
                continue;
            }
            let Some(type_name) = xml::value(node, "name") else {
                r.push(xml.diag(
                    Code::MissingAttribute,
                    node,
                    "an AttachmentType without a name was skipped",
                ));
                continue;
            };
            types.push(read_type(r, xml, node, type_name));
        }
        types
    })
    .unwrap_or_default()
}

fn read_type(r: &mut Reader, xml: &Xml, node: Node, name: String) -> AttachmentType {
    let number = |r: &mut Reader, field: &str| -> Option<u32> {
        let raw = xml::value(node, field)?;
        let parsed = raw.trim().parse().ok();
        if parsed.is_none() {
            r.push(xml.diag(
                Code::InvalidValue,
                node,
                format!("`{field}` = `{raw}` of attachment type `{name}` is not a number"),
            ));
        }
        parsed
    };
    let min_count = number(r, "minCount");
    let max_count = number(r, "maxCount");
    let max_size_mb = number(r, "maxSizeMB");
    let allowed_extensions = xml::value(node, "allowedExtensions").and_then(|raw| {
        let list: Vec<String> = raw
            .split([',', ';', ' '])
            .map(|e| {
                e.trim()
                    .trim_start_matches("*.")
                    .trim_start_matches('.')
                    .to_ascii_lowercase()
            })
            .filter(|e| !e.is_empty())
            .collect();
        // "*" and "*.*" mean any file type.
        (!list.iter().any(|e| e == "*" || e.is_empty())).then_some(list)
    });
    let generate_checksum = xml::value(node, "generateChecksum")
        .as_deref()
        .and_then(xml::parse_bool);
    let mut texts = BTreeMap::new();
    for child in elements(node) {
        if is(child, "Text") {
            let lcid = attr(child, "lcid")
                .or_else(|| attr(child, "language"))
                .unwrap_or("");
            match Lang::from_lcid(lcid) {
                Some(lang) => {
                    texts.insert(lang, xml::text(child));
                }
                None => r.push(xml.diag(
                    Code::UnknownLanguage,
                    child,
                    format!("attachment type text has unknown LCID `{lcid}`"),
                )),
            }
        } else if !VALUE_NAMES.iter().any(|v| is(child, v)) {
            r.push(xml.unknown(child, &format!("attachment type `{name}`")));
        }
    }
    AttachmentType {
        name,
        texts,
        min_count,
        max_count,
        max_size_mb,
        allowed_extensions,
        generate_checksum,
        origin: xml.origin(node),
    }
}
