//! The hostile corpus: packages built to hurt a converter. Each test builds its input (large
//! ones are generated here, never committed) with the test builder, which runs the binary
//! under a watchdog in a scratch directory; the test checks the outcome: a diagnostic with its
//! code, an exit code from the contract, no panic, and no file anywhere but the output
//! directory.
//!
//! Part of the `integration` test binary (`tests/integration/main.rs` includes it).

use crate::builder::{DEADLINE, SSB_SCHEMA as SCHEMA, Test, schema};
use crate::support::root;
use std::io::Write;
use tul2studio::pack::{build_zip, pack_dir};

/// A real package as zip bytes, with hostile entries appended.
fn fixture_zip_with(extra: impl FnOnce(&mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>)) -> Vec<u8> {
    let bytes = pack_dir(&root().join("fixtures/ssb-ra9901")).unwrap();
    let mut writer = zip::ZipWriter::new_append(std::io::Cursor::new(bytes)).unwrap();
    extra(&mut writer);
    writer.finish().unwrap().into_inner()
}

fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// The ssb fixture, to be damaged.
fn fixture() -> Test {
    Test::fixture("ssb-ra9901")
}

#[test]
fn zip_slip_names_are_refused() {
    let zip = fixture_zip_with(|w| {
        for name in [
            "../evil.txt",
            "form/../../evil.txt",
            "a/../../../tmp/evil.txt",
        ] {
            w.start_file(name, options()).unwrap();
            w.write_all(b"escaped").unwrap();
        }
    });
    let ran = Test::zip_input(zip).convert(&[]);
    ran.refused("TUL0005");
    assert!(!ran.path("../evil.txt").exists());
}

#[test]
fn absolute_names_are_refused() {
    let zip = fixture_zip_with(|w| {
        for name in [
            "/tmp/evil.txt",
            "C:/evil.txt",
            "\\\\server\\share\\evil.txt",
            "C:\\evil.txt",
        ] {
            w.start_file(name, options()).unwrap();
            w.write_all(b"escaped").unwrap();
        }
    });
    let run = Test::zip_input(zip).convert(&[]);
    run.refused("TUL0005");
    assert_eq!(run.stderr.matches("TUL0005").count(), 4, "{}", run.stderr);
}

#[test]
fn symlink_entries_are_not_followed() {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .add_symlink("manifest.xml", "/etc/passwd", options())
        .unwrap();
    writer.add_symlink("form", "/", options()).unwrap();
    let run = Test::zip_input(writer.finish().unwrap().into_inner()).convert(&[]);
    run.refused("TUL0010");
    assert!(
        run.stderr.contains("TUL0003"),
        "no manifest was read: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("root:"), "/etc/passwd was read");
}

#[test]
fn a_zip_bomb_stops_at_the_ratio_and_size_limits() {
    // 8 MiB of zeros deflate to about 8 KiB: a thousandfold, far past MAX_RATIO.
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let zip = fixture_zip_with(|w| {
        w.start_file("bomb.xml", options()).unwrap();
        w.write_all(&zeros).unwrap();
    });
    let run = Test::zip_input(zip).convert(&[]);
    run.refused("TUL0006");
    assert!(run.stderr.contains("compressed size"), "{}", run.stderr);
    // The package budget: a small limit stops a package of ordinary ratio.
    let run = run.again().convert(&["--max-package-size", "1"]);
    run.refused("TUL0006");
}

#[test]
fn a_cabinet_bomb_stops_at_the_package_budget() {
    let run = fixture()
        .file("form/1044/skjema.xsn/bomb.xml", vec![b' '; 3 * 1024 * 1024])
        .zipped()
        .convert(&["--max-package-size", "2"]);
    run.refused("TUL0006");
    assert!(run.stderr.contains("skjema.xsn!"), "{}", run.stderr);
}

#[test]
fn billion_laughs_and_external_entities_are_refused() {
    let manifest =
        std::fs::read_to_string(root().join("fixtures/ssb-ra9901/manifest.xml")).unwrap();
    let body = manifest
        .split_once("?>")
        .map_or(manifest.as_str(), |(_, b)| b);
    let mut laughs = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ServiceEditionVersion [\n<!ENTITY lol \"lol\">\n",
    );
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>");
    laughs.push_str(&body.replacen("<DataAreas>", "<DataAreas>&lol9;&xxe;", 1));
    let run = fixture().file("manifest.xml", laughs).convert(&[]);
    run.refused("TUL0102");
    assert!(!run.stderr.contains("root:"));
}

#[test]
fn deep_nesting_is_refused_before_any_reader_walks_it() {
    let depth = 200_000;
    let view = format!(
        "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"><xsl:template match=\"/\">{}{}</xsl:template></xsl:stylesheet>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    fixture()
        .file("form/1044/skjema.xsn/view1.xsl", view)
        .convert(&[])
        .refused("TUL0108");
}

#[test]
fn a_100_mb_text_node_is_refused_unread() {
    let mut text = b"<Translation language=\"1044\"><DataAreas><DataArea type=\"Service\"><Texts><Text textType=\"ServiceName\" textCode=\"1\">".to_vec();
    text.resize(text.len() + 100 * 1024 * 1024, b'a');
    text.extend_from_slice(b"</Text></Texts></DataArea></DataAreas></Translation>");
    let run = fixture().file("translations/1044.xml", text).convert(&[]);
    run.refused("TUL0006");
    assert!(run.stderr.contains("one file may have"), "{}", run.stderr);
}

#[test]
fn a_10000_field_schema_converts_in_seconds() {
    let fields: String = (0..10_000)
        .map(|i| format!("<xsd:element name=\"felt{i}\" type=\"xsd:string\" minOccurs=\"0\"/>\n"))
        .collect();
    let body = format!(
        "<xsd:element name=\"melding\"><xsd:complexType><xsd:sequence>{fields}</xsd:sequence></xsd:complexType></xsd:element>"
    );
    // Not hostile, only large: it converts (the views' bindings no longer resolve: errors).
    let run = fixture()
        .file(SCHEMA, schema(&body))
        .convert(&["--format", "json"]);
    assert!(matches!(run.exit, Some(0) | Some(1)), "{}", run.stderr);
    let models = run.path("out/App/models");
    let schema_json = std::fs::read_dir(models)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".schema.json"))
        .unwrap();
    let text = std::fs::read_to_string(schema_json.path()).unwrap();
    assert_eq!(text.matches("\"felt").count(), 10_000);
}

#[test]
fn recursive_types_and_circular_includes_end() {
    let body = r#"<xsd:include schemaLocation="b.xsd"/>
<xsd:element name="melding" type="Node"/>
<xsd:complexType name="Node"><xsd:sequence><xsd:element name="navn" type="xsd:string"/><xsd:element name="barn" type="Node" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>"#;
    let run = fixture()
        .file(SCHEMA, schema(body))
        .file(
            "form/1044/skjema.xsn/b.xsd",
            schema(r#"<xsd:include schemaLocation="RA-9901_M.xsd"/>"#),
        )
        .convert(&[]);
    assert!(run.stderr.contains("TUL2004"), "{}", run.stderr);
    assert!(matches!(run.exit, Some(0) | Some(1)), "{}", run.stderr);
    assert!(run.elapsed < DEADLINE);
}

#[test]
fn duplicate_page_names_and_control_ids() {
    let run = fixture()
        .edit("form/formpages.xml", |pages| {
            let first = pages.find("<Page ").unwrap();
            let end = pages[first..].find("</Page>").unwrap() + first + "</Page>".len();
            format!("{}{}", &pages[..end], &pages[first..])
        })
        .edit("form/1044/skjema.xsn/view1.xsl", regex_free_replace_ids)
        .convert(&[]);
    run.refused("TUL1003");
    // Components keep unique ids however the view named its controls.
    let mut ids = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(run.path("out/App/ui/form/layouts"))
        .unwrap()
        .flatten()
    {
        let layout: serde_json::Value =
            serde_json::from_slice(&std::fs::read(entry.path()).unwrap()).unwrap();
        for c in layout["data"]["layout"].as_array().unwrap() {
            assert!(ids.insert(c["id"].as_str().unwrap().to_string()), "{c}");
        }
    }
    assert!(ids.len() > 10, "{ids:?}");
}

/// Every `xd:CtrlId="..."` in `view` becomes `xd:CtrlId="CTRL1"`.
fn regex_free_replace_ids(view: &str) -> String {
    let mut out = String::new();
    let mut rest = view;
    while let Some(i) = rest.find("xd:CtrlId=\"") {
        let start = i + "xd:CtrlId=\"".len();
        out.push_str(&rest[..start]);
        out.push_str("CTRL1");
        let close = rest[start..].find('"').unwrap() + start;
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[test]
fn unknown_encodings_are_reported() {
    let translation =
        std::fs::read(root().join("fixtures/ssb-ra9901/translations/1044.xml")).unwrap();
    let text = String::from_utf8_lossy(&translation);
    let body = text.split_once("?>").map_or(text.as_ref(), |(_, b)| b);
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"x-klingon-8\"?>".to_vec();
    bytes.extend_from_slice(body.as_bytes());
    bytes.extend_from_slice(b"<!-- \xff\xfe -->");
    // The text is read as UTF-8 and converted, with the damage reported: a warning, so a
    // CI gate with -D warnings stops on it.
    let run = fixture()
        .file("translations/1044.xml", bytes)
        .convert(&["-D", "warnings"]);
    run.refused("TUL0103");
    assert!(run.stderr.contains("x-klingon-8"));
}

#[test]
fn empty_files_are_diagnosed() {
    Test::zip_input(b"").convert(&[]).refused("TUL0002");
    fixture()
        .file("manifest.xml", b"")
        .convert(&[])
        .refused("TUL0101");
    let only_empty = build_zip(&[("manifest.xml".into(), Vec::new())]).unwrap();
    Test::zip_input(only_empty).convert(&[]).refused("TUL0101");
}

#[cfg(unix)]
#[test]
fn a_package_of_symlinks_reads_nothing_through_them() {
    let run = Test::new()
        .setup(|scratch| {
            for (name, target) in [
                ("manifest.xml", "/etc/passwd"),
                ("form", "/etc"),
                ("translations", "/"),
                ("loop", "loop"),
            ] {
                std::os::unix::fs::symlink(target, scratch.join("input").join(name)).unwrap();
            }
        })
        .convert(&[]);
    run.refused("TUL0010");
    assert!(run.stderr.contains("TUL0003"));
    assert_eq!(run.stderr.matches("TUL0010").count(), 4, "{}", run.stderr);
}

#[cfg(unix)]
mod round2;
