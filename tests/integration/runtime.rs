//! The emitted data model on the real thing: every app's `<Model>.cs` is compiled with Mono's
//! C# compiler and .NET's `XmlSerializer` (Mono's System.Xml) reads and writes the form's own
//! initial data and a generated instance in which every optional element is present. Nothing
//! may be lost on the way; the same instances validate against the emitted XSD (xmllint) and,
//! in the JSON shape the app gives the frontend, against `<Model>.schema.json`.
//!
//! Mono's `mcs` stops at C# 7.3, so the C# 8 `#nullable disable` pragma (which changes no
//! code) is dropped before compiling; `tests/mono/Stubs.cs` declares the attributes of the
//! three libraries Mono lacks (Newtonsoft.Json, System.Text.Json, ASP.NET model binding).

use crate::apps::{EmittedApp, all};
use roxmltree::Document;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tul2studio::ir::model::{DataModel, ModelNode, is_numeric_or_boolean};

/// Mono's compiler and runtime, or a skip (a failure under CI, where `.ci/run` installs them).
fn mono() -> Option<()> {
    let ok = |tool: &str| Command::new(tool).arg("--version").output().is_ok();
    if ok("mcs") && ok("mono") {
        return Some(());
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("mcs or mono is missing; .ci/run installs mono-mcs and mono-runtime");
    }
    crate::support::visible_notice("Mono is missing; skipping the XmlSerializer round trips");
    None
}

/// Schemas xmllint cannot compile because an import is not in the sample (the conversion
/// reports it as TUL2003), with the reason; their instances are not validated.
const XSD_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "real:schema_2684_2_forms_3376_31721.xsd",
        "imports seres.xsd and kodebibliotek.xsd, which the sample does not ship",
    ),
    (
        "real:FormMasters.xsn",
        "imports BuiltInActiveXControls.xsd; the sample holds three of the template's members only",
    ),
];

#[test]
fn every_model_round_trips_through_xml_serializer() {
    let Some(apps) = all() else { return };
    if mono().is_none() || crate::support::xmllint().is_none() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let (left, right) = apps.split_at(apps.len() / 2);
        let handles: Vec<_> = [left, right]
            .into_iter()
            .map(|half| {
                let work = work.path();
                scope.spawn(move || {
                    half.iter()
                        .flat_map(|app| check_app(app, work))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Compiles the app's model, round-trips its instances, and returns what went wrong.
fn check_app(app: &EmittedApp, work: &Path) -> Vec<String> {
    let dir = work.join(app.name.replace(':', "-"));
    std::fs::create_dir_all(&dir).unwrap();
    let models = app.dir.join("App/models");
    let mut failures = Vec::new();
    let exe = match compile(&models.join(format!("{}.cs", app.data_type)), &dir) {
        Ok(exe) => exe,
        Err(e) => return vec![format!("{}: the model does not compile:\n{e}", app.name)],
    };
    let mut instances: Vec<(&str, String)> = vec![
        ("generated", generate(&app.model, false)),
        ("minimal", generate_shape(&app.model, Shape::Minimal)),
        ("nil", generate_shape(&app.model, Shape::Nil)),
        ("sparse", generate_shape(&app.model, Shape::Sparse)),
    ];
    if app.model.nodes().iter().any(|n| n.unordered) {
        instances.push(("reordered", generate_shape(&app.model, Shape::Reordered)));
    }
    // Attributes the schema does not name, where it allows them: kept, not validated (a
    // strict wildcard would want them declared).
    if app.model.nodes().iter().any(|n| n.any_attribute) {
        instances.push(("generated-foreign-attributes", generate(&app.model, true)));
    }
    if let Some(template) = &app.template_xml {
        instances.push(("template.xml", without_empty_values(template, &app.model)));
    }
    let paths: Vec<PathBuf> = instances
        .iter()
        .map(|(label, text)| {
            let path = dir.join(format!("{}.xml", label.replace('.', "-")));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let run = Command::new("mono")
        .arg(&exe)
        .args(&paths)
        .output()
        .unwrap();
    if !run.status.success() {
        failures.push(format!(
            "{}: XmlSerializer failed:\n{}",
            app.name,
            String::from_utf8_lossy(&run.stderr)
        ));
        return failures;
    }
    let xsd = models.join(format!("{}.xsd", app.data_type));
    let schema: Value = serde_json::from_slice(
        &std::fs::read(models.join(format!("{}.schema.json", app.data_type))).unwrap(),
    )
    .unwrap();
    let validator = match jsonschema::validator_for(&schema) {
        Ok(v) => v,
        Err(e) => {
            failures.push(format!(
                "{}: the JSON Schema does not compile: {e}",
                app.name
            ));
            return failures;
        }
    };
    let skip_xsd = XSD_EXCEPTIONS.iter().any(|(n, _)| *n == app.name);
    if skip_xsd && !app.codes.contains(&"TUL2003") {
        failures.push(format!(
            "{}: listed as an XSD exception but no import is missing",
            app.name
        ));
    }
    for ((label, text), path) in instances.iter().zip(&paths) {
        let out = std::fs::read_to_string(path.with_extension("xml.out.xml")).unwrap();
        let lost = lost_facts(text, &out, &app.model);
        if !lost.is_empty() {
            failures.push(format!(
                "{} {label}: lost on the round trip: {lost:?}\nout:\n{out}",
                app.name
            ));
        }
        // The initial data is a blank form: its empty fields break the facets by design
        // (an empty organisation number has no nine digits), so it is only round-tripped.
        if label.starts_with("template") || label.contains("foreign") {
            continue;
        }
        // Every generated instance is valid (a sparse one may break facets: empty texts), and
        // what XmlSerializer writes of a valid instance is valid too.
        if !skip_xsd {
            let written = path.with_extension("xml.out.xml");
            let valid_input = xmllint_valid(&xsd, path);
            let checks = [(" as written", written.as_path(), valid_input.is_ok())]
                .into_iter()
                .chain((*label != "sparse").then_some(("", path.as_path(), true)));
            for (what, file, expected) in checks {
                if !expected {
                    continue;
                }
                if let Err(e) = xmllint_valid(&xsd, file) {
                    failures.push(format!(
                        "{} {label}{what}: not valid against {}:\n{e}",
                        app.name,
                        xsd.display()
                    ));
                }
            }
        }
        if *label != "generated" {
            continue;
        }
        let doc = Document::parse(text).unwrap();
        let data = to_json(&app.model.root, doc.root_element());
        let errors: Vec<String> = validator
            .iter_errors(&data)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{} {label}: the JSON shape fails the schema:\n{}",
                app.name,
                errors.join("\n")
            ));
        }
    }
    failures
}

fn compile(model: &Path, dir: &Path) -> Result<PathBuf, String> {
    let source = std::fs::read_to_string(model).map_err(|e| e.to_string())?;
    let stripped: String = source
        .lines()
        .filter(|l| !l.starts_with("#nullable"))
        .map(|l| format!("{l}\n"))
        .collect();
    let cs = dir.join("Model.cs");
    std::fs::write(&cs, stripped).unwrap();
    let exe = dir.join("roundtrip.exe");
    let mono = crate::support::root().join("tests/mono");
    let out = Command::new("mcs")
        .args(["-nologo", "-langversion:latest", "-warn:0"])
        .arg(format!("-out:{}", exe.display()))
        .args([
            "-r:System.Xml.dll",
            "-r:System.ComponentModel.DataAnnotations.dll",
        ])
        .arg(mono.join("Stubs.cs"))
        .arg(mono.join("RoundTrip.cs"))
        .arg(&cs)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(exe)
    } else {
        Err(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

fn xmllint_valid(xsd: &Path, file: &Path) -> Result<(), String> {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(file)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The facts of a document: each element's path with its own text, each attribute with its
/// value (namespaces by URI). A round trip may add facts (nil markers, defaults), never lose one.
/// By the model: a `double` is its value (`0.00` and `0` are one number); an optional
/// element whose attributes are all fixed says nothing without a text (nil or empty: it is
/// left out, as Studio's models do), nor does a nil optional branch of a choice.
fn facts(text: &str, model: &DataModel) -> BTreeMap<String, usize> {
    const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    let doc = Document::parse(text).unwrap();
    let mut out = BTreeMap::new();
    let mut stack = vec![(doc.root_element(), String::new(), String::new())];
    while let Some((node, parent, local_parent)) = stack.pop() {
        let tag = node.tag_name();
        let path = format!(
            "{parent}/{{{}}}{}",
            tag.namespace().unwrap_or(""),
            tag.name()
        );
        let local = format!("{local_parent}/{}", tag.name());
        let declared = model.find(&local);
        let own: String = node
            .children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect::<String>()
            .trim()
            .to_string();
        let nil = node.attribute((XSI, "nil")) == Some("true");
        let says_nothing = declared.is_some_and(|d| {
            let fixed_only = d.simple_content
                && d.children.iter().all(|a| a.attribute && a.fixed.is_some())
                && (own.is_empty() || nil);
            // A nil branch of a choice is left out: an unchosen branch must not be written.
            let nil_branch = d.in_choice && nil && own.is_empty();
            d.min_occurs == 0 && (fixed_only || nil_branch)
        });
        if says_nothing {
            continue;
        }
        let own = match declared.and_then(|d| d.value_type.as_deref()) {
            Some("double" | "float") => own.parse::<f64>().map(|f| f.to_string()).unwrap_or(own),
            _ => own,
        };
        *out.entry(format!("{path} = {own:?}")).or_default() += 1;
        for a in node.attributes() {
            let fact = format!(
                "{path}/@{{{}}}{} = {:?}",
                a.namespace().unwrap_or(""),
                a.name(),
                a.value()
            );
            *out.entry(fact).or_default() += 1;
        }
        for child in node.children().filter(|c| c.is_element()) {
            stack.push((child, path.clone(), local.clone()));
        }
    }
    out
}

fn lost_facts(input: &str, output: &str, model: &DataModel) -> Vec<String> {
    let after = facts(output, model);
    facts(input, model)
        .into_iter()
        .filter(|(fact, n)| after.get(fact).copied().unwrap_or(0) < *n)
        .map(|(fact, _)| fact)
        .collect()
}

/// The initial data without the empty numeric elements the conversion reported (TUL2008).
fn without_empty_values(text: &str, model: &DataModel) -> String {
    if model.empty_in_template.is_empty() {
        return text.to_string();
    }
    let doc = Document::parse(text).unwrap();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut stack = vec![(
        doc.root_element(),
        format!("/{}", doc.root_element().tag_name().name()),
    )];
    while let Some((node, path)) = stack.pop() {
        if model.empty_in_template.iter().any(|e| e.path == path) && !node.has_children() {
            cut.push(node.range());
            continue;
        }
        for attribute in node.attributes() {
            let at = format!("{path}/@{}", attribute.name());
            if model.empty_in_template.iter().any(|e| e.path == at) {
                // ` name=""`: the attribute's range, with the space before it.
                let r = attribute.range();
                cut.push(r.start - 1..r.end);
            }
        }
        for child in node.children().filter(|c| c.is_element()) {
            stack.push((child, format!("{path}/{}", child.tag_name().name())));
        }
    }
    cut.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for r in cut {
        out.replace_range(r, "");
    }
    out
}

/// The shapes of the generated instances, as real data comes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Every element and attribute present (the first branch of each choice, two rows of
    /// each repeating element), with values its facets allow.
    Full,
    /// `Full`, with an attribute the schema does not name wherever it allows them.
    Foreign,
    /// Only what the schema requires.
    Minimal,
    /// Every group present once, every text left empty, the values that cannot be empty
    /// (numbers, truth values, dates) left out: a form saved before it was filled in.
    Sparse,
    /// `Full`, with every nillable element nil.
    Nil,
    /// `Full`, with the children of every element whose content has no order (`xsd:all`, a
    /// repeating choice) in reverse order.
    Reordered,
}

pub fn generate(model: &DataModel, foreign: bool) -> String {
    generate_shape(model, if foreign { Shape::Foreign } else { Shape::Full })
}

pub fn generate_shape(model: &DataModel, shape: Shape) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(&model.root, None, true, shape, &mut out);
    out
}

fn element(node: &ModelNode, parent_ns: Option<&str>, root: bool, shape: Shape, out: &mut String) {
    out.push('<');
    out.push_str(&node.name);
    if root || node.namespace.as_deref() != parent_ns {
        out.push_str(&format!(
            " xmlns=\"{}\"",
            escape(node.namespace.as_deref().unwrap_or(""))
        ));
    }
    if root {
        out.push_str(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
    }
    let attributes = node
        .children
        .iter()
        .filter(|c| c.attribute)
        .filter(|a| !matches!(shape, Shape::Minimal | Shape::Sparse) || a.min_occurs > 0);
    for (i, a) in attributes.enumerate() {
        // A qualified attribute needs a prefix: a default namespace does not apply to it.
        if let Some(ns) = &a.namespace {
            out.push_str(&format!(" xmlns:a{i}=\"{}\" a{i}:", escape(ns)));
        } else {
            out.push(' ');
        }
        out.push_str(&format!("{}=\"{}\"", a.name, escape(&value(a))));
    }
    if shape == Shape::Foreign && node.any_attribute {
        out.push_str(" xmlns:t2s=\"urn:tul2studio:test\" t2s:kept=\"yes\"");
    }
    let leaf = !node.is_structured() && !node.mixed;
    if shape == Shape::Nil && node.nillable && (leaf || node.simple_content) {
        out.push_str(" xsi:nil=\"true\"/>");
        return;
    }
    out.push('>');
    if node.mixed {
        if node.value_type.as_deref() == Some("xhtml") {
            out.push_str("Some <strong xmlns=\"http://www.w3.org/1999/xhtml\">rich</strong> text");
        } else {
            out.push_str("text");
        }
    } else if shape == Shape::Sparse && !node.is_structured() && can_be_empty(node) {
        // An empty text.
    } else if node.simple_content || !node.is_structured() {
        out.push_str(&escape(&value(node)));
    }
    if !node.mixed {
        let mut in_choice = false;
        let mut children: Vec<&ModelNode> = Vec::new();
        for child in node.children.iter().filter(|c| !c.attribute) {
            // Only the first element of a run of choice branches.
            if child.in_choice && in_choice {
                continue;
            }
            in_choice = child.in_choice;
            let times = match shape {
                Shape::Minimal => child.min_occurs.min(2),
                // A value that cannot be empty is left out of a sparse form.
                Shape::Sparse if !child.is_structured() && !can_be_empty(child) => {
                    child.min_occurs.min(1)
                }
                Shape::Sparse => 1,
                _ if child.repeats() => 2,
                _ => 1,
            };
            children.extend(std::iter::repeat_n(child, times as usize));
        }
        if shape == Shape::Reordered && node.unordered {
            children.reverse();
        }
        for child in children {
            element(child, node.namespace.as_deref(), false, shape, out);
        }
    }
    out.push_str(&format!("</{}>", node.name));
}

/// May the element's text be empty: a text type (not a number, truth value, date or time).
fn can_be_empty(node: &ModelNode) -> bool {
    let t = node.value_type.as_deref().unwrap_or("string");
    !is_numeric_or_boolean(t)
        && !matches!(
            t,
            "date" | "dateTime" | "time" | "gYear" | "gYearMonth" | "gMonth" | "gDay" | "duration"
        )
}

/// A value of a leaf that its type and facets allow.
fn value(node: &ModelNode) -> String {
    if let Some(fixed) = &node.fixed {
        return fixed.clone();
    }
    let r = &node.restrictions;
    if let Some(first) = r
        .enumeration
        .iter()
        .find(|e| !e.is_empty())
        .or(r.enumeration.first())
    {
        return first.clone();
    }
    if let Some(p) = r.patterns.first() {
        return from_pattern(p);
    }
    let t = node.value_type.as_deref().unwrap_or("string");
    let fixed = match t {
        "boolean" => "true",
        "date" => "2026-01-31",
        "dateTime" => "2026-01-31T12:00:00",
        "time" => "12:00:00",
        "gYear" => "2026",
        "gYearMonth" => "2026-01",
        "gMonth" => "--01",
        "gDay" => "---01",
        "base64Binary" => "AAAA",
        "anyURI" => "https://example.no/",
        "duration" => "P1D",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    if is_numeric_or_boolean(t) {
        let mut n: f64 = match t {
            "negativeInteger" => -1.0,
            "nonPositiveInteger" => 0.0,
            _ => 1.0,
        };
        let bound = |v: &Option<String>| v.as_ref().and_then(|v| v.trim().parse::<f64>().ok());
        if let Some(min) = bound(&r.min_inclusive) {
            n = n.max(min);
        }
        if let Some(min) = bound(&r.min_exclusive) {
            n = n.max(min + 1.0);
        }
        if let Some(max) = bound(&r.max_inclusive) {
            n = n.min(max);
        }
        if let Some(max) = bound(&r.max_exclusive) {
            n = n.min(max - 1.0);
        }
        return format!("{}", n.round() as i64);
    }
    let mut len = r.length.or(r.min_length).unwrap_or(1).max(1);
    if let Some(max) = r.max_length.or(r.length) {
        len = len.min(max);
    }
    "x".repeat(len as usize)
}

/// The shortest string an XSD pattern matches (XSD patterns are anchored).
pub fn from_pattern(pattern: &str) -> String {
    use regex_syntax::hir::{Class, HirKind};
    fn walk(h: &regex_syntax::hir::Hir, out: &mut String) {
        match h.kind() {
            HirKind::Literal(l) => out.push_str(&String::from_utf8_lossy(&l.0)),
            HirKind::Class(Class::Unicode(c)) => {
                out.extend(c.ranges().first().map(|r| r.start()));
            }
            HirKind::Class(Class::Bytes(c)) => {
                out.extend(c.ranges().first().map(|r| r.start() as char));
            }
            HirKind::Repetition(r) => {
                for _ in 0..r.min {
                    walk(&r.sub, out);
                }
            }
            HirKind::Capture(c) => walk(&c.sub, out),
            HirKind::Concat(parts) => parts.iter().for_each(|p| walk(p, out)),
            HirKind::Alternation(alts) => walk(&alts[0], out),
            HirKind::Empty | HirKind::Look(_) => {}
        }
    }
    let hir = regex_syntax::parse(pattern).unwrap_or_else(|e| panic!("pattern {pattern}: {e}"));
    let mut out = String::new();
    walk(&hir, &mut out);
    out
}

/// The JSON the app gives the frontend for an instance: what the C# class holds, by the
/// names the JSON Schema uses.
fn to_json(node: &ModelNode, el: roxmltree::Node) -> Value {
    const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    if el.attribute((XSI, "nil")).is_some_and(|v| v == "true") && node.children.is_empty() {
        return Value::Null;
    }
    if node.mixed {
        let text: String = el.descendants().filter_map(|d| d.text()).collect();
        return json!(text);
    }
    if !node.is_structured() {
        return typed(node, el.text().unwrap_or(""));
    }
    let mut map = Map::new();
    if node.simple_content {
        let text = el.text().unwrap_or("");
        if !text.is_empty() {
            map.insert("value".into(), typed(node, text));
        }
    }
    for child in &node.children {
        if child.attribute {
            let found = match &child.namespace {
                Some(ns) => el.attribute((ns.as_str(), child.name.as_str())),
                None => el.attribute(child.name.as_str()),
            };
            if let Some(v) = found {
                map.insert(child.name.clone(), typed(child, v));
            }
            continue;
        }
        let matching: Vec<Value> = el
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == child.name)
            .map(|c| to_json(child, c))
            .collect();
        if child.repeats() {
            if !matching.is_empty() {
                map.insert(child.name.clone(), Value::Array(matching));
            }
        } else if let Some(first) = matching.into_iter().next() {
            map.insert(child.name.clone(), first);
        }
    }
    Value::Object(map)
}

fn typed(node: &ModelNode, text: &str) -> Value {
    let t = node.value_type.as_deref().unwrap_or("string");
    let trimmed = text.trim();
    if is_numeric_or_boolean(t) {
        if t == "boolean" {
            return json!(trimmed == "true" || trimmed == "1");
        }
        if let Ok(i) = trimmed.parse::<i64>() {
            return json!(i);
        }
        if let Ok(f) = trimmed.parse::<f64>() {
            return json!(f);
        }
    }
    json!(text)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}
