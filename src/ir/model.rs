//! The form's data model: the XSD read into a tree of element and attribute nodes, each with
//! its absolute path, type, cardinality and restrictions. Paths use local names
//! (`/melding/Skjemadata/omsetning`); namespaces are resolved, never kept as prefixes.

use super::{Lang, Origin};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataModel {
    /// The schema member that declares the root element.
    pub file: String,
    /// Every schema member read, in reading order.
    pub files: Vec<String>,
    pub kind: ModelKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_namespace: Option<String>,
    /// SERES `dataFormatProvider`/`dataFormatId`/`dataFormatVersion`, or OR
    /// `skjemanummer`/`spesifikasjonsnummer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_format: Option<DataFormat>,
    /// SERES header annotation (`xsd:attribute name=... fixed=...`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub header: BTreeMap<String, String>,
    pub root: ModelNode,
    /// The decoded text of `file`, for the app's copy of the schema.
    #[serde(skip)]
    pub source: String,
    /// The schemas `file` imports or includes (directly or through others), by member name,
    /// with their decoded text: the app's schema needs them beside it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<SchemaFile>,
    /// Elements of the form's initial data (`template.xml`) that are empty although their
    /// type is not text; a reader of the data has to decide what such an element means.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub empty_in_template: Vec<EmptyValue>,
}

/// The JSON type of an XSD built-in type's values: `integer`, `number`, `boolean` or
/// `string` (everything else, dates included, is text).
pub fn json_type(xsd_type: &str) -> &'static str {
    match xsd_type {
        "integer" | "int" | "long" | "short" | "byte" | "positiveInteger"
        | "nonNegativeInteger" | "negativeInteger" | "nonPositiveInteger" | "unsignedInt"
        | "unsignedLong" | "unsignedShort" | "unsignedByte" => "integer",
        "decimal" | "double" | "float" => "number",
        "boolean" => "boolean",
        _ => "string",
    }
}

/// Is an XSD built-in type one whose lexical space excludes the empty string and that is a
/// number or a truth value?
pub fn is_numeric_or_boolean(xsd_type: &str) -> bool {
    json_type(xsd_type) != "string"
}

/// A schema member and its text.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaFile {
    pub name: String,
    #[serde(skip)]
    pub text: String,
}

/// An empty element in the form's initial data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmptyValue {
    pub path: String,
    pub value_type: String,
    pub origin: Origin,
}

impl DataModel {
    /// Every node, depth first.
    pub fn nodes(&self) -> Vec<&ModelNode> {
        let mut out = Vec::new();
        let mut stack = vec![&self.root];
        while let Some(node) = stack.pop() {
            out.push(node);
            stack.extend(node.children.iter().rev());
        }
        out
    }

    /// The node at an absolute path (`/melding/a/b`, `@attr` for attributes).
    pub fn find(&self, path: &str) -> Option<&ModelNode> {
        let mut parts = path.trim_start_matches('/').split('/');
        if parts.next()? != self.root.name {
            return None;
        }
        let mut node = &self.root;
        for part in parts {
            let (attribute, name) = match part.strip_prefix('@') {
                Some(n) => (true, n),
                None => (false, part),
            };
            node = node
                .children
                .iter()
                .find(|c| c.name == name && c.attribute == attribute)?;
        }
        Some(node)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// SERES-generated (Venetian blind, `melding` root, dataFormat attributes).
    Seres,
    /// Oppgaveregisteret (`Skjema` root, `-grp-`/`-datadef-` names, `orid`).
    Or,
    /// InfoPath's own `my:` schema.
    InfoPath,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataFormat {
    pub provider: String,
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelNode {
    pub name: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub attribute: bool,
    /// The named XSD type, when the declaration uses one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// The built-in XSD type of the value (`string`, `decimal`, `date`, `gYear`...), for nodes
    /// that hold text. `None` for pure groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    pub min_occurs: u32,
    /// `None` = unbounded.
    pub max_occurs: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nillable: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_choice: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(skip_serializing_if = "Restrictions::is_empty")]
    pub restrictions: Restrictions,
    #[serde(skip_serializing_if = "DocTexts::is_empty")]
    pub texts: DocTexts,
    /// An element with both a text value and attributes (OR `-datadef-` with `orid`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub simple_content: bool,
    /// Mixed content (`mixed="true"`, or XHTML through `xsd:any`): text with markup, a rich
    /// text field.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mixed: bool,
    /// The type allows attributes it does not declare (`xsd:anyAttribute`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub any_attribute: bool,
    /// The children may come in any order (`xsd:all`, or a choice that repeats).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unordered: bool,
    pub children: Vec<ModelNode>,
    pub origin: Origin,
}

impl ModelNode {
    pub fn repeats(&self) -> bool {
        self.max_occurs != Some(1) && self.max_occurs != Some(0)
    }

    /// An element whose complex type has no content at all (`<xsd:sequence/>`): it holds
    /// neither text nor children, only (perhaps) attributes.
    pub fn is_empty_content(&self) -> bool {
        !self.attribute
            && self.value_type.is_none()
            && self.children.iter().all(|c| c.attribute)
            && !self.simple_content
            && !self.mixed
    }

    /// An element that is an object in JSON and a class in C# (children, attributes, or a
    /// text beside attributes, or nothing at all), not a value.
    pub fn is_structured(&self) -> bool {
        !self.mixed && (!self.children.is_empty() || self.simple_content || self.is_empty_content())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restrictions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enumeration: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_inclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_inclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_exclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_exclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_digits: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fraction_digits: Option<u32>,
}

impl Restrictions {
    pub fn is_empty(&self) -> bool {
        *self == Restrictions::default()
    }
}

/// Documentation texts from annotations (OR `brreg:tekst`: LEDE label, HJELP help, FEIL error).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocTexts {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub label: BTreeMap<Lang, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub help: BTreeMap<Lang, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub error: BTreeMap<Lang, String>,
    /// Plain `xsd:documentation` text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
}

impl DocTexts {
    pub fn is_empty(&self) -> bool {
        *self == DocTexts::default()
    }
}
