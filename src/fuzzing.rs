//! Entry points for the fuzz targets in `fuzz/` and their regression tests: each takes
//! arbitrary bytes and runs one reader (or the whole pipeline) the way the tool does, with
//! the tool's limits. A panic, hang or blow-up in any of them is a bug.

use crate::diagnostics::Diagnostic;
use crate::ir::Lang;
use crate::read::infopath::{view, xpath, xsd};
use crate::read::package::{self, Budget, Limits, PackageFiles};
use crate::read::xml::Xml;

/// One fuzz target: bytes in, a panic out if anything is wrong.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name, for the regression test that replays saved inputs.
pub const TARGETS: &[(&str, Target)] = &[
    ("zip", zip),
    ("cabinet", cabinet),
    ("manifest", manifest),
    ("view", view),
    ("xsd", xsd),
    ("xpath", xpath),
    ("pipeline", pipeline),
];

/// Small enough that a fuzzer's bombs hit the limits quickly.
fn limits() -> Limits {
    Limits {
        max_package_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    }
}

fn text(data: &[u8]) -> String {
    crate::read::text::decode(data, "fuzz.xml", &mut Vec::new())
}

pub fn zip(data: &[u8]) {
    let mut diagnostics = Vec::new();
    let files = package::from_zip_bytes(data, &limits(), &mut diagnostics);
    for entry in files.entries() {
        assert!(package::safe_name(&entry.name).is_some(), "{}", entry.name);
    }
}

pub fn cabinet(data: &[u8]) {
    let mut diagnostics = Vec::new();
    let mut budget = Budget::new(&limits());
    let _ = crate::read::xsn::read_cabinet(data, "form.xsn", &mut budget, &mut diagnostics);
}

/// The first part of the input is `manifest.xml`, the rest the translation file it names
/// when it names `translations/1044.xml` (a split at the first NUL byte).
pub fn manifest(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let rest = data.get(split + 1..).unwrap_or_default();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let files = PackageFiles::from_entries(
        vec![
            ("manifest.xml".into(), data[..split].to_vec()),
            ("translations/1044.xml".into(), rest.to_vec()),
        ],
        &mut diagnostics,
    );
    let _ = crate::read::read_files(&files, &limits(), diagnostics);
}

pub fn view(data: &[u8]) {
    let text = text(data);
    let mut diagnostics = Vec::new();
    if let Some(xml) = Xml::parse("view1.xsl", &text, &limits(), &mut diagnostics) {
        let input = view::ViewInput {
            lang: Lang::Nb,
            root: "Skjema",
            model_is_infopath: false,
        };
        let _ = view::read_view(&xml, &input, &mut diagnostics);
    }
}

pub fn xsd(data: &[u8]) {
    let text = text(data);
    let members = [("myschema.xsd".to_string(), text.as_str())];
    let input = xsd::SchemaInput {
        members: &members,
        entry: "myschema.xsd",
        root_hint: None,
        xsn: "form.xsn",
    };
    let _ = xsd::read_model(&input, &limits(), &mut Vec::new());
}

pub fn xpath(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = xpath::parse(source);
    }
}

/// A whole package through read, analyse and emit; every emitted `.json` must parse again.
/// The input is the package's files as records (see [`records`]) rather than a zip: a
/// mutated zip mostly fails its checksums, so the fuzzer would rarely get past the `zip`
/// target's ground; records let it mutate the XML itself.
pub fn pipeline(data: &[u8]) {
    let (_, app) = convert_records(data);
    for (path, bytes) in app.iter().flat_map(|a| &a.files) {
        if path.ends_with(".json") {
            let value = serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
            let depth = json_depth(&value);
            assert!(depth <= MAX_JSON_DEPTH, "{path} nests {depth} levels deep");
        }
    }
}

/// .NET's `System.Text.Json` default `MaxDepth`: Altinn apps and Studio read our JSON with it.
pub const MAX_JSON_DEPTH: usize = 64;

/// Nesting depth of a JSON value (a scalar is 0, `{}` and `[]` are 1).
pub fn json_depth(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(json_depth).max().unwrap_or(0),
        serde_json::Value::Object(map) => 1 + map.values().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Read, analyse and emit the package given as records.
pub fn convert_records(data: &[u8]) -> (crate::read::ReadOutcome, Option<crate::emit::App>) {
    let entries = data
        .split(|&b| b == 0)
        .filter_map(|record| {
            let newline = record.iter().position(|&b| b == b'\n')?;
            let name = String::from_utf8_lossy(&record[..newline]).into_owned();
            Some((name, record[newline + 1..].to_vec()))
        })
        .collect();
    let mut diagnostics = Vec::new();
    let files = PackageFiles::from_entries(entries, &mut diagnostics);
    let outcome = crate::read::read_files(&files, &limits(), diagnostics);
    crate::finish_conversion(outcome, &Default::default())
}

/// The `pipeline` input for a package's files: `name` newline `content`, records separated
/// by NUL (files holding NUL bytes, such as images, cannot be expressed and are left out).
pub fn records(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in entries.iter().filter(|(_, d)| !d.contains(&0)) {
        if !out.is_empty() {
            out.push(0);
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(data);
    }
    out
}
