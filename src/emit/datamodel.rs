//! The data model files: `<Model>.schema.json` (JSON Schema 2020-12 with the `@xsd*`
//! annotations Studio's editor reads, named types under `$defs` as Studio's XSD import makes
//! them), `<Model>.xsd` (the original schema as UTF-8, with every schema it imports beside it)
//! and `<Model>.cs` (the C# class in the shape Studio generates, which .NET's XmlSerializer
//! reads and writes without losing anything the schema allows).

use super::Context;
use super::names::csharp_identifier;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::model::{ModelKind, ModelNode, Restrictions, json_type};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

pub fn emit(cx: &mut Context) {
    let name = cx.data_type.clone();
    let schema = json_schema(cx);
    cx.json(format!("App/models/{name}.schema.json"), &schema);
    cx.file(
        format!("App/models/{name}.xsd"),
        normalised_xsd(&cx.model.source).into_bytes(),
    );
    write_imports(cx, &name);
    cx.file(format!("App/models/{name}.cs"), csharp(cx).into_bytes());
    report(cx);
}

/// The schemas `<Model>.xsd` imports, under the names its `schemaLocation`s use.
fn write_imports(cx: &mut Context, name: &str) {
    let own = [
        format!("{name}.xsd"),
        format!("{name}.cs"),
        format!("{name}.schema.json"),
        format!("{name}.prefill.json"),
    ];
    for import in &cx.model.imports {
        let plain = !import.name.is_empty()
            && !import.name.contains(['/', '\\', ':'])
            && !import.name.starts_with('.');
        if !plain || own.iter().any(|o| o.eq_ignore_ascii_case(&import.name)) {
            let d = Diagnostic::new(
                Code::ImportedSchemaNotWritten,
                format!(
                    "`{}`, imported by the data model, was not written to App/models: its name clashes with the model's own files",
                    import.name
                ),
            )
            .in_file(&cx.model.file);
            cx.diagnostics.push(d);
            continue;
        }
        let bytes = normalised_xsd(&import.text).into_bytes();
        cx.files
            .insert(format!("App/models/{}", import.name), bytes);
    }
}

/// Findings about the model's data: rich text fields, and initial data no reader can load.
fn report(cx: &mut Context) {
    let mut found = Vec::new();
    for node in cx.model.nodes().into_iter().filter(|n| n.mixed) {
        found.push(
            Diagnostic::new(
                Code::RichTextField,
                format!(
                    "`{}` holds rich text: the app keeps its markup in the XML, and the form shows and edits its text only",
                    node.path
                ),
            )
            .at((&node.origin).into()),
        );
    }
    // XML names the frontend cannot take as one step of a binding.
    for parent in cx.model.nodes() {
        for (child, json) in parent.children.iter().zip(super::names::json_names(parent)) {
            if json != child.name {
                found.push(
                    Diagnostic::new(
                        Code::ModelNameRenamed,
                        format!(
                            "`{}` is `{json}` in the app's JSON, its JSON Schema and its bindings (the frontend splits a binding at each dot); the XML keeps `{}`",
                            child.path, child.name
                        ),
                    )
                    .at((&child.origin).into()),
                );
            }
        }
    }
    let empty = &cx.model.empty_in_template;
    if let Some(first) = empty.first() {
        let shown: Vec<String> = empty
            .iter()
            .take(5)
            .map(|e| format!("`{}` ({})", e.path, e.value_type))
            .collect();
        let more = if empty.len() > 5 {
            format!(" and {} more", empty.len() - 5)
        } else {
            String::new()
        };
        found.push(
            Diagnostic::new(
                Code::EmptyNumberInInitialData,
                format!(
                    "template.xml has {} empty value(s) typed as numbers or booleans ({}{more}); XmlSerializer cannot read them, so the app starts from an empty model, and Altinn II data of this shape needs them removed before import",
                    empty.len(),
                    shown.join(", ")
                ),
            )
            .at((&first.origin).into()),
        );
    }
    cx.diagnostics.extend(found);
}

/// The schema text with its XML declaration saying UTF-8 (which is what it now is).
fn normalised_xsd(source: &str) -> String {
    let body = match source
        .strip_prefix("<?xml")
        .and_then(|rest| rest.find("?>").map(|end| &rest[end + 2..]))
    {
        Some(after) => after.trim_start_matches(['\r', '\n']),
        None => source,
    };
    let mut text = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{body}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.replace("\r\n", "\n")
}

fn json_schema(cx: &Context) -> Value {
    let model = cx.model;
    let mut namespaces = Map::new();
    namespaces.insert("xsd".into(), json!("http://www.w3.org/2001/XMLSchema"));
    namespaces.insert(
        "xsi".into(),
        json!("http://www.w3.org/2001/XMLSchema-instance"),
    );
    match model.kind {
        ModelKind::Seres => {
            namespaces.insert(
                "seres".into(),
                json!("http://seres.no/xsd/forvaltningsdata"),
            );
        }
        ModelKind::Or => {
            namespaces.insert("brreg".into(), json!("http://www.brreg.no/or"));
        }
        _ => {}
    }
    let mut info = Map::new();
    info.insert("rootNode".into(), json!(""));
    for (k, v) in &model.header {
        info.insert(k.clone(), json!(v));
    }
    let mut defs = Defs::default();
    let root = defs.object(&model.root);
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    doc.insert("$id".into(), json!(format!("{}.schema.json", cx.data_type)));
    doc.insert("type".into(), json!("object"));
    doc.insert("info".into(), Value::Object(info));
    doc.insert("@xsdNamespaces".into(), Value::Object(namespaces));
    doc.insert(
        "@xsdSchemaAttributes".into(),
        json!({ "AttributeFormDefault": "Unqualified", "ElementFormDefault": "Qualified", "BlockDefault": "None", "FinalDefault": "None" }),
    );
    doc.insert("@xsdRootElement".into(), json!(model.root.name));
    if let Some(ns) = &model.target_namespace {
        doc.insert("@xsdTargetNamespace".into(), json!(ns));
    }
    // A named root type is a definition the root refers to, as Studio's XSD import makes it;
    // an anonymous one is the root schema itself.
    match &model.root.type_name {
        Some(type_name) => {
            let name = defs.define(type_name, root);
            doc.insert(
                "oneOf".into(),
                json!([{ "$ref": format!("#/$defs/{name}") }]),
            );
        }
        None => {
            if let Value::Object(mut map) = root {
                map.remove("type");
                doc.append(&mut map);
            }
        }
    }
    if !defs.values.is_empty() {
        doc.insert("$defs".into(), Value::Object(defs.values));
    }
    Value::Object(doc)
}

/// The `$defs` of the schema: one per named complex type (a second structure under the same
/// name gets a numbered name).
#[derive(Default)]
struct Defs {
    values: Map<String, Value>,
}

impl Defs {
    fn define(&mut self, type_name: &str, schema: Value) -> String {
        let type_name = &def_name(type_name);
        let mut name = type_name.to_string();
        let mut n = 1;
        loop {
            match self.values.get(&name) {
                None => {
                    self.values.insert(name.clone(), schema);
                    return name;
                }
                Some(existing) if *existing == schema => return name,
                Some(_) => {
                    n += 1;
                    name = format!("{type_name}{n}");
                }
            }
        }
    }

    /// The schema of an element with children (or attributes).
    fn object(&mut self, node: &ModelNode) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        if node.simple_content {
            let mut value = leaf(
                node.value_type.as_deref(),
                &node.restrictions,
                node.nillable,
            );
            value["@xsdText"] = json!(true);
            properties.insert("value".into(), value);
        }
        for (child, json) in node.children.iter().zip(super::names::json_names(node)) {
            let schema = self.property(child);
            if child.min_occurs > 0 && !child.in_choice && !child.nillable {
                required.push(json!(json));
            }
            properties.insert(json, schema);
        }
        let mut o = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            o["required"] = Value::Array(required);
        }
        if node.any_attribute {
            o["@xsdAnyAttribute"] = json!({ "Namespace": "##any", "ProcessContent": "None" });
        }
        o
    }

    fn property(&mut self, node: &ModelNode) -> Value {
        let structured = node.is_structured();
        let mut schema = if !structured {
            leaf(
                node.value_type.as_deref(),
                &node.restrictions,
                node.nillable,
            )
        } else {
            let object = self.object(node);
            match &node.type_name {
                Some(t) => json!({ "$ref": format!("#/$defs/{}", self.define(t, object)) }),
                None => object,
            }
        };
        if let Some(fixed) = &node.fixed {
            schema["const"] = typed_literal(node.value_type.as_deref(), fixed);
        }
        if node.attribute {
            schema["@xsdAttribute"] = json!(true);
        }
        if node.nillable {
            schema["@xsdNillable"] = json!(true);
        }
        if let Some(t) = node.type_name.as_ref().filter(|_| !structured) {
            schema["@xsdType"] = json!(t);
        }
        if let Some(doc) = node
            .texts
            .documentation
            .as_ref()
            .or_else(|| node.texts.label.values().next())
        {
            schema["description"] = json!(doc);
        }
        if node.repeats() && !node.attribute {
            let mut array =
                json!({ "type": "array", "items": schema, "@xsdMinOccurs": node.min_occurs });
            match node.max_occurs {
                Some(max) => {
                    array["maxItems"] = json!(max);
                    array["@xsdMaxOccurs"] = json!(max.to_string());
                }
                None => array["@xsdMaxOccurs"] = json!("unbounded"),
            }
            return array;
        }
        schema
    }
}

/// A `$defs` key that a `$ref` can name as it is: a URI fragment takes no letters outside
/// ASCII, and a JSON Pointer gives `/` and `~` meanings of their own.
fn def_name(type_name: &str) -> String {
    let mut out = String::new();
    for c in type_name.chars() {
        match c {
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') => out.push(c),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("Ae"),
            'ø' => out.push_str("oe"),
            'Ø' => out.push_str("Oe"),
            'å' => out.push_str("aa"),
            'Å' => out.push_str("Aa"),
            _ => out.push('_'),
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// A value written in the schema (`fixed`) as the JSON value of its type: `26`, not `"26"`,
/// for an integer, or no value could ever equal it.
fn typed_literal(value_type: Option<&str>, text: &str) -> Value {
    let text = text.trim();
    match json_type(value_type.unwrap_or("string")) {
        "integer" => text.parse::<i64>().map(Value::from).unwrap_or(json!(text)),
        "number" => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or(json!(text)),
        "boolean" => match text {
            "true" | "1" => json!(true),
            "false" | "0" => json!(false),
            _ => json!(text),
        },
        _ => json!(text),
    }
}

fn leaf(value_type: Option<&str>, r: &Restrictions, nillable: bool) -> Value {
    let t = value_type.unwrap_or("string");
    let mut s = match json_type(t) {
        "integer" => json!({ "type": "integer" }),
        "number" => json!({ "type": "number" }),
        "boolean" => json!({ "type": "boolean" }),
        _ => json!({ "type": "string" }),
    };
    match t {
        "date" => s["format"] = json!("date"),
        "dateTime" => s["format"] = json!("date-time"),
        "time" => s["format"] = json!("time"),
        "gYear" => s["pattern"] = json!("^[0-9]{4}$"),
        "base64Binary" => s["contentEncoding"] = json!("base64"),
        _ => {}
    }
    if nillable {
        let base = s["type"].clone();
        s["type"] = json!([base, "null"]);
    }
    s["@xsdType"] = json!(t);
    let num = |v: &String| v.parse::<f64>().ok().map(|f| json!(f));
    if !r.enumeration.is_empty() {
        s["enum"] = json!(r.enumeration);
    }
    if let Some(p) = r.patterns.first() {
        s["pattern"] = json!(format!("^{p}$"));
    }
    if let Some(l) = r.length {
        s["minLength"] = json!(l);
        s["maxLength"] = json!(l);
    }
    if let Some(l) = r.min_length {
        s["minLength"] = json!(l);
    }
    if let Some(l) = r.max_length {
        s["maxLength"] = json!(l);
    }
    for (key, value) in [
        ("minimum", &r.min_inclusive),
        ("maximum", &r.max_inclusive),
        ("exclusiveMinimum", &r.min_exclusive),
        ("exclusiveMaximum", &r.max_exclusive),
    ] {
        if let Some(v) = value.as_ref().and_then(num) {
            s[key] = v;
        }
    }
    if let Some(d) = r.total_digits {
        s["totalDigits"] = json!(d);
    }
    // `fractionDigits` is no JSON Schema keyword; Studio writes it as `multipleOf`.
    if let Some(d) = r.fraction_digits.filter(|_| json_type(t) == "number") {
        s["multipleOf"] = multiple_of(d);
    }
    s
}

/// `10^-digits` as the shortest JSON number: 1, 0.1, 0.01...
fn multiple_of(digits: u32) -> Value {
    if digits == 0 {
        return json!(1);
    }
    let text = format!("0.{}1", "0".repeat(digits.min(20) as usize - 1));
    text.parse::<serde_json::Number>()
        .map(Value::Number)
        .unwrap_or(json!(1))
}

/// The C# type of a value (without `?`), and whether it is a value type.
fn csharp_type(xsd: Option<&str>) -> (&'static str, bool) {
    match json_type(xsd.unwrap_or("string")) {
        "integer" | "number" => ("decimal", true),
        "boolean" => ("bool", true),
        _ => ("string", false),
    }
}

const JSON_IGNORE: &str =
    "    [Newtonsoft.Json.JsonIgnore]\n    [System.Text.Json.Serialization.JsonIgnore]\n";

/// C# classes: one per element with children, named after its XSD type (or element), the
/// root class named after the model.
fn csharp(cx: &Context) -> String {
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
struct Classes {
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
        let json_names = super::names::json_names(node);
        for (child, json) in node.children.iter().zip(&json_names) {
            let json = json.as_str();
            let prop = members.take(&child.name);
            if child.attribute {
                attribute(&mut body, child, &prop, json);
                continue;
            }
            order_no += 1;
            let placement = placement(child, node.namespace.as_deref(), order_no);
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
                // A nillable element is written as `xsi:nil` when empty; others are left out.
                if !child.nillable {
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
                node.any_attribute
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
struct Members {
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
fn placement(child: &ModelNode, parent_ns: Option<&str>, order: usize) -> String {
    let mut s = format!(", Order = {order}");
    match (child.namespace.as_deref(), parent_ns) {
        (Some(ns), p) if Some(ns) != p => {
            let _ = write!(s, ", Namespace = \"{}\"", escape(ns));
        }
        (None, Some(_)) => s.push_str(", Form = System.Xml.Schema.XmlSchemaForm.Unqualified"),
        _ => {}
    }
    s
}

fn json_attributes(body: &mut String, name: &str) {
    let _ = writeln!(
        body,
        "    [JsonProperty(\"{name}\")]\n    [JsonPropertyName(\"{name}\")]"
    );
}

/// The text of an element with simple content and attributes. `[XmlText]` cannot be a
/// nullable value type, so a number is a non-nullable `value` for XML beside the nullable
/// `valueNullable` JSON binds to (Studio's generator does the same).
fn text_value(body: &mut String, node: &ModelNode) {
    let (t, value) = csharp_type(node.value_type.as_deref());
    if !value {
        restrictions(body, node, t);
        body.push_str("    [XmlText]\n    public string value { get; set; }\n\n");
        return;
    }
    restrictions(body, node, t);
    let _ = writeln!(
        body,
        "    [XmlIgnore]\n    [JsonPropertyName(\"value\")]\n    [JsonProperty(PropertyName = \"value\")]\n    public {t}? valueNullable {{ get; set; }}\n\n    [XmlText]\n{JSON_IGNORE}    public {t} value\n    {{\n      get => valueNullable ?? default;\n      set => valueNullable = value;\n    }}\n"
    );
}

/// An attribute. Fixed values are typed as the schema types them (`decimal` for an integer),
/// so the three model files agree; an optional number is nullable for JSON and written to
/// XML only when it has a value.
fn attribute(body: &mut String, child: &ModelNode, prop: &str, json: &str) {
    let (t, value) = csharp_type(child.value_type.as_deref());
    let xml_attribute = xml_attribute(child);
    if let Some(fixed) = &child.fixed {
        let _ = writeln!(body, "{xml_attribute}");
        json_attributes(body, json);
        let literal = match (t, typed_literal(child.value_type.as_deref(), fixed)) {
            ("decimal", Value::Number(n)) => format!("{n}M"),
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
fn xml_attribute(child: &ModelNode) -> String {
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
fn rich_text(
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
fn restrictions(body: &mut String, node: &ModelNode, csharp: &str) {
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
    if csharp == "decimal" {
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

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_digits_become_a_multiple_and_fixed_values_keep_their_type() {
        assert_eq!(multiple_of(0), json!(1));
        assert_eq!(multiple_of(2).to_string(), "0.01");
        assert_eq!(typed_literal(Some("positiveInteger"), "26"), json!(26));
        assert_eq!(typed_literal(Some("string"), "26"), json!("26"));
        assert_eq!(typed_literal(Some("decimal"), "1.5"), json!(1.5));
        assert_eq!(typed_literal(Some("boolean"), "1"), json!(true));
    }
}
