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

/// The first half of the input is `manifest.xml`, the rest the translation file it names
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

/// Zip bytes through read, analyse and emit; the emitted JSON must parse again.
pub fn pipeline(data: &[u8]) {
    let mut diagnostics = Vec::new();
    let files = package::from_zip_bytes(data, &limits(), &mut diagnostics);
    let outcome = crate::read::read_files(&files, &limits(), diagnostics);
    let (_, app) = crate::finish_conversion(outcome, &Default::default());
    for (path, bytes) in app.iter().flat_map(|a| &a.files) {
        if path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        }
    }
}
