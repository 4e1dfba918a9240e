//! `<Model>.cs`: the C# classes in the shape Studio generates, which .NET's XmlSerializer
//! reads and writes without losing anything the schema allows (one class per shape; XML
//! names in `[XmlElement]`/`[XmlAttribute]`, JSON names in `[JsonPropertyName]`).

use super::*;

/// The C# type of a value (without `?`), and whether it is a value type.
/// As Studio's generator types them (`JsonMetadataToCsharpConverter.GetPropertyType`): `int`,
/// `long` and `short` are C#'s own; `double` (and `float`, whose values it holds) is
/// `double`; every other number is `decimal`. Dates and times stay text, as written.
pub(super) fn csharp_type(xsd: Option<&str>) -> (&'static str, bool) {
    match xsd.unwrap_or("string") {
        "int" => ("int", true),
        "long" => ("long", true),
        "short" => ("short", true),
        "double" | "float" => ("double", true),
        t => match json_type(t) {
            "integer" | "number" => ("decimal", true),
            "boolean" => ("bool", true),
            _ => ("string", false),
        },
    }
}

/// A C# literal of a number typed `t`.
fn number_literal(t: &str, n: &serde_json::Number) -> String {
    match t {
        "decimal" => format!("{n}M"),
        "double" => format!("{n}D"),
        "long" => format!("{n}L"),
        _ => n.to_string(),
    }
}

pub(super) const JSON_IGNORE: &str =
    "    [Newtonsoft.Json.JsonIgnore]\n    [System.Text.Json.Serialization.JsonIgnore]\n";

/// C# classes: one per element with children, named after its XSD type (or element), the
/// root class named after the model.
pub(super) fn csharp(cx: &Context) -> String {
    let model = cx.model;
    let name = cx.data_type.clone();
    let mut classes = Classes::default();
    classes.class(&model.root, &name, true, false);
    let mut out = String::new();
    out.push_str("#nullable disable\n");
    for using in [
        "System",
        "System.Collections.Generic",
        "System.ComponentModel.DataAnnotations",
        "System.Linq",
        "System.Text.Json.Serialization",
        "System.Xml.Serialization",
        "Microsoft.AspNetCore.Mvc.ModelBinding",
        "Newtonsoft.Json",
    ] {
        let _ = writeln!(out, "using {using};");
    }
    let _ = writeln!(out, "\nnamespace Altinn.App.Models.{name}\n{{");
    for (i, class_name) in classes.order.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&classes.bodies[class_name]);
    }
    out.push_str("}\n");
    out
}

#[derive(Default)]
pub(super) struct Classes {
    bodies: BTreeMap<String, String>,
    order: Vec<String>,
    /// Shape → class name: a node is one class however often it is reached, and nodes of one
    /// shape (one global element or named type reached by several paths) share it.
    /// XmlSerializer requires that: one qualified element name, one type.
    taken: HashMap<usize, String>,
    /// Model path → shape id, and (a node's own facts, its children's shapes) → shape id.
    shape_of: HashMap<String, usize>,
    shapes: HashMap<(String, Vec<usize>), usize>,
    /// Every class name given out, and per wanted name the last suffix tried: a type reached
    /// by 100,000 paths gets its names in linear time, not by rescanning them all.
    names: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl Classes {
    fn class(&mut self, node: &ModelNode, class_name: &str, root: bool, repeating: bool) {
        if root {
            self.order.insert(0, class_name.to_string());
            self.names.insert(class_name.to_string());
        }
        let mut body = String::new();
        if root {
            let ns = node
                .namespace
                .as_ref()
                .map(|n| format!(", Namespace = \"{}\"", escape(n)))
                .unwrap_or_default();
            let _ = writeln!(body, "  [XmlRoot(ElementName = \"{}\"{ns})]", node.name);
        }
        let _ = writeln!(body, "  public class {class_name}\n  {{");
        if repeating {
            body.push_str("    [XmlAttribute(\"altinnRowId\")]\n    [JsonPropertyName(\"altinnRowId\")]\n    [System.Text.Json.Serialization.JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]\n    [Newtonsoft.Json.JsonIgnore]\n    public Guid AltinnRowId { get; set; }\n\n    public bool ShouldSerializeAltinnRowId() => AltinnRowId != default;\n\n");
        }
        let mut members = Members::new(class_name);
        if node.simple_content {
            text_value(&mut body, node);
        }
        let mut order_no = 0;
        let json_names = crate::emit::names::json_names(node);
        for (child, json) in node.children.iter().zip(&json_names) {
            let json = json.as_str();
            let prop = members.take(&child.name);
            if child.attribute {
                attribute(&mut body, child, &prop, json);
                continue;
            }
            order_no += 1;
            let placement = placement(
                child,
                node.namespace.as_deref(),
                (!node.unordered).then_some(order_no),
            );
            if child.mixed {
                rich_text(
                    &mut body,
                    child,
                    (&prop, json),
                    &placement,
                    members.take(&format!("{prop}Xml")),
                );
                continue;
            }
            let many = child.repeats();
            let structured = child.is_structured();
            // A nillable element is read and written as `xsi:nil`, in a list too (a list of
            // numbers then holds `decimal?`: a value type cannot be nil).
            let nullable = if child.nillable {
                ", IsNullable = true"
            } else {
                ""
            };
            let (t, value) = csharp_type(child.value_type.as_deref());
            if !structured {
                restrictions(&mut body, child, t);
                if value && !many && child.min_occurs > 0 && !child.nillable {
                    body.push_str("    [Required]\n");
                }
            }
            let _ = writeln!(
                body,
                "    [XmlElement(\"{}\"{placement}{nullable})]",
                child.name
            );
            json_attributes(&mut body, json);
            let type_name = if structured {
                self.nested(child, many)
            } else if value && !many {
                let _ = writeln!(body, "    public {t}? {prop} {{ get; set; }}\n");
                // A nillable element is written as `xsi:nil` when empty; others are left out,
                // and so is a branch of a choice (two branches would break the choice).
                if !child.nillable || child.in_choice {
                    let _ = writeln!(
                        body,
                        "    public bool ShouldSerialize{prop}() => {prop}.HasValue;\n"
                    );
                }
                continue;
            } else if value && child.nillable {
                format!("{t}?")
            } else {
                t.to_string()
            };
            let member_type = if many {
                format!("List<{type_name}>")
            } else {
                type_name
            };
            let _ = writeln!(body, "    public {member_type} {prop} {{ get; set; }}\n");
            // An element whose attributes are all fixed carries its data in its text: without
            // a value it is left out (`<orgnr orid="18"/>` would fail the schema). Studio's
            // generator does this for one fixed attribute; the rule is the same for several.
            if !many
                && child.simple_content
                && child.min_occurs == 0
                && child
                    .children
                    .iter()
                    .all(|a| a.attribute && a.fixed.is_some())
            {
                let has = if csharp_type(child.value_type.as_deref()).1 {
                    "valueNullable.HasValue == true"
                } else {
                    "value != null"
                };
                let _ = writeln!(
                    body,
                    "    public bool ShouldSerialize{prop}() => {prop}?.{has};\n"
                );
            } else if !many && child.nillable && child.in_choice {
                // A nillable branch of a choice that was not chosen is left out, not nil.
                let _ = writeln!(
                    body,
                    "    public bool ShouldSerialize{prop}() => {prop} != null;\n"
                );
            }
        }
        if node.any_attribute {
            let prop = members.take("AnyAttributes");
            let _ = writeln!(
                body,
                "    // The schema allows attributes it does not name; they are kept as they are.\n    [XmlAnyAttribute]\n{JSON_IGNORE}    public System.Xml.XmlAttribute[] {prop} {{ get; set; }}\n"
            );
        }
        let body = body.trim_end().to_string() + "\n  }\n";
        self.bodies.insert(class_name.to_string(), body);
    }

    /// The shape of a node: everything its class body says (its name, what it holds, and each
    /// child's declaration and shape), so two elements of one named type share a class.
    /// Each node is visited once (memoised by path): linear in the model.
    fn shape(&mut self, node: &ModelNode) -> usize {
        if let Some(id) = self.shape_of.get(&node.path) {
            return *id;
        }
        let mut key = format!(
            "{}|{:?}",
            node.type_name.as_deref().unwrap_or(&node.name),
            (
                node.repeats(),
                node.simple_content,
                &node.value_type,
                &node.restrictions,
                (node.any_attribute, node.unordered, value_required(node))
            )
        );
        let mut children = Vec::with_capacity(node.children.len());
        for child in &node.children {
            let _ = write!(
                key,
                "|{:?}",
                (
                    &child.name,
                    &child.namespace,
                    child.attribute,
                    (child.min_occurs, child.max_occurs, child.nillable),
                    (&child.fixed, &child.default, child.mixed),
                )
            );
            children.push(self.shape(child));
        }
        let next = self.shapes.len();
        let id = *self.shapes.entry((key, children)).or_insert(next);
        self.shape_of.insert(node.path.clone(), id);
        id
    }

    /// The class of a structured child, made once per shape.
    fn nested(&mut self, child: &ModelNode, many: bool) -> String {
        let shape = self.shape(child);
        if let Some(n) = self.taken.get(&shape) {
            return n.clone();
        }
        let wanted = csharp_identifier(child.type_name.as_deref().unwrap_or(&child.name));
        // Names are only ever added (the class being written is among them), so every suffix
        // below the last one tried is still taken.
        let mut i = self.next_suffix.get(&wanted).copied().unwrap_or(1);
        let mut n = if i == 1 {
            wanted.clone()
        } else {
            format!("{wanted}{i}")
        };
        while self.names.contains(&n) {
            i += 1;
            n = format!("{wanted}{i}");
        }
        self.next_suffix.insert(wanted, i);
        self.names.insert(n.clone());
        self.taken.insert(shape, n.clone());
        self.order.push(n.clone());
        self.bodies.insert(n.clone(), String::new());
        self.class(child, &n, false, many);
        n
    }
}

/// Member names of one class: C# identifiers, unique, never the class's own name.
pub(super) struct Members {
    used: HashSet<String>,
}

impl Members {
    fn new(class_name: &str) -> Self {
        Members {
            used: HashSet::from([class_name.to_string()]),
        }
    }

    fn take(&mut self, raw: &str) -> String {
        let mut m = csharp_identifier(raw);
        while self.used.contains(&m) {
            m.push('_');
        }
        self.used.insert(m.clone());
        m
    }
}

/// `, Order = n` and the namespace of a child element when it is not its parent's:
/// XmlSerializer puts an element in its parent's namespace unless told otherwise.
/// No `Order` where the schema lets the children come in any order (`xsd:all`, a repeating
/// choice): XmlSerializer skips an element that comes out of its `Order`, and such data is
/// valid.
pub(super) fn placement(
    child: &ModelNode,
    parent_ns: Option<&str>,
    order: Option<usize>,
) -> String {
    let mut s = order.map(|o| format!(", Order = {o}")).unwrap_or_default();
    match (child.namespace.as_deref(), parent_ns) {
        (Some(ns), p) if Some(ns) != p => {
            let _ = write!(s, ", Namespace = \"{}\"", escape(ns));
        }
        (None, Some(_)) => s.push_str(", Form = System.Xml.Schema.XmlSchemaForm.Unqualified"),
        _ => {}
    }
    s
}

pub(super) fn json_attributes(body: &mut String, name: &str) {
    let _ = writeln!(
        body,
        "    [JsonProperty(\"{name}\")]\n    [JsonPropertyName(\"{name}\")]"
    );
}

/// The text of an element with simple content and attributes. `[XmlText]` cannot be a
/// nullable value type, so a number is a non-nullable `value` for XML beside the nullable
/// `valueNullable` JSON binds to (Studio's generator does the same).
/// Is the text of a simple-content element required: a number or truth value (no empty
/// text) of an element that must be there?
pub(super) fn value_required(node: &ModelNode) -> bool {
    csharp_type(node.value_type.as_deref()).1 && node.min_occurs > 0 && !node.nillable
}

pub(super) fn text_value(body: &mut String, node: &ModelNode) {
    let (t, value) = csharp_type(node.value_type.as_deref());
    if !value {
        restrictions(body, node, t);
        body.push_str("    [XmlText]\n    public string value { get; set; }\n\n");
        return;
    }
    restrictions(body, node, t);
    // A required element's number must be there (Studio writes the same); an optional
    // element's is not required, so that a field emptied again blocks nothing.
    if value_required(node) {
        body.push_str("    [Required]\n");
    }
    let _ = writeln!(
        body,
        "    [XmlIgnore]\n    [JsonPropertyName(\"value\")]\n    [JsonProperty(PropertyName = \"value\")]\n    public {t}? valueNullable {{ get; set; }}\n\n    [XmlText]\n{JSON_IGNORE}    public {t} value\n    {{\n      get => valueNullable ?? default;\n      set => valueNullable = value;\n    }}\n"
    );
}

/// An attribute. Fixed values are typed as the schema types them (`decimal` for an integer),
/// so the three model files agree; an optional number is nullable for JSON and written to
/// XML only when it has a value.
pub(super) fn attribute(body: &mut String, child: &ModelNode, prop: &str, json: &str) {
    let (t, value) = csharp_type(child.value_type.as_deref());
    let xml_attribute = xml_attribute(child);
    if let Some(fixed) = &child.fixed {
        let _ = writeln!(body, "{xml_attribute}");
        json_attributes(body, json);
        let literal = match (t, typed_literal(child.value_type.as_deref(), fixed)) {
            (t, Value::Number(n)) if t != "string" && t != "bool" => number_literal(t, &n),
            ("bool", Value::Bool(b)) => b.to_string(),
            _ => format!("\"{}\"", escape(fixed)),
        };
        let t = if literal.starts_with('"') {
            "string"
        } else {
            t
        };
        let _ = writeln!(
            body,
            "    [BindNever]\n    public {t} {prop} {{ get; set; }} = {literal};\n"
        );
        return;
    }
    restrictions(body, child, t);
    if !value {
        let _ = writeln!(body, "{xml_attribute}");
        json_attributes(body, json);
        let _ = writeln!(body, "    public string {prop} {{ get; set; }}\n");
        return;
    }
    body.push_str("    [XmlIgnore]\n");
    json_attributes(body, json);
    let _ = writeln!(
        body,
        "    public {t}? {prop} {{ get; set; }}\n\n{xml_attribute}\n{JSON_IGNORE}    public {t} {prop}Value\n    {{\n      get => {prop} ?? default;\n      set => {prop} = value;\n    }}\n\n    public bool ShouldSerialize{prop}Value() => {prop}.HasValue;\n"
    );
}

/// `[XmlAttribute]` with the attribute's namespace when it is qualified (a global attribute,
/// or `attributeFormDefault="qualified"`): XmlSerializer reads an unqualified one otherwise,
/// and also when the namespace is the element's own unless `Form` says qualified.
pub(super) fn xml_attribute(child: &ModelNode) -> String {
    match &child.namespace {
        Some(ns) => format!(
            "    [XmlAttribute(\"{}\", Form = System.Xml.Schema.XmlSchemaForm.Qualified, Namespace = \"{}\")]",
            child.name,
            escape(ns)
        ),
        None => format!("    [XmlAttribute(\"{}\")]", child.name),
    }
}

/// A rich-text element: the whole element for XML (markup and all), its text for JSON. The
/// text replaces the markup only when it was changed.
pub(super) fn rich_text(
    body: &mut String,
    child: &ModelNode,
    (prop, json): (&str, &str),
    placement: &str,
    xml_prop: String,
) {
    let ns = child.namespace.as_deref().unwrap_or("");
    let attr_placement = placement
        .replace(", Form = System.Xml.Schema.XmlSchemaForm.Unqualified", "")
        .split(", Namespace")
        .next()
        .unwrap_or("")
        .to_string();
    let _ = writeln!(
        body,
        "    [XmlAnyElement(\"{name}\", Namespace = \"{ns}\"{attr_placement})]\n{JSON_IGNORE}    public System.Xml.XmlElement {xml_prop} {{ get; set; }}\n\n    [XmlIgnore]",
        name = child.name,
        ns = escape(ns),
    );
    json_attributes(body, json);
    let _ = writeln!(
        body,
        "    public string {prop}\n    {{\n      get => {xml_prop}?.InnerText;\n      set\n      {{\n        if (value == {xml_prop}?.InnerText)\n        {{\n          return;\n        }}\n        if (value == null)\n        {{\n          {xml_prop} = null;\n          return;\n        }}\n        System.Xml.XmlElement element = new System.Xml.XmlDocument().CreateElement(\"{name}\", \"{ns}\");\n        element.InnerText = value;\n        {xml_prop} = element;\n      }}\n    }}\n",
        name = child.name,
        ns = escape(ns),
    );
}

/// Validation attributes from the facets, as Studio writes them.
pub(super) fn restrictions(body: &mut String, node: &ModelNode, csharp: &str) {
    let r = &node.restrictions;
    if csharp == "string" {
        if let Some(l) = r.min_length.or(r.length) {
            let _ = writeln!(body, "    [MinLength({l})]");
        }
        if let Some(l) = r.max_length.or(r.length) {
            let _ = writeln!(body, "    [MaxLength({l})]");
        }
        let pattern = r.patterns.first().cloned().or_else(|| {
            (node.value_type.as_deref() == Some("gYear")).then(|| "^[0-9]{4}$".to_string())
        });
        if let Some(p) = pattern {
            let _ = writeln!(
                body,
                "    [RegularExpression(@\"{}\")]",
                p.replace('"', "\"\"")
            );
        }
    }
    if ["decimal", "double", "int", "long", "short"].contains(&csharp) {
        let bound = |v: &Option<String>| {
            v.as_ref()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .map(|f| format!("{f:?}d"))
        };
        let (min, max) = (bound(&r.min_inclusive), bound(&r.max_inclusive));
        if min.is_some() || max.is_some() {
            let _ = writeln!(
                body,
                "    [Range({}, {})]",
                min.unwrap_or_else(|| "Double.MinValue".into()),
                max.unwrap_or_else(|| "Double.MaxValue".into())
            );
        }
    }
}

pub(super) fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}
