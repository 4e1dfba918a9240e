//! What a declaration says beside its structure: facets, documentation and OR/SERES texts;
//! and what the schemas say about the model as a whole (SERES header, kind, data format).

use super::*;

pub(super) fn facet(f: Node, r: &mut Restrictions) {
    let value = attr(f, "value").unwrap_or("").to_string();
    let number = || value.trim().parse().ok();
    match f.tag_name().name() {
        "enumeration" => r.enumeration.push(value.clone()),
        "pattern" => r.patterns.push(value.clone()),
        "length" => r.length = number(),
        "minLength" => r.min_length = number(),
        "maxLength" => r.max_length = number(),
        "minInclusive" => r.min_inclusive = Some(value),
        "maxInclusive" => r.max_inclusive = Some(value),
        "minExclusive" => r.min_exclusive = Some(value),
        "maxExclusive" => r.max_exclusive = Some(value),
        "totalDigits" => r.total_digits = value.trim().parse().ok(),
        "fractionDigits" => r.fraction_digits = value.trim().parse().ok(),
        _ => {} // whiteSpace, annotation, simpleType: no restriction to keep
    }
}

/// `xsd:annotation/xsd:documentation` of a declaration: OR `brreg:tekst` by language and
/// kind, else plain documentation text.
pub(super) fn annotation(decl: Node) -> DocTexts {
    let mut texts = DocTexts::default();
    let docs = elements(decl)
        .filter(|c| is(*c, "annotation"))
        .flat_map(elements)
        .filter(|c| is(*c, "documentation"));
    for doc in docs {
        let mut plain = String::new();
        for child in doc.children() {
            if child.is_text() {
                plain.push_str(child.text().unwrap_or(""));
            } else if child.tag_name().namespace() == Some(BRREG)
                && child.tag_name().name() == "tekst"
            {
                let lang = brreg_attr(child, "lang").and_then(or_lang);
                let kind = brreg_attr(child, "teksttype").unwrap_or("LEDE");
                let value = crate::read::xml::text(child);
                if let Some(lang) = lang {
                    let map = match kind {
                        "HJELP" => &mut texts.help,
                        "FEIL" => &mut texts.error,
                        "LEDE" => &mut texts.label,
                        _ => continue,
                    };
                    map.entry(lang).or_insert(value);
                }
            }
        }
        let plain = plain.trim();
        if !plain.is_empty() && texts.documentation.is_none() {
            texts.documentation = Some(plain.to_string());
        }
    }
    texts
}

pub(super) fn brreg_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((BRREG, name)).or_else(|| attr(node, name))
}

pub(super) fn or_lang(code: &str) -> Option<Lang> {
    match code.to_ascii_uppercase().as_str() {
        "NOB" | "NB" => Some(Lang::Nb),
        "NON" | "NNO" | "NN" => Some(Lang::Nn),
        "EN" | "ENG" => Some(Lang::En),
        "SME" | "SE" => Some(Lang::Se),
        _ => None,
    }
}

/// SERES header: `xsd:attribute name=.. fixed=..` pairs in the schema's first annotation.
pub(super) fn seres_header(schema: Node) -> BTreeMap<String, String> {
    elements(schema)
        .filter(|c| is(*c, "annotation"))
        .flat_map(elements)
        .flat_map(elements)
        .filter(|a| is(*a, "attribute"))
        .filter_map(|a| Some((attr(a, "name")?.to_string(), attr(a, "fixed")?.to_string())))
        .collect()
}

pub(super) fn model_kind(
    docs: &[Doc],
    root: &ModelNode,
    header: &BTreeMap<String, String>,
) -> ModelKind {
    let declares = |uri: &str| {
        docs.iter()
            .any(|d| d.xml.root().namespaces().any(|ns| ns.uri() == uri))
    };
    let fixed = |name: &str| {
        root.children
            .iter()
            .find(|c| c.attribute && c.name == name)
            .and_then(|c| c.fixed.as_deref())
    };
    if declares(SERES)
        || header
            .get("XSLT-skriptnavn")
            .is_some_and(|v| v == "SERES_XSD_GEN")
        || fixed("dataFormatProvider") == Some("SERES")
    {
        ModelKind::Seres
    } else if declares(BRREG) || (root.name == "Skjema" && fixed("skjemanummer").is_some()) {
        ModelKind::Or
    } else if root
        .namespace
        .as_deref()
        .is_some_and(|ns| ns.starts_with("http://schemas.microsoft.com/office/infopath/2003/myXSD"))
    {
        ModelKind::InfoPath
    } else {
        ModelKind::Other
    }
}

pub(super) fn data_format(root: &ModelNode, kind: ModelKind) -> Option<DataFormat> {
    let fixed = |name: &str| {
        root.children
            .iter()
            .find(|c| c.attribute && c.name == name)
            .and_then(|c| c.fixed.clone())
    };
    if let (Some(id), Some(version)) = (fixed("dataFormatId"), fixed("dataFormatVersion")) {
        let provider = fixed("dataFormatProvider").unwrap_or_else(|| "SERES".into());
        return Some(DataFormat {
            provider,
            id,
            version,
        });
    }
    if kind == ModelKind::Or
        && let (Some(id), Some(version)) = (fixed("skjemanummer"), fixed("spesifikasjonsnummer"))
    {
        return Some(DataFormat {
            provider: "OR".into(),
            id,
            version,
        });
    }
    None
}
