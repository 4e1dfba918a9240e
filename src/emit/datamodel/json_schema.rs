//! `<Model>.schema.json`: JSON Schema 2020-12 with the `@xsd*` annotations Studio's editor
//! reads, named types under `$defs` as Studio's XSD import makes them, properties by their
//! JSON names.

use super::*;

pub(super) fn json_schema(cx: &Context) -> Value {
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
pub(super) struct Defs {
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
            if value_required(node) {
                required.push(json!("value"));
            }
        }
        for (child, json) in node
            .children
            .iter()
            .zip(crate::emit::names::json_names(node))
        {
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
pub(super) fn def_name(type_name: &str) -> String {
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
pub(super) fn typed_literal(value_type: Option<&str>, text: &str) -> Value {
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

pub(super) fn leaf(value_type: Option<&str>, r: &Restrictions, nillable: bool) -> Value {
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
pub(super) fn multiple_of(digits: u32) -> Value {
    if digits == 0 {
        return json!(1);
    }
    let text = format!("0.{}1", "0".repeat(digits.min(20) as usize - 1));
    text.parse::<serde_json::Number>()
        .map(Value::Number)
        .unwrap_or(json!(1))
}
