//! The data-model benchmark: one named type reached by many paths, the shape that made class
//! naming quadratic (each new class rescanned every name given out). A schema whose root holds
//! `n` elements of one complex type becomes `n` C# classes; the release binary's `check` runs
//! the whole conversion in memory for n = 2,500, 5,000, 10,000 and 20,000, and each doubling
//! may not take more than 2.5 times as long.
//!
//! `cargo bench --bench model`.

#[path = "support/growth.rs"]
mod growth;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The ssb fixture with a data model of `n` elements of one complex type.
fn package(dir: &Path, n: usize) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ssb-ra9901");
    let status = Command::new("cp")
        .arg("-r")
        .arg(&fixture)
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success());
    let elements: String = (0..n)
        .map(|i| format!("<xsd:element name=\"felt{i}\" type=\"Adresse\" minOccurs=\"0\"/>"))
        .collect();
    let schema = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" elementFormDefault=\"qualified\">\n<xsd:complexType name=\"Adresse\"><xsd:sequence><xsd:element name=\"gate\" type=\"xsd:string\"/><xsd:element name=\"postnummer\" type=\"xsd:string\"/></xsd:sequence></xsd:complexType>\n<xsd:element name=\"melding\"><xsd:complexType><xsd:sequence>{elements}</xsd:sequence></xsd:complexType></xsd:element>\n</xsd:schema>\n"
    );
    std::fs::write(dir.join("form/1044/skjema.xsn/RA-9901_M.xsd"), &schema).unwrap();
    std::fs::write(dir.join("form/1033/skjema.xsn/RA-9901_M.xsd"), &schema).unwrap();
}

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    growth::linear("check", "paths", &[2_500, 5_000, 10_000, 20_000], |n| {
        let dir = scratch.path().join(format!("model-{n}"));
        if !dir.exists() {
            package(&dir, n);
        }
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
            .args(["check", "--format", "json"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(matches!(status.code(), Some(0 | 1)), "{status}");
        start.elapsed().as_secs_f64()
    });
}
