//! Expanding declarations into the model tree: elements, named and anonymous types, groups,
//! attribute groups, simple and complex content, with the limits that keep it finite.

use super::*;

pub(super) struct Builder<'d, 'a> {
    pub(super) docs: &'d [Doc<'a>],
    pub(super) globals: HashMap<Key, (usize, Node<'d, 'a>)>,
    pub(super) diagnostics: &'d mut Vec<Diagnostic>,
    pub(super) count: usize,
    /// More nodes than any real form has; past it the model is cut and reported.
    pub(super) max: usize,
    /// Named types being expanded, to stop recursion.
    pub(super) types: Vec<String>,
    pub(super) stopped: bool,
    /// Elements being expanded: a chain of references has no cycle to stop it.
    pub(super) depth: usize,
    pub(super) too_deep: bool,
}

/// Named types and groups expanding inside each other past this are cut (stack safety).
pub(super) const MAX_DEPTH: usize = 64;
/// Elements nested past this are cut: every level nests the emitted JSON Schema two or three
/// levels deeper, and .NET's JSON reader (Altinn apps, Studio) stops at 64 by default.
pub const MAX_ELEMENT_DEPTH: usize = 20;

impl<'d, 'a> Builder<'d, 'a> {
    pub(super) fn doc_of(&self, node: Node) -> &'d Doc<'a> {
        let docs = self.docs;
        docs.iter()
            .find(|d| std::ptr::eq(node.document(), &d.xml.doc))
            .unwrap_or(&docs[0])
    }

    pub(super) fn origin(&self, node: Node) -> Origin {
        self.doc_of(node).xml.origin(node)
    }

    pub(super) fn diag(&mut self, code: Code, node: Node, message: String) {
        let d = self.doc_of(node).xml.diag(code, node, message);
        self.diagnostics.push(d);
    }

    /// Resolves a QName attribute value against the scope of `at`: (namespace, local name).
    pub(super) fn qname(at: Node, value: &str) -> (Option<String>, String) {
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        (
            at.lookup_namespace_uri(prefix).map(str::to_string),
            local.to_string(),
        )
    }

    pub(super) fn lookup(&mut self, kind: Kind, at: Node, value: &str) -> Option<Node<'d, 'a>> {
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

    pub(super) fn occurs(node: Node) -> (u32, Option<u32>) {
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

    pub(super) fn count_node(&mut self, at: Node) -> bool {
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
    pub(super) fn element(
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
    pub(super) fn deeper(&mut self, at: Node, path: &str) -> bool {
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

    /// The declaration itself, depth already counted by `element`.
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
    pub(super) fn typed(&mut self, decl: Node<'d, 'a>, node: &mut ModelNode) {
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
    pub(super) fn enter(&mut self, type_node: Node, node: &ModelNode) -> Option<String> {
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

    pub(super) fn leave(&mut self, key: Option<String>) {
        if key.is_some_and(|k| !k.is_empty()) {
            self.types.pop();
        }
    }

    pub(super) fn complex(&mut self, type_node: Node<'d, 'a>, node: &mut ModelNode) {
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
    pub(super) fn content(&mut self, holder: Node<'d, 'a>, node: &mut ModelNode) {
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

    pub(super) fn particles(
        &mut self,
        container: Node<'d, 'a>,
        node: &mut ModelNode,
        outer_choice: bool,
    ) {
        let occurs = Self::occurs(container);
        let choice = outer_choice || container.tag_name().name() == "choice";
        // `xsd:all`, or a choice that repeats: the children come in any order.
        if is(container, "all") || (is(container, "choice") && occurs.1 != Some(1)) {
            node.unordered = true;
        }
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

    pub(super) fn group(&mut self, reference: Node<'d, 'a>, node: &mut ModelNode) {
        self.expand_ref(Kind::Group, reference, node, |b, group, node| {
            for child in elements(group).filter(|c| !is(*c, "annotation")) {
                b.particles(child, node, false);
            }
        });
    }

    pub(super) fn attribute_group(&mut self, reference: Node<'d, 'a>, node: &mut ModelNode) {
        self.expand_ref(Kind::AttributeGroup, reference, node, Self::content);
    }

    /// Expands the global a `ref` names with `body`, under the same recursion and depth guard
    /// as named types (groups and attribute groups may refer to each other).
    pub(super) fn expand_ref(
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

    pub(super) fn attribute(&mut self, decl: Node<'d, 'a>, parent_path: &str) -> Option<ModelNode> {
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

    pub(super) fn simple_content(&mut self, holder: Node<'d, 'a>, node: &mut ModelNode) {
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

    pub(super) fn complex_content(&mut self, holder: Node<'d, 'a>, node: &mut ModelNode) {
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
    pub(super) fn base_type(&mut self, at: Node<'d, 'a>, base: &str, node: &mut ModelNode) {
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

    pub(super) fn simple(&mut self, type_node: Node<'d, 'a>, node: &mut ModelNode) {
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
