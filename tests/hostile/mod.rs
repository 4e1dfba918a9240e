//! The hostile corpus: packages built to hurt a converter. Each test builds its input (large
//! ones are generated here, never committed), runs the binary under a watchdog in a scratch
//! directory, and checks the outcome: a diagnostic with its code, an exit code from the
//! contract, no panic, and no file anywhere but the output directory.
//!
//! Part of the `integration` test binary (`tests/integration/main.rs` includes it).

use crate::support::root;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tul2studio::pack::{build_zip, pack_dir};

/// Generous for a debug build on two cores; a hang or blow-up takes far longer.
const DEADLINE: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
}

/// A scratch directory holding `input` (a file or directory) and nothing else.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn file(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// `convert INPUT -o out` under the watchdog, then: only `input*` and `out` exist.
    fn convert(&self, input: &Path, extra: &[&str]) -> Run {
        let out = self.path("out");
        let mut args = vec![
            "convert".to_string(),
            input.display().to_string(),
            "-o".into(),
            out.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let run = bounded(&args, self.dir.path());
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("input") && n != "out" && !n.starts_with("log"))
            .collect();
        names.sort();
        assert!(names.is_empty(), "written outside the output: {names:?}");
        assert!(!Path::new("/tmp/evil.txt").exists());
        run
    }
}

/// Runs the binary with `args` in `cwd`, killing it at the deadline (a failure).
fn bounded(args: &[String], cwd: &Path) -> Run {
    let log = cwd.join("log-stderr");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("{args:?} ran past {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    std::fs::remove_file(&log).unwrap();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    Run {
        code: status.code(),
        stderr,
        elapsed: start.elapsed(),
    }
}

/// The run failed as the contract says (1 or 2), with `code` among its diagnostics.
fn refused(run: &Run, code: &str) {
    assert!(
        matches!(run.code, Some(1) | Some(2)),
        "exit {:?}: {}",
        run.code,
        run.stderr
    );
    assert!(run.stderr.contains(code), "{code} missing: {}", run.stderr);
    assert!(run.elapsed < DEADLINE);
}

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

/// The ssb fixture unpacked into the scratch directory as `input/`, to be damaged.
fn fixture_dir(scratch: &Scratch) -> PathBuf {
    let to = scratch.path("input");
    let from = root().join("fixtures/ssb-ra9901");
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(from.join(&rel)).unwrap().flatten() {
            let path = rel.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                scratch.file(
                    &format!("input/{}", path.display()),
                    &std::fs::read(from.join(&path)).unwrap(),
                );
            }
        }
    }
    to
}

const SCHEMA: &str = "input/form/1044/skjema.xsn/RA-9901_M.xsd";

fn schema(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
{body}
</xsd:schema>"#
    )
}

#[test]
fn zip_slip_names_are_refused() {
    let scratch = Scratch::new();
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
    let input = scratch.file("input.zip", &zip);
    refused(&scratch.convert(&input, &[]), "TUL0005");
    assert!(
        !scratch
            .dir
            .path()
            .parent()
            .unwrap()
            .join("evil.txt")
            .exists()
    );
}

#[test]
fn absolute_names_are_refused() {
    let scratch = Scratch::new();
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
    let input = scratch.file("input.zip", &zip);
    let run = scratch.convert(&input, &[]);
    refused(&run, "TUL0005");
    assert_eq!(run.stderr.matches("TUL0005").count(), 4, "{}", run.stderr);
}

#[test]
fn symlink_entries_are_not_followed() {
    let scratch = Scratch::new();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .add_symlink("manifest.xml", "/etc/passwd", options())
        .unwrap();
    writer.add_symlink("form", "/", options()).unwrap();
    let input = scratch.file("input.zip", &writer.finish().unwrap().into_inner());
    let run = scratch.convert(&input, &[]);
    refused(&run, "TUL0010");
    assert!(
        run.stderr.contains("TUL0003"),
        "no manifest was read: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("root:"), "/etc/passwd was read");
}

#[test]
fn a_zip_bomb_stops_at_the_ratio_and_size_limits() {
    let scratch = Scratch::new();
    // 8 MiB of zeros deflate to about 8 KiB: a thousandfold, far past MAX_RATIO.
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let zip = fixture_zip_with(|w| {
        w.start_file("bomb.xml", options()).unwrap();
        w.write_all(&zeros).unwrap();
    });
    let input = scratch.file("input.zip", &zip);
    let run = scratch.convert(&input, &[]);
    refused(&run, "TUL0006");
    assert!(run.stderr.contains("compressed size"), "{}", run.stderr);
    // The package budget: a small limit stops a package of ordinary ratio.
    let run = scratch.convert(&input, &["--max-package-size", "1"]);
    refused(&run, "TUL0006");
}

#[test]
fn a_cabinet_bomb_stops_at_the_package_budget() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    scratch.file(
        "input/form/1044/skjema.xsn/bomb.xml",
        &vec![b' '; 3 * 1024 * 1024],
    );
    let zip = pack_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let input = scratch.file("input.zip", &zip);
    let run = scratch.convert(&input, &["--max-package-size", "2"]);
    refused(&run, "TUL0006");
    assert!(run.stderr.contains("skjema.xsn!"), "{}", run.stderr);
}

#[test]
fn billion_laughs_and_external_entities_are_refused() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let manifest = std::fs::read_to_string(dir.join("manifest.xml")).unwrap();
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
    scratch.file("input/manifest.xml", laughs.as_bytes());
    let run = scratch.convert(&dir, &[]);
    refused(&run, "TUL0102");
    assert!(!run.stderr.contains("root:"));
}

#[test]
fn deep_nesting_is_refused_before_any_reader_walks_it() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let depth = 200_000;
    let view = format!(
        "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"><xsl:template match=\"/\">{}{}</xsl:template></xsl:stylesheet>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    scratch.file("input/form/1044/skjema.xsn/view1.xsl", view.as_bytes());
    let run = scratch.convert(&dir, &[]);
    refused(&run, "TUL0108");
}

#[test]
fn a_100_mb_text_node_is_refused_unread() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let mut text = b"<Translation language=\"1044\"><DataAreas><DataArea type=\"Service\"><Texts><Text textType=\"ServiceName\" textCode=\"1\">".to_vec();
    text.resize(text.len() + 100 * 1024 * 1024, b'a');
    text.extend_from_slice(b"</Text></Texts></DataArea></DataAreas></Translation>");
    scratch.file("input/translations/1044.xml", &text);
    let run = scratch.convert(&dir, &[]);
    refused(&run, "TUL0006");
    assert!(run.stderr.contains("one file may have"), "{}", run.stderr);
}

#[test]
fn a_10000_field_schema_converts_in_seconds() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let fields: String = (0..10_000)
        .map(|i| format!("<xsd:element name=\"felt{i}\" type=\"xsd:string\" minOccurs=\"0\"/>\n"))
        .collect();
    let body = format!(
        "<xsd:element name=\"melding\"><xsd:complexType><xsd:sequence>{fields}</xsd:sequence></xsd:complexType></xsd:element>"
    );
    scratch.file(SCHEMA, schema(&body).as_bytes());
    // Not hostile, only large: it converts (the views' bindings no longer resolve: errors).
    let run = scratch.convert(&dir, &["--format", "json"]);
    assert!(matches!(run.code, Some(0) | Some(1)), "{}", run.stderr);
    let models = scratch.path("out/App/models");
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
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let body = r#"<xsd:include schemaLocation="b.xsd"/>
<xsd:element name="melding" type="Node"/>
<xsd:complexType name="Node"><xsd:sequence><xsd:element name="navn" type="xsd:string"/><xsd:element name="barn" type="Node" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>"#;
    scratch.file(SCHEMA, schema(body).as_bytes());
    scratch.file(
        "input/form/1044/skjema.xsn/b.xsd",
        schema(r#"<xsd:include schemaLocation="RA-9901_M.xsd"/>"#).as_bytes(),
    );
    let run = scratch.convert(&dir, &[]);
    assert!(run.stderr.contains("TUL2004"), "{}", run.stderr);
    assert!(matches!(run.code, Some(0) | Some(1)), "{}", run.stderr);
    assert!(run.elapsed < DEADLINE);
}

#[test]
fn duplicate_page_names_and_control_ids() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let pages = std::fs::read_to_string(dir.join("form/formpages.xml")).unwrap();
    let first = pages.find("<Page ").unwrap();
    let end = pages[first..].find("</Page>").unwrap() + first + "</Page>".len();
    let doubled = format!("{}{}", &pages[..end], &pages[first..]);
    scratch.file("input/form/formpages.xml", doubled.as_bytes());
    let view = std::fs::read_to_string(dir.join("form/1044/skjema.xsn/view1.xsl")).unwrap();
    let same_ids = regex_free_replace_ids(&view);
    scratch.file("input/form/1044/skjema.xsn/view1.xsl", same_ids.as_bytes());
    let run = scratch.convert(&dir, &[]);
    refused(&run, "TUL1003");
    // Components keep unique ids however the view named its controls.
    let mut ids = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(scratch.path("out/App/ui/form/layouts"))
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
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let translation = std::fs::read(dir.join("translations/1044.xml")).unwrap();
    let text = String::from_utf8_lossy(&translation);
    let body = text.split_once("?>").map_or(text.as_ref(), |(_, b)| b);
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"x-klingon-8\"?>".to_vec();
    bytes.extend_from_slice(body.as_bytes());
    bytes.extend_from_slice(b"<!-- \xff\xfe -->");
    scratch.file("input/translations/1044.xml", &bytes);
    // The text is read as UTF-8 and converted, with the damage reported: a warning, so a
    // CI gate with -D warnings stops on it.
    let run = scratch.convert(&dir, &["-D", "warnings"]);
    refused(&run, "TUL0103");
    assert!(run.stderr.contains("x-klingon-8"));
}

#[test]
fn empty_files_are_diagnosed() {
    let scratch = Scratch::new();
    let empty_zip = scratch.file("input.zip", b"");
    refused(&scratch.convert(&empty_zip, &[]), "TUL0002");
    let dir = fixture_dir(&scratch);
    scratch.file("input/manifest.xml", b"");
    refused(&scratch.convert(&dir, &[]), "TUL0101");
    let only_empty = build_zip(&[("manifest.xml".into(), Vec::new())]).unwrap();
    let zipped = scratch.file("input2.zip", &only_empty);
    refused(&scratch.convert(&zipped, &[]), "TUL0101");
}

#[cfg(unix)]
#[test]
fn a_package_of_symlinks_reads_nothing_through_them() {
    let scratch = Scratch::new();
    let dir = scratch.path("input");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, target) in [
        ("manifest.xml", "/etc/passwd"),
        ("form", "/etc"),
        ("translations", "/"),
        ("loop", "loop"),
    ] {
        std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
    }
    let run = scratch.convert(&dir, &[]);
    refused(&run, "TUL0010");
    assert!(run.stderr.contains("TUL0003"));
    assert_eq!(run.stderr.matches("TUL0010").count(), 4, "{}", run.stderr);
}

#[cfg(unix)]
mod round2;
