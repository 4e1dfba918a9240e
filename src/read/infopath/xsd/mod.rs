//! The XSD subset Altinn II data models use (SERES, OR, InfoPath `my:` schemas) into a
//! [`DataModel`] tree. Follows `import`/`include` inside the form template, resolves `ref`,
//! named types, groups, attribute groups, simple and complex content; keeps facets, fixed
//! values and OR/SERES annotations. Anything else is reported, never guessed.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::model::{
    DataFormat, DataModel, DocTexts, ModelKind, ModelNode, Restrictions, SchemaFile,
};
use crate::ir::{Lang, Origin};
use crate::read::package::Limits;
use crate::read::xml::{Xml, attr, elements, is};
use roxmltree::Node;
use std::collections::{BTreeMap, HashMap, HashSet};

mod annotations;
mod builder;
mod load;
#[cfg(test)]
mod tests;

use annotations::*;
use builder::*;
use load::*;

pub const XS: &str = "http://www.w3.org/2001/XMLSchema";
const BRREG: &str = "http://www.brreg.no/or";
const SERES: &str = "http://seres.no/xsd/forvaltningsdata";

/// The schema members of one form template and where to start.
pub struct SchemaInput<'a> {
    /// `(member name, text)` of every member that may be a schema.
    pub members: &'a [(String, &'a str)],
    /// The root schema (`xsf:documentSchema` location, normally `myschema.xsd`).
    pub entry: &'a str,
    /// The root element's local name when known (manifest.xsf `rootElement`, template.xml).
    pub root_hint: Option<&'a str>,
    /// `form/1044/skjema.xsn`: locations become `<xsn>!<member>`.
    pub xsn: &'a str,
}

struct Doc<'a> {
    member: String,
    xml: Xml<'a>,
    namespace: Option<String>,
    qualified: bool,
    /// `attributeFormDefault="qualified"`: local attributes are in the target namespace too.
    attributes_qualified: bool,
    /// The members this one imports or includes (lower-cased file names).
    refers_to: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    Element,
    ComplexType,
    SimpleType,
    Group,
    AttributeGroup,
    Attribute,
}

type Key = (Kind, Option<String>, String);

pub fn read_model(
    input: &SchemaInput,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DataModel> {
    let docs = load(input, limits, diagnostics);
    if docs.is_empty() {
        return None;
    }
    let mut globals: HashMap<Key, (usize, Node)> = HashMap::new();
    let mut referenced = HashSet::new();
    for (i, doc) in docs.iter().enumerate() {
        for child in elements(doc.xml.root()) {
            let kind = match child.tag_name().name() {
                "element" => Kind::Element,
                "complexType" => Kind::ComplexType,
                "simpleType" => Kind::SimpleType,
                "group" => Kind::Group,
                "attributeGroup" => Kind::AttributeGroup,
                "attribute" => Kind::Attribute,
                _ => continue,
            };
            if let Some(name) = attr(child, "name") {
                globals
                    .entry((kind, doc.namespace.clone(), name.to_string()))
                    .or_insert((i, child));
            }
        }
        for node in doc.xml.doc.descendants().filter(|n| is(*n, "element")) {
            if let Some(r) = attr(node, "ref") {
                referenced.insert(local(r).to_string());
            }
        }
    }
    let roots: Vec<(usize, Node)> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            elements(d.xml.root())
                .filter(|c| is(*c, "element"))
                .map(move |c| (i, c))
        })
        .collect();
    let by_name = |name: &str| {
        roots
            .iter()
            .find(|(_, n)| attr(*n, "name") == Some(name))
            .copied()
    };
    let chosen = input
        .root_hint
        .and_then(by_name)
        .or_else(|| {
            roots
                .iter()
                .find(|(_, n)| !referenced.contains(attr(*n, "name").unwrap_or("")))
                .copied()
        })
        .or_else(|| roots.first().copied());
    let Some((doc_index, root_decl)) = chosen else {
        diagnostics.push(
            Diagnostic::new(
                Code::ModelMissing,
                format!("the schemas of `{}` declare no root element", input.xsn),
            )
            .in_file(format!("{}!{}", input.xsn, input.entry)),
        );
        return None;
    };
    let mut builder = Builder {
        docs: &docs,
        globals,
        diagnostics,
        count: 0,
        max: limits.max_model_nodes,
        types: Vec::new(),
        stopped: false,
        depth: 0,
        too_deep: false,
    };
    let root = builder.element(root_decl, "", None, false)?;
    let doc = &docs[doc_index];
    let header = seres_header(doc.xml.root());
    let kind = model_kind(&docs, &root, &header);
    let data_format = data_format(&root, kind);
    Some(DataModel {
        file: doc.member.clone(),
        files: docs.iter().map(|d| d.member.clone()).collect(),
        kind,
        target_namespace: doc.namespace.clone(),
        data_format,
        header,
        root,
        source: doc.xml.doc.input_text().to_string(),
        imports: imported_by(&docs, doc_index),
        empty_in_template: Vec::new(),
    })
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}
