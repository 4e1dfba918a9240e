//! The data model files: `<Model>.schema.json` (JSON Schema 2020-12 with the `@xsd*`
//! annotations Studio's editor reads), `<Model>.xsd` (the original schema, as UTF-8) and
//! `<Model>.cs` (the C# class in the shape Studio generates).

use super::Context;
use super::names::csharp_identifier;
use crate::ir::model::{ModelKind, ModelNode, Restrictions};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn emit(cx: &mut Context) {
    let name = cx.data_type.clone();
    let schema = json_schema(cx);
    cx.json(format!("App/models/{name}.schema.json"), &schema);
    cx.file(
        format!("App/models/{name}.xsd"),
        normalised_xsd(&cx.model.source).into_bytes(),
    );
    cx.file(format!("App/models/{name}.cs"), csharp(cx).into_bytes());
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
    let mut root = object(&model.root);
    let root_map = root.as_object_mut().expect("object schema");
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    doc.insert("$id".into(), json!(format!("{}.schema.json", cx.data_type)));
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
    doc.append(root_map);
    Value::Object(doc)
}

/// The schema of an element with children (or attributes).
fn object(node: &ModelNode) -> Value {
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
    for child in &node.children {
        let schema = property(child);
        if child.min_occurs > 0 && !child.in_choice && !child.nillable {
            required.push(json!(child.name));
        }
        properties.insert(child.name.clone(), schema);
    }
    let mut o = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        o["required"] = Value::Array(required);
    }
    o
}

fn property(node: &ModelNode) -> Value {
    let mut schema = if node.children.is_empty() && !node.simple_content {
        leaf(
            node.value_type.as_deref(),
            &node.restrictions,
            node.nillable,
        )
    } else {
        object(node)
    };
    if let Some(fixed) = &node.fixed {
        schema["const"] = json!(fixed);
    }
    if node.attribute {
        schema["@xsdAttribute"] = json!(true);
    }
    if node.nillable {
        schema["@xsdNillable"] = json!(true);
    }
    if let Some(t) = &node.type_name {
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
    if let Some(d) = r.fraction_digits {
        s["fractionDigits"] = json!(d);
    }
    s
}

fn json_type(xsd: &str) -> &'static str {
    match xsd {
        "integer" | "int" | "long" | "short" | "byte" | "positiveInteger"
        | "nonNegativeInteger" | "negativeInteger" | "nonPositiveInteger" | "unsignedInt"
        | "unsignedLong" | "unsignedShort" | "unsignedByte" => "integer",
        "decimal" | "double" | "float" => "number",
        "boolean" => "boolean",
        _ => "string",
    }
}

fn csharp_type(xsd: Option<&str>) -> (&'static str, bool) {
    match json_type(xsd.unwrap_or("string")) {
        "integer" | "number" => ("decimal?", true),
        "boolean" => ("bool?", true),
        _ => ("string", false),
    }
}

/// C# classes: one per element with children, named after its XSD type (or element), the
/// root class named after the model.
fn csharp(cx: &Context) -> String {
    let model = cx.model;
    let name = cx.data_type.clone();
    let mut classes: BTreeMap<String, String> = BTreeMap::new();
    let mut order = Vec::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    class(
        &model.root,
        &name,
        true,
        false,
        &mut classes,
        &mut order,
        &mut taken,
    );
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
    for (i, class_name) in order.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&classes[class_name]);
    }
    out.push_str("}\n");
    out
}

fn class(
    node: &ModelNode,
    class_name: &str,
    root: bool,
    repeating: bool,
    classes: &mut BTreeMap<String, String>,
    order: &mut Vec<String>,
    taken: &mut BTreeMap<String, String>,
) {
    let mut body = String::new();
    if root {
        let ns = node
            .namespace
            .as_ref()
            .map(|n| format!(", Namespace = \"{n}\""))
            .unwrap_or_default();
        let _ = writeln!(body, "  [XmlRoot(ElementName = \"{}\"{ns})]", node.name);
    }
    let _ = writeln!(body, "  public class {class_name}\n  {{");
    if repeating {
        body.push_str("    [XmlAttribute(\"altinnRowId\")]\n    [JsonPropertyName(\"altinnRowId\")]\n    [System.Text.Json.Serialization.JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]\n    [Newtonsoft.Json.JsonIgnore]\n    public Guid AltinnRowId { get; set; }\n\n    public bool ShouldSerializeAltinnRowId() => AltinnRowId != default;\n\n");
    }
    let mut order_no = 0;
    let mut used = vec![class_name.to_string()];
    let mut member = |raw: &str| {
        let mut m = csharp_identifier(raw);
        while used.contains(&m) {
            m.push('_');
        }
        used.push(m.clone());
        m
    };
    if node.simple_content {
        let (t, _) = csharp_type(node.value_type.as_deref());
        let _ = writeln!(
            body,
            "    [XmlText]\n    public {} value {{ get; set; }}\n",
            if t == "string" { "string" } else { t }
        );
    }
    for child in &node.children {
        let prop = member(&child.name);
        if child.attribute {
            let _ = writeln!(body, "    [XmlAttribute(\"{}\")]", child.name);
            match &child.fixed {
                Some(value) => {
                    let _ = writeln!(
                        body,
                        "    [BindNever]\n    public string {prop} {{ get; set; }} = \"{}\";\n",
                        escape(value)
                    );
                }
                None => {
                    let _ = writeln!(body, "    public string {prop} {{ get; set; }}\n");
                }
            }
            continue;
        }
        order_no += 1;
        let nullable = if child.nillable {
            ", IsNullable = true"
        } else {
            ""
        };
        let _ = writeln!(
            body,
            "    [XmlElement(\"{}\", Order = {order_no}{nullable})]",
            child.name
        );
        let _ = writeln!(
            body,
            "    [JsonProperty(\"{0}\")]\n    [JsonPropertyName(\"{0}\")]",
            child.name
        );
        let many = child.repeats();
        let type_name = if child.children.is_empty() && !child.simple_content {
            let (t, value) = csharp_type(child.value_type.as_deref());
            if let Some(p) = child
                .restrictions
                .patterns
                .first()
                .filter(|_| t == "string")
            {
                let _ = writeln!(
                    body,
                    "    [RegularExpression(@\"{}\")]",
                    p.replace('"', "\"\"")
                );
            }
            if value && !many {
                let _ = writeln!(
                    body,
                    "    public {t} {prop} {{ get; set; }}\n\n    public bool ShouldSerialize{prop}() => {prop}.HasValue;\n"
                );
                continue;
            }
            t.trim_end_matches('?').to_string()
        } else {
            let wanted = csharp_identifier(child.type_name.as_deref().unwrap_or(&child.name));
            let key = child.path.clone();
            match taken.get(&key) {
                Some(n) => n.clone(),
                None => {
                    let mut n = wanted.clone();
                    let mut i = 1;
                    while classes.contains_key(&n) || n == class_name || order.contains(&n) {
                        i += 1;
                        n = format!("{wanted}{i}");
                    }
                    taken.insert(key, n.clone());
                    order.push(n.clone());
                    classes.insert(n.clone(), String::new());
                    class(child, &n, false, many, classes, order, taken);
                    n
                }
            }
        };
        let rust_type = if many {
            format!("List<{type_name}>")
        } else {
            type_name
        };
        let _ = writeln!(body, "    public {rust_type} {prop} {{ get; set; }}\n");
    }
    let body = body.trim_end().to_string() + "\n  }\n";
    if root {
        order.insert(0, class_name.to_string());
    }
    classes.insert(class_name.to_string(), body);
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}
