//! Shared helpers: paths, running the binary, building packages on the fly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tul2studio::read::ReadOutcome;
use tul2studio::report::render::{self, PackageReport};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, recursively, sorted: the one walker the tests share.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir`, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// `from`'s files written again under `to`, folders made as needed.
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Files under `dir` (recursively) whose extension is `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
        .collect()
}

/// The fixture packages (directories under `fixtures/` holding a manifest), sorted.
pub fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("manifest.xml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs the binary from the repository root, without colour.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tul2studio"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A notice the test harness does not capture (it captures `eprintln!`), so a skipped
/// check shows in `cargo test`'s output.
pub fn visible_notice(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "notice: {text}");
}

/// `../shared` beside the checkout. Missing: a failure under CI, a printed skip elsewhere.
pub fn shared() -> Option<PathBuf> {
    let path = root().join("..").join("shared");
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("../shared is missing beside the checkout; CI must provide it");
    }
    crate::support::visible_notice("../shared is missing; skipping a test that needs it");
    None
}

/// The human rendering of an outcome's diagnostics, as a snapshot sees it.
pub fn render_human(outcome: ReadOutcome) -> String {
    let report = PackageReport {
        input: String::new(),
        service: None,
        output: None,
        diagnostics: outcome.diagnostics,
        sources: outcome.sources,
        accounting: Vec::new(),
        pages: Vec::new(),
        review: Vec::new(),
    };
    render::human(&report, false)
}

pub fn codes(outcome: &ReadOutcome) -> Vec<&'static str> {
    outcome
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// Writes `files` (path, bytes) under `dir`, creating parents.
pub fn write_tree(dir: &Path, files: &[(&str, &[u8])]) {
    for (name, data) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
}

/// xmllint, or a skip (a failure under CI, where `.ci/run` installs it).
pub fn xmllint() -> Option<()> {
    if Command::new("xmllint").arg("--version").output().is_ok() {
        return Some(());
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("xmllint is missing; .ci/run installs libxml2-utils");
    }
    crate::support::visible_notice("xmllint is missing; skipping XML schema validation");
    None
}

/// Validates `file` against a schema under `../shared/schemas/xml` (offline: a catalog
/// points the XACML schema's xml.xsd import at the local copy).
pub fn xml_valid(shared: &Path, schema: &str, file: &Path) -> Result<(), String> {
    let xml = shared.join("schemas/xml");
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.xml");
    std::fs::write(
        &catalog,
        format!(
            r#"<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://{0}"/>
  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://{0}"/>
</catalog>"#,
            xml.join("xacml3/xml.xsd").display()
        ),
    )
    .unwrap();
    let result = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xml.join(schema))
        .arg(file)
        .env("XML_CATALOG_FILES", &catalog)
        .output()
        .unwrap();
    if result.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&result.stderr).into_owned())
    }
}

/// The codes of one package's diagnostics in a `--format json` report.
pub fn json_codes(package: &serde_json::Value) -> Vec<&str> {
    package["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| d["code"].as_str().expect("a code"))
        .collect()
}
