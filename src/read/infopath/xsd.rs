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

/// Every schema the document at `start` reaches through imports and includes, in reading order.
fn imported_by(docs: &[Doc], start: usize) -> Vec<SchemaFile> {
    let index = |name: &str| docs.iter().position(|d| d.member.to_lowercase() == name);
    let mut reached = vec![false; docs.len()];
    reached[start] = true;
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        for name in &docs[i].refers_to {
            if let Some(j) = index(name).filter(|j| !reached[*j]) {
                reached[j] = true;
                stack.push(j);
            }
        }
    }
    docs.iter()
        .enumerate()
        .filter(|(i, _)| reached[*i] && *i != start)
        .map(|(_, d)| SchemaFile {
            name: d.member.clone(),
            text: d.xml.doc.input_text().to_string(),
        })
        .collect()
}

/// Parses the entry schema and everything it imports or includes, in order.
fn load<'a>(
    input: &SchemaInput<'a>,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Doc<'a>> {
    let mut docs: Vec<Doc<'a>> = Vec::new();
    let mut queue = vec![(
        input.entry.to_string(),
        None::<String>,
        None::<(String, Option<std::num::NonZeroU32>)>,
    )];
    let mut seen = HashSet::new();
    while let Some((name, inherited_ns, from)) = queue.pop() {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        if !seen.insert(file.to_lowercase()) {
            continue;
        }
        let Some((member, text)) = input
            .members
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(&file))
        else {
            let mut d = Diagnostic::new(
                Code::XsdUnresolved,
                format!(
                    "schema `{name}` is not in `{}`; its types are unknown",
                    input.xsn
                ),
            );
            d = match from {
                Some((f, line)) => d.at(crate::diagnostics::Location {
                    file: f,
                    line,
                    column: None,
                    span: None,
                }),
                None => d.in_file(input.xsn),
            };
            diagnostics.push(d);
            continue;
        };
        let shown = format!("{}!{member}", input.xsn);
        let Some(xml) = Xml::parse(&shown, text, limits, diagnostics) else {
            continue;
        };
        let root = xml.root();
        if !(is(root, "schema") && root.tag_name().namespace() == Some(XS)) {
            diagnostics.push(xml.diag(
                Code::XsdUnsupported,
                root,
                format!("`{member}` is not an XML Schema"),
            ));
            continue;
        }
        let namespace = attr(root, "targetNamespace")
            .map(str::to_string)
            .or(inherited_ns);
        let qualified = attr(root, "elementFormDefault") == Some("qualified");
        let attributes_qualified = attr(root, "attributeFormDefault") == Some("qualified");
        // Queue in reverse so imports are read in document order.
        let mut next = Vec::new();
        let mut refers_to = Vec::new();
        for child in elements(root) {
            let name = child.tag_name().name();
            if name == "import" || name == "include" || name == "redefine" {
                if name == "redefine" {
                    diagnostics.push(xml.diag(
                        Code::XsdUnsupported,
                        child,
                        "`xsd:redefine` is not supported; the original types are used",
                    ));
                }
                if let Some(location) = attr(child, "schemaLocation") {
                    refers_to.push(
                        location
                            .rsplit(['/', '\\'])
                            .next()
                            .unwrap_or(location)
                            .to_lowercase(),
                    );
                    let chameleon = (name != "import").then(|| namespace.clone()).flatten();
                    next.push((
                        location.to_string(),
                        chameleon,
                        Some((shown.clone(), xml.loc(child).line)),
                    ));
                } else if attr(child, "namespace") != Some(XS) {
                    // An import without a location names a namespace only; nothing to read.
                }
            }
        }
        queue.extend(next.into_iter().rev());
        docs.push(Doc {
            member: member.clone(),
            xml,
            namespace,
            qualified,
            attributes_qualified,
            refers_to,
        });
    }
    docs
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

struct Builder<'d, 'a> {
    docs: &'d [Doc<'a>],
    globals: HashMap<Key, (usize, Node<'d, 'a>)>,
    diagnostics: &'d mut Vec<Diagnostic>,
    count: usize,
    /// More nodes than any real form has; past it the model is cut and reported.
    max: usize,
    /// Named types being expanded, to stop recursion.
    types: Vec<String>,
    stopped: bool,
    /// Elements being expanded: a chain of references has no cycle to stop it.
    depth: usize,
    too_deep: bool,
}

/// Named types and groups expanding inside each other past this are cut (stack safety).
const MAX_DEPTH: usize = 64;
/// Elements nested past this are cut: every level nests the emitted JSON Schema two or three
/// levels deeper, and .NET's JSON reader (Altinn apps, Studio) stops at 64 by default.
pub const MAX_ELEMENT_DEPTH: usize = 20;

impl<'d, 'a> Builder<'d, 'a> {
    fn doc_of(&self, node: Node) -> &'d Doc<'a> {
        let docs = self.docs;
        docs.iter()
            .find(|d| std::ptr::eq(node.document(), &d.xml.doc))
            .unwrap_or(&docs[0])
    }

    fn origin(&self, node: Node) -> Origin {
        self.doc_of(node).xml.origin(node)
    }

    fn diag(&mut self, code: Code, node: Node, message: String) {
        let d = self.doc_of(node).xml.diag(code, node, message);
        self.diagnostics.push(d);
    }

    /// Resolves a QName attribute value against the scope of `at`: (namespace, local name).
    fn qname(at: Node, value: &str) -> (Option<String>, String) {
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        (
            at.lookup_namespace_uri(prefix).map(str::to_string),
            local.to_string(),
        )
    }

    fn lookup(&mut self, kind: Kind, at: Node, value: &str) -> Option<Node<'d, 'a>> {
        let (ns, name) = Self::qname(at, value);
        let found = self
            .globals
            .get(&(kind, ns.clone(), name.clone()))
            // Schemas without a target namespace referenced with a prefix, and the reverse.
            .or_else(|| {
                self.globals
                    .iter()
                    .find(|((k, _, n), _)| *k == kind && *n == name)
                    .map(|(_, v)| v)
            })
            .map(|(_, n)| *n);
        if found.is_none() {
            self.diag(
                Code::XsdUnresolved,
                at,
                format!("`{value}` is not declared in the schemas of the form"),
            );
        }
        found
    }

    fn occurs(node: Node) -> (u32, Option<u32>) {
        let min = attr(node, "minOccurs")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let max = match attr(node, "maxOccurs") {
            Some("unbounded") => None,
            Some(v) => Some(v.parse().unwrap_or(1)),
            None => Some(1),
        };
        (min, max)
    }

    fn count_node(&mut self, at: Node) -> bool {
        self.count += 1;
        if self.count > self.max && !self.stopped {
            self.stopped = true;
            let max = self.max;
            self.diag(
                Code::ModelTooLarge,
                at,
                format!("the data model has more than {max} nodes; the rest was not read"),
            );
        }
        !self.stopped
    }

    /// An element declaration (or `ref`) under `parent_path`.
    fn element(
        &mut self,
        decl: Node<'d, 'a>,
        parent_path: &str,
        container: Option<(u32, Option<u32>)>,
        in_choice: bool,
    ) -> Option<ModelNode> {
        if !self.count_node(decl) || !self.deeper(decl, parent_path) {
            return None;
        }
        self.depth += 1;
        let node = self.element_inner(decl, parent_path, container, in_choice);
        self.depth -= 1;
        node
    }

    /// May expansion go one level deeper? Reported once when it may not.
    fn deeper(&mut self, at: Node, path: &str) -> bool {
        if self.depth < MAX_ELEMENT_DEPTH && self.types.len() < MAX_DEPTH {
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            let what = if self.depth >= MAX_ELEMENT_DEPTH {
                format!("elements nest deeper than {MAX_ELEMENT_DEPTH} levels")
            } else {
                format!("types and groups nest deeper than {MAX_DEPTH} levels")
            };
            self.diag(
                Code::ModelTooDeep,
                at,
                format!("the data model's {what} at `{path}`; it was cut there"),
            );
        }
        false
    }

    fn element_inner(
        &mut self,
        decl: Node<'d, 'a>,
        parent_path: &str,
        container: Option<(u32, Option<u32>)>,
        in_choice: bool,
    ) -> Option<ModelNode> {
        let (mut min, mut max) = Self::occurs(decl);
        if let Some((cmin, cmax)) = container {
            if cmin == 0 {
                min = 0;
            }
            max = match (max, cmax) {
                (Some(a), Some(b)) => Some(a.saturating_mul(b)),
                _ => None,
            };
        }
        let target = match attr(decl, "ref") {
            Some(r) => self.lookup(Kind::Element, decl, r)?,
            None => decl,
        };
        let name = attr(target, "name").unwrap_or("").to_string();
        let doc = self.doc_of(target);
        let global = target.parent().is_some_and(|p| is(p, "schema"));
        let qualified = global || attr(target, "form").map_or(doc.qualified, |f| f == "qualified");
        let mut node = ModelNode {
            path: format!("{parent_path}/{name}"),
            name,
            namespace: if qualified {
                doc.namespace.clone()
            } else {
                None
            },
            min_occurs: min,
            max_occurs: max,
            nillable: attr(target, "nillable") == Some("true"),
            in_choice,
            fixed: attr(target, "fixed").map(str::to_string),
            default: attr(target, "default").map(str::to_string),
            texts: annotation(target),
            origin: self.origin(target),
            ..ModelNode::default()
        };
        self.typed(target, &mut node);
        Some(node)
    }

    /// Applies the declaration's type (named, built-in or inline) to `node`.
    fn typed(&mut self, decl: Node<'d, 'a>, node: &mut ModelNode) {
        if let Some(type_name) = attr(decl, "type") {
            let (ns, local_name) = Self::qname(decl, type_name);
            if ns.as_deref() == Some(XS) {
                node.value_type = Some(local_name);
                return;
            }
            node.type_name = Some(local_name.clone());
            let (nsk, name) = (ns.clone(), local_name.clone());
            let complex = self
                .globals
                .get(&(Kind::ComplexType, nsk.clone(), name.clone()))
                .map(|(_, n)| *n);
            let simple = self
                .globals
                .get(&(Kind::SimpleType, nsk, name))
                .map(|(_, n)| *n);
            match (complex, simple) {
                (Some(t), _) => self.complex(t, node),
                (None, Some(t)) => self.simple(t, node),
                (None, None) => {
                    // Fall back to a name match across namespaces before giving up.
                    match self.lookup(Kind::ComplexType, decl, type_name) {
                        Some(t) => self.complex(t, node),
                        None => node.value_type = Some("string".into()),
                    }
                }
            }
            return;
        }
        for child in elements(decl) {
            match child.tag_name().name() {
                "complexType" => return self.complex(child, node),
                "simpleType" => return self.simple(child, node),
                _ => {}
            }
        }
        // No type at all: xs:anyType.
        if !node.attribute {
            node.value_type = Some("anyType".into());
        }
    }

    /// Guards a named type against expanding inside itself.
    fn enter(&mut self, type_node: Node, node: &ModelNode) -> Option<String> {
        let name = attr(type_node, "name")?;
        let key = format!("{}#{name}", self.doc_of(type_node).member);
        if !self.deeper(type_node, &node.path) {
            return Some(String::new());
        }
        if self.types.contains(&key) {
            self.diag(
                Code::XsdRecursive,
                type_node,
                format!(
                    "type `{name}` contains itself (at `{}`); the recursion was cut",
                    node.path
                ),
            );
            return Some(String::new());
        }
        self.types.push(key.clone());
        Some(key)
    }

    fn leave(&mut self, key: Option<String>) {
        if key.is_some_and(|k| !k.is_empty()) {
            self.types.pop();
        }
    }

    fn complex(&mut self, type_node: Node<'d, 'a>, node: &mut ModelNode) {
        let key = self.enter(type_node, node);
        if key.as_deref() == Some("") {
            return;
        }
        if node.texts.is_empty() {
            node.texts = annotation(type_node);
        }
        if attr(type_node, "mixed") == Some("true") {
            node.value_type = Some("string".into());
            node.mixed = true;
        }
        self.content(type_node, node);
        self.leave(key);
    }

    /// The children of a complexType (or of an extension/restriction inside one).
    fn content(&mut self, holder: Node<'d, 'a>, node: &mut ModelNode) {
        for child in elements(holder) {
            match child.tag_name().name() {
                "sequence" | "choice" | "all" => self.particles(child, node, false),
                "group" => self.group(child, node),
                "attribute" => {
                    if let Some(a) = self.attribute(child, &node.path) {
                        node.children.push(a);
                    }
                }
                "attributeGroup" => self.attribute_group(child, node),
                "anyAttribute" => node.any_attribute = true,
                "annotation" => {}
                "simpleContent" => self.simple_content(child, node),
                "complexContent" => self.complex_content(child, node),
                other => self.diag(
                    Code::XsdUnsupported,
                    child,
                    format!("`xsd:{other}` in a complex type is not supported"),
                ),
            }
        }
    }

    fn particles(&mut self, container: Node<'d, 'a>, node: &mut ModelNode, outer_choice: bool) {
        let occurs = Self::occurs(container);
        let choice = outer_choice || container.tag_name().name() == "choice";
        for child in elements(container) {
            match child.tag_name().name() {
                "element" => {
                    if let Some(e) = self.element(child, &node.path.clone(), Some(occurs), choice) {
                        node.children.push(e);
                    }
                }
                "sequence" | "choice" | "all" => self.particles(child, node, choice),
                "group" => self.group(child, node),
                // Rich-text fields hold XHTML through `xsd:any`: text, not structure.
                "any" if attr(child, "namespace") == Some("http://www.w3.org/1999/xhtml") => {
                    node.value_type = Some("xhtml".into());
                    node.mixed = true;
                }
                "any" => self.diag(
                    Code::XsdUnsupported,
                    child,
                    format!(
                        "`xsd:any` in `{}` allows content the model cannot describe",
                        node.path
                    ),
                ),
                "annotation" => {}
                other => self.diag(
                    Code::XsdUnsupported,
                    child,
                    format!("`xsd:{other}` in a content model is not supported"),
                ),
            }
        }
    }

    fn group(&mut self, reference: Node<'d, 'a>, node: &mut ModelNode) {
        self.expand_ref(Kind::Group, reference, node, |b, group, node| {
            for child in elements(group).filter(|c| !is(*c, "annotation")) {
                b.particles(child, node, false);
            }
        });
    }

    fn attribute_group(&mut self, reference: Node<'d, 'a>, node: &mut ModelNode) {
        self.expand_ref(Kind::AttributeGroup, reference, node, Self::content);
    }

    /// Expands the global a `ref` names with `body`, under the same recursion and depth guard
    /// as named types (groups and attribute groups may refer to each other).
    fn expand_ref(
        &mut self,
        kind: Kind,
        reference: Node<'d, 'a>,
        node: &mut ModelNode,
        body: impl FnOnce(&mut Self, Node<'d, 'a>, &mut ModelNode),
    ) {
        let Some(r) = attr(reference, "ref") else {
            return;
        };
        let Some(target) = self.lookup(kind, reference, r) else {
            return;
        };
        let key = self.enter(target, node);
        if key.as_deref() == Some("") {
            return;
        }
        body(self, target, node);
        self.leave(key);
    }

    fn attribute(&mut self, decl: Node<'d, 'a>, parent_path: &str) -> Option<ModelNode> {
        if attr(decl, "use") == Some("prohibited") || !self.count_node(decl) {
            return None;
        }
        let (target, name) = match attr(decl, "ref") {
            Some(r) => match self.lookup(Kind::Attribute, decl, r) {
                Some(t) => (t, attr(t, "name").unwrap_or(local(r)).to_string()),
                None => (decl, local(r).to_string()),
            },
            None => (decl, attr(decl, "name").unwrap_or("").to_string()),
        };
        // A global attribute (reached by `ref`) is always in its schema's namespace; a local
        // one by its `form` or the schema's `attributeFormDefault` (XML Schema 1.0 §3.2.2).
        let doc = self.doc_of(target);
        let global = target.parent().is_some_and(|p| is(p, "schema"));
        let qualified =
            global || attr(target, "form").map_or(doc.attributes_qualified, |f| f == "qualified");
        let namespace = if qualified {
            doc.namespace.clone()
        } else {
            None
        };
        let mut node = ModelNode {
            path: format!("{parent_path}/@{name}"),
            name,
            namespace,
            attribute: true,
            min_occurs: u32::from(attr(decl, "use") == Some("required")),
            max_occurs: Some(1),
            fixed: attr(decl, "fixed")
                .or_else(|| attr(target, "fixed"))
                .map(str::to_string),
            default: attr(decl, "default")
                .or_else(|| attr(target, "default"))
                .map(str::to_string),
            origin: self.origin(decl),
            ..ModelNode::default()
        };
        self.typed(target, &mut node);
        if node.value_type.is_none() {
            node.value_type = Some("string".into());
        }
        Some(node)
    }

    fn simple_content(&mut self, holder: Node<'d, 'a>, node: &mut ModelNode) {
        for derivation in elements(holder).filter(|c| is(*c, "extension") || is(*c, "restriction"))
        {
            if let Some(base) = attr(derivation, "base") {
                self.base_type(derivation, base, node);
            }
            for child in elements(derivation) {
                match child.tag_name().name() {
                    "attribute" => {
                        if let Some(a) = self.attribute(child, &node.path) {
                            node.children.push(a);
                        }
                    }
                    "attributeGroup" => self.attribute_group(child, node),
                    "anyAttribute" => node.any_attribute = true,
                    "annotation" | "simpleType" => {}
                    _ => facet(child, &mut node.restrictions),
                }
            }
        }
        node.simple_content = node.children.iter().any(|c| c.attribute);
        if node.value_type.is_none() {
            node.value_type = Some("string".into());
        }
    }

    fn complex_content(&mut self, holder: Node<'d, 'a>, node: &mut ModelNode) {
        for derivation in elements(holder) {
            let name = derivation.tag_name().name();
            if name == "extension"
                && let Some(base) = attr(derivation, "base")
            {
                let (ns, _) = Self::qname(derivation, base);
                if ns.as_deref() != Some(XS)
                    && let Some(t) = self.lookup(Kind::ComplexType, derivation, base)
                {
                    self.complex(t, node);
                }
            }
            if name == "extension" || name == "restriction" {
                self.content(derivation, node);
            }
        }
    }

    /// A base type by QName: built-in, simple, or complex with simple content.
    fn base_type(&mut self, at: Node<'d, 'a>, base: &str, node: &mut ModelNode) {
        let (ns, name) = Self::qname(at, base);
        if ns.as_deref() == Some(XS) {
            node.value_type = Some(name);
            return;
        }
        if let Some((_, t)) = self
            .globals
            .get(&(Kind::SimpleType, ns.clone(), name.clone()))
            .copied()
        {
            return self.simple(t, node);
        }
        match self.lookup(Kind::ComplexType, at, base) {
            Some(t) => self.complex(t, node),
            None => node.value_type = Some("string".into()),
        }
    }

    fn simple(&mut self, type_node: Node<'d, 'a>, node: &mut ModelNode) {
        let key = self.enter(type_node, node);
        if key.as_deref() == Some("") {
            return;
        }
        for child in elements(type_node) {
            match child.tag_name().name() {
                "restriction" => {
                    match attr(child, "base") {
                        Some(base) => self.base_type(child, base, node),
                        None => {
                            if let Some(inner) = elements(child).find(|c| is(*c, "simpleType")) {
                                self.simple(inner, node);
                            }
                        }
                    }
                    for f in elements(child) {
                        facet(f, &mut node.restrictions);
                    }
                }
                // Lists and unions hold text; their parts are not typed further.
                "list" | "union" => node.value_type = Some("string".into()),
                "annotation" => {}
                other => self.diag(
                    Code::XsdUnsupported,
                    child,
                    format!("`xsd:{other}` in a simple type is not supported"),
                ),
            }
        }
        self.leave(key);
    }
}

fn facet(f: Node, r: &mut Restrictions) {
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
fn annotation(decl: Node) -> DocTexts {
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

fn brreg_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((BRREG, name)).or_else(|| attr(node, name))
}

fn or_lang(code: &str) -> Option<Lang> {
    match code.to_ascii_uppercase().as_str() {
        "NOB" | "NB" => Some(Lang::Nb),
        "NON" | "NNO" | "NN" => Some(Lang::Nn),
        "EN" | "ENG" => Some(Lang::En),
        "SME" | "SE" => Some(Lang::Se),
        _ => None,
    }
}

/// SERES header: `xsd:attribute name=.. fixed=..` pairs in the schema's first annotation.
fn seres_header(schema: Node) -> BTreeMap<String, String> {
    elements(schema)
        .filter(|c| is(*c, "annotation"))
        .flat_map(elements)
        .flat_map(elements)
        .filter(|a| is(*a, "attribute"))
        .filter_map(|a| Some((attr(a, "name")?.to_string(), attr(a, "fixed")?.to_string())))
        .collect()
}

fn model_kind(docs: &[Doc], root: &ModelNode, header: &BTreeMap<String, String>) -> ModelKind {
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

fn data_format(root: &ModelNode, kind: ModelKind) -> Option<DataFormat> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(members: &[(&str, &str)], entry: &str) -> (Option<DataModel>, Vec<Diagnostic>) {
        let owned: Vec<(String, &str)> = members.iter().map(|(n, t)| (n.to_string(), *t)).collect();
        let input = SchemaInput {
            members: &owned,
            entry,
            root_hint: None,
            xsn: "t.xsn",
        };
        let mut diagnostics = Vec::new();
        (
            read_model(&input, &Limits::default(), &mut diagnostics),
            diagnostics,
        )
    }

    const HEAD: &str =
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">"#;

    /// Chains without cycles, and cycles through attribute groups: the shapes of the stack
    /// overflows the `xsd` fuzz target found (rebuilt here: a stack overflow leaves no file).
    #[test]
    fn long_chains_and_attribute_group_cycles_are_cut() {
        let n = 5_000;
        let types: String = (0..n)
            .map(|i| format!(r#"<xs:complexType name="T{i}"><xs:sequence><xs:element name="e" type="T{}"/></xs:sequence></xs:complexType>"#, i + 1))
            .collect();
        let refs: String = (0..n)
            .map(|i| format!(r#"<xs:element name="r{i}"><xs:complexType><xs:sequence><xs:element ref="r{}"/></xs:sequence></xs:complexType></xs:element>"#, i + 1))
            .collect();
        let simple: String = (0..n)
            .map(|i| {
                format!(
                    r#"<xs:simpleType name="S{i}"><xs:restriction base="S{}"/></xs:simpleType>"#,
                    i + 1
                )
            })
            .collect();
        let groups: String = (0..n)
            .map(|i| format!(r#"<xs:group name="G{i}"><xs:sequence><xs:group ref="G{}"/></xs:sequence></xs:group>"#, i + 1))
            .collect();
        for (root, body) in [
            (r#"<xs:element name="a" type="T0"/>"#, types),
            (
                r#"<xs:element name="a"><xs:complexType><xs:sequence><xs:element ref="r0"/></xs:sequence></xs:complexType></xs:element>"#,
                refs,
            ),
            (r#"<xs:element name="a" type="S0"/>"#, simple),
            (
                r#"<xs:element name="a"><xs:complexType><xs:group ref="G0"/></xs:complexType></xs:element>"#,
                groups,
            ),
        ] {
            let schema = format!("{HEAD}{root}{body}</xs:schema>");
            let (model, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
            assert!(model.is_some());
            assert_eq!(
                diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
                [Code::ModelTooDeep],
                "{root}"
            );
        }
        let cycle = format!(
            r#"{HEAD}<xs:element name="a"><xs:complexType><xs:attributeGroup ref="A"/></xs:complexType></xs:element>
            <xs:attributeGroup name="A"><xs:attribute name="x"/><xs:attributeGroup ref="B"/></xs:attributeGroup>
            <xs:attributeGroup name="B"><xs:attributeGroup ref="A"/></xs:attributeGroup></xs:schema>"#
        );
        let (model, diagnostics) = read(&[("a.xsd", &cycle)], "a.xsd");
        assert!(model.unwrap().find("/a/@x").is_some());
        assert_eq!(diagnostics[0].code, Code::XsdRecursive);
    }

    #[test]
    fn recursive_types_are_cut_and_reported() {
        let schema = format!(
            r#"{HEAD}<xs:element name="tre" type="Node"/>
            <xs:complexType name="Node"><xs:sequence>
              <xs:element name="navn" type="xs:string"/>
              <xs:element name="barn" type="Node" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType></xs:schema>"#
        );
        let (model, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
        let model = model.unwrap();
        assert!(model.find("/tre/barn/navn").is_none());
        assert!(model.find("/tre/barn").is_some());
        assert_eq!(
            diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
            [Code::XsdRecursive]
        );
    }

    #[test]
    fn includes_choices_groups_and_extensions() {
        let main = format!(
            r#"{HEAD}<xs:include schemaLocation="Typer.XSD"/>
            <xs:element name="rot"><xs:complexType><xs:sequence>
              <xs:choice><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:int"/></xs:choice>
              <xs:group ref="Felles"/>
              <xs:element name="utvidet" type="Utvidet"/>
            </xs:sequence></xs:complexType></xs:element></xs:schema>"#
        );
        let types = format!(
            r#"{HEAD}<xs:group name="Felles"><xs:sequence><xs:element name="dato" type="xs:date"/></xs:sequence></xs:group>
            <xs:complexType name="Basis"><xs:sequence><xs:element name="id" type="Kort"/></xs:sequence></xs:complexType>
            <xs:complexType name="Utvidet"><xs:complexContent><xs:extension base="Basis">
              <xs:sequence><xs:element name="ekstra" type="xs:boolean"/></xs:sequence>
              <xs:attribute name="versjon" type="xs:string" fixed="2"/>
            </xs:extension></xs:complexContent></xs:complexType>
            <xs:simpleType name="Kort"><xs:restriction base="xs:string"><xs:maxLength value="4"/></xs:restriction></xs:simpleType>
            </xs:schema>"#
        );
        let (model, diagnostics) = read(&[("main.xsd", &main), ("typer.xsd", &types)], "main.xsd");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let model = model.unwrap();
        assert_eq!(model.files, ["main.xsd", "typer.xsd"]);
        assert!(model.find("/rot/a").unwrap().in_choice);
        assert_eq!(
            model.find("/rot/dato").unwrap().value_type.as_deref(),
            Some("date")
        );
        assert_eq!(
            model
                .find("/rot/utvidet/id")
                .unwrap()
                .restrictions
                .max_length,
            Some(4)
        );
        assert_eq!(
            model
                .find("/rot/utvidet/ekstra")
                .unwrap()
                .value_type
                .as_deref(),
            Some("boolean")
        );
        assert_eq!(
            model
                .find("/rot/utvidet/@versjon")
                .unwrap()
                .fixed
                .as_deref(),
            Some("2")
        );
    }

    #[test]
    fn missing_imports_and_types_are_warnings() {
        let schema = format!(
            r#"{HEAD}<xs:import namespace="urn:x" schemaLocation="borte.xsd"/>
            <xs:element name="rot"><xs:complexType><xs:sequence><xs:element name="f" type="Ukjent"/></xs:sequence></xs:complexType></xs:element></xs:schema>"#
        );
        let (model, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
        assert_eq!(
            model.unwrap().find("/rot/f").unwrap().value_type.as_deref(),
            Some("string")
        );
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            codes,
            [(Code::XsdUnresolved, crate::diagnostics::Severity::Warning); 2]
        );
    }

    #[test]
    fn any_content_and_oversized_models_are_reported() {
        let schema = format!(
            r###"{HEAD}<xs:element name="rot"><xs:complexType><xs:sequence>
              <xs:any namespace="##other"/>
              <xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/><xs:element name="c" type="xs:string"/>
            </xs:sequence></xs:complexType></xs:element></xs:schema>"###
        );
        let (_, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
        assert_eq!(diagnostics[0].code, Code::XsdUnsupported);
        let owned = vec![("a.xsd".to_string(), schema.as_str())];
        let input = SchemaInput {
            members: &owned,
            entry: "a.xsd",
            root_hint: None,
            xsn: "t.xsn",
        };
        let mut diagnostics = Vec::new();
        let limits = Limits {
            max_model_nodes: 2,
            ..Limits::default()
        };
        let model = read_model(&input, &limits, &mut diagnostics).unwrap();
        assert!(model.nodes().len() <= 3);
        assert!(diagnostics.iter().any(|d| d.code == Code::ModelTooLarge));
    }
}
