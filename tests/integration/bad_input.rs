//! Bad input: every case ends in coded diagnostics with a location, the rest of the package
//! is still read, and nothing panics. Inputs are built here, never committed.

use crate::builder::{NB_TRANSLATION, TRANSLATION, Test, manifest};
use crate::support::{codes, render_human, run, stderr};
use std::path::{Path, PathBuf};
use tul2studio::check_package;
use tul2studio::pack::{build_cabinet, build_zip};
use tul2studio::read::package::Limits;

fn default_translations() -> &'static str {
    NB_TRANSLATION
}

/// Reads a package, snapshots its rendered diagnostics, and checks the expected codes.
fn case(name: &str, path: &Path, expected: &[&str]) -> tul2studio::read::ReadOutcome {
    let outcome = check_package(path, &Limits::default());
    let found = codes(&outcome);
    for code in expected {
        assert!(
            found.contains(code),
            "{name}: {code} missing from {found:?}"
        );
    }
    for d in &outcome.diagnostics {
        assert!(
            d.location.is_some() || d.code.as_str() == "TUL0004" || d.code.as_str() == "TUL0003",
            "{name}: {d:?} has no location"
        );
    }
    let tmp = path.parent().unwrap().display().to_string();
    let rendered = render_human(check_package(path, &Limits::default())).replace(&tmp, "<tmp>");
    insta::assert_snapshot!(format!("bad-{name}"), rendered);
    outcome
}

/// A package directory holding `files`; the test keeps its scratch directory alive.
fn dir_package(files: &[(&str, &[u8])]) -> (Test, PathBuf) {
    let test = files
        .iter()
        .fold(Test::new(), |test, (name, bytes)| test.file(name, bytes));
    let input = test.input();
    (test, input)
}

/// A zip of `entries` exactly as given (unsafe names included).
fn zip_package(entries: &[(&str, &[u8])]) -> (Test, PathBuf) {
    let owned: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|(n, d)| (n.to_string(), d.to_vec()))
        .collect();
    let test = Test::zip_input(build_zip(&owned).unwrap());
    let input = test.input();
    (test, input)
}

#[test]
fn missing_manifest() {
    let (_t, dir) = dir_package(&[("readme.txt", b"hello")]);
    let outcome = case("missing-manifest", &dir, &["TUL0003"]);
    assert!(outcome.service.is_none());
}

#[test]
fn empty_zip() {
    let (_t, path) = zip_package(&[]);
    case("empty-zip", &path, &["TUL0003"]);
}

#[test]
fn file_named_by_manifest_is_missing() {
    let m = manifest(
        r#"    <DataArea type="Workflow"><Files><File fileType="WorkflowDefinition" name="workflow.xml"/></Files></DataArea>"#,
        default_translations(),
    );
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
    ]);
    let outcome = case("missing-file", &dir, &["TUL0007"]);
    // The rest is still read.
    assert_eq!(outcome.service.unwrap().texts.len(), 1);
}

#[test]
fn malformed_manifest() {
    let (_t, dir) = dir_package(&[(
        "manifest.xml",
        b"<ServiceEditionVersion>\n  <DataAreas>\n  </DataArea>\n</ServiceEditionVersion>",
    )]);
    let outcome = case("malformed-manifest", &dir, &["TUL0101"]);
    assert_eq!(outcome.diagnostics[0].line(), Some(3));
}

#[test]
fn dtd_and_entities_are_refused() {
    let evil = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<Translation language="1044">&lol2;</Translation>"#;
    let m = manifest("", default_translations());
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", evil.as_bytes()),
    ]);
    let outcome = case("dtd", &dir, &["TUL0102"]);
    assert!(outcome.service.unwrap().texts.is_empty());
}

#[test]
fn unsafe_zip_entry_names() {
    let m = manifest("", default_translations());
    let (_t, path) = zip_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("../../evil.txt", b"x"),
        ("/etc/evil.txt", b"x"),
    ]);
    let outcome = case("zip-slip", &path, &["TUL0005"]);
    assert_eq!(
        codes(&outcome).iter().filter(|c| **c == "TUL0005").count(),
        2
    );
    assert!(outcome.service.is_some());
}

#[test]
fn size_limit_stops_inflation() {
    let m = manifest("", default_translations());
    let big = vec![b' '; 3 * 1024 * 1024];
    let (_t, path) = zip_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("big.bin", &big),
    ]);
    let limits = Limits {
        max_package_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let outcome = check_package(&path, &limits);
    assert!(
        codes(&outcome).contains(&"TUL0006"),
        "{:?}",
        codes(&outcome)
    );
    // Through the CLI flag too, with the contract's exit code.
    let out = run(&["check", "--max-package-size", "1", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("TUL0006"));
}

#[test]
fn truncated_and_corrupt_zip() {
    let m = manifest("", default_translations());
    let whole = build_zip(&[
        ("manifest.xml".into(), m.into_bytes()),
        ("t/1044.xml".into(), TRANSLATION.as_bytes().to_vec()),
    ])
    .unwrap();
    let (_t, dir) = dir_package(&[("half.zip", &whole[..whole.len() / 2])]);
    let outcome = case("truncated-zip", &dir.join("half.zip"), &["TUL0004"]);
    assert!(outcome.service.is_none());
}

#[test]
fn corrupt_and_truncated_cabinets() {
    let m = manifest(
        r#"    <DataArea type="Form"><LogicalForm><Files>
      <File fileType="FormTemplate" language="1044" name="a.xsn"/>
      <File fileType="FormTemplate" language="2068" name="b.xsn"/>
    </Files></LogicalForm></DataArea>"#,
        default_translations(),
    );
    let cab = build_cabinet(&[
        ("manifest.xsf".into(), vec![b'x'; 5000]),
        ("view1.xsl".into(), vec![b'y'; 5000]),
    ])
    .unwrap();
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("a.xsn", b"MSCF\0\0\0\0garbage"),
        ("b.xsn", &cab[..cab.len() - 40]),
    ]);
    let outcome = case("corrupt-cabinet", &dir, &["TUL0201"]);
    assert_eq!(
        codes(&outcome).iter().filter(|c| **c == "TUL0201").count(),
        2,
        "{:?}",
        codes(&outcome)
    );
}

#[test]
fn unknown_lcid_and_unknown_elements() {
    let m = manifest(
        r#"    <DataArea type="Service"><Gizmo/></DataArea>
    <Wrapper/>"#,
        r#"      <File language="1044" name="t/1044.xml"/>
      <File language="1035" name="t/1035.xml"/>"#,
    );
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("t/1035.xml", b"<x/>"),
    ]);
    let outcome = case("unknown-lcid-and-elements", &dir, &["TUL5001", "TUL0104"]);
    // The Finnish file was reported, not also listed as unreferenced.
    assert!(!codes(&outcome).contains(&"TUL0008"));
}

#[test]
fn not_a_package_and_unreadable_paths() {
    let (_t, dir) = dir_package(&[("notes.txt", b"just text")]);
    let file = dir.join("notes.txt");
    case("not-a-package", &file, &["TUL0002"]);
    let out = run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["check", dir.join("nope").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("TUL0001"));
}

#[test]
fn encodings_are_decoded_or_reported() {
    let latin1 = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><Translation language=\"1044\"><DataAreas><DataArea type=\"Service\"><Texts><Text textType=\"ServiceName\" textCode=\"1\">Bl\xe5b\xe6r</Text></Texts></DataArea></DataAreas></Translation>";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        TRANSLATION
            .replace("1044", "2068")
            .replace("Test", "Tøst")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let broken = b"<Translation language=\"1033\"><DataAreas><DataArea type=\"Service\"><Texts><Text textType=\"ServiceName\" textCode=\"1\">Bad \xff byte</Text></Texts></DataArea></DataAreas></Translation>";
    let m = manifest(
        "",
        r#"      <File language="1044" name="t/1044.xml"/>
      <File language="2068" name="t/2068.xml"/>
      <File language="1033" name="t/1033.xml"/>"#,
    );
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", latin1),
        ("t/2068.xml", &utf16),
        ("t/1033.xml", broken),
    ]);
    let outcome = case("encodings", &dir, &["TUL0103"]);
    let texts: Vec<_> = outcome
        .service
        .unwrap()
        .texts
        .into_iter()
        .map(|t| t.value)
        .collect();
    assert_eq!(texts, ["Blåbær", "Tøst", "Bad \u{FFFD} byte"]);
}

#[test]
fn duplicate_pages_and_bad_values() {
    let m = manifest(
        r#"    <DataArea type="ServiceEdition"><Property name="SecurityLevel" value="7"/><Property name="ValidFrom" value="someday"/></DataArea>
    <DataArea type="Form"><LogicalForm><Files><File fileType="FormPageMetadata" name="pages.xml"/></Files></LogicalForm></DataArea>"#,
        default_translations(),
    );
    let pages = r#"<FormPages><Page name="A"><Property name="Sequence" value="1"/></Page><Page name="a"><Property name="Sequence" value="2"/></Page></FormPages>"#;
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("pages.xml", pages.as_bytes()),
    ]);
    let outcome = case(
        "duplicates-and-values",
        &dir,
        &["TUL1003", "TUL0107", "TUL1001"],
    );
    assert_eq!(outcome.service.unwrap().form.unwrap().pages.len(), 1);
}

#[test]
fn a_cabinet_that_panics_the_cab_crate_is_contained() {
    // A folder claiming zero data blocks while holding a file: cab 0.6.0 indexes out of
    // bounds on it. The panic must become a diagnostic, not a crash.
    let members = [
        ("manifest.xsf".to_string(), b"<x/>".to_vec()),
        ("view1.xsl".to_string(), b"<y/>".to_vec()),
    ];
    let mut cab = build_cabinet(&members).unwrap();
    cab[40] = 0; // CFFOLDER.cCFData, right after the 36-byte CFHEADER and coffCabStart
    cab[41] = 0;
    let mut diagnostics = Vec::new();
    let budget = &mut tul2studio::read::package::Budget::new(&Limits::default());
    let (_, members) = tul2studio::read::xsn::read_cabinet(&cab, "p.xsn", budget, &mut diagnostics);
    assert!(members.is_empty(), "{members:?}");
    // One for the short first member, one for the panic on the second.
    let found: Vec<_> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(found, ["TUL0201", "TUL0201"], "{diagnostics:?}");
    assert!(
        diagnostics[1].message.contains("gave up"),
        "{diagnostics:?}"
    );
}

#[test]
fn a_translated_view_with_other_controls_is_reported_not_fatal() {
    let test = crate::catalogue::without_the_english_phone_row();
    let dir = test.input();
    let outcome = case("language-structure", &dir, &["TUL1105"]);
    let form = outcome.service.unwrap().form.unwrap();
    let phone = form.pages[0]
        .controls
        .iter()
        .find(|c| c.id == "CTRL14")
        .unwrap();
    assert!(
        phone.label.contains_key(&tul2studio::ir::Lang::Nb)
            && !phone.label.contains_key(&tul2studio::ir::Lang::En)
    );
}

/// The catalogue's package with one of each smaller problem still becomes an app.
#[test]
fn odds_and_ends_still_make_an_app() {
    let test = crate::catalogue::odds_and_ends();
    let (outcome, app) =
        tul2studio::convert_package(&test.input(), &Limits::default(), &Default::default());
    assert!(app.is_some(), "an app is still made: {:?}", codes(&outcome));
}

#[test]
fn a_template_without_a_schema_has_no_model() {
    let m = manifest(
        r#"    <DataArea type="Form"><LogicalForm><Files><File fileType="FormTemplate" language="1044" name="s.xsn"/></Files></LogicalForm></DataArea>"#,
        default_translations(),
    );
    let (_t, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("s.xsn/manifest.xsf", b"<xsf:xDocumentClass xmlns:xsf=\"http://schemas.microsoft.com/office/infopath/2003/solutionDefinition\"/>"),
    ]);
    let (outcome, app) = tul2studio::convert_package(&dir, &Limits::default(), &Default::default());
    assert!(app.is_none());
    assert!(
        codes(&outcome).contains(&"TUL2001"),
        "{:?}",
        codes(&outcome)
    );
}

#[test]
fn case_twins_and_symlinks_in_packages() {
    let m = manifest("", default_translations());
    let (_t, zip) = zip_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
        ("T/1044.XML", b"<x/>"),
    ]);
    assert!(codes(&check_package(&zip, &Limits::default())).contains(&"TUL0009"));
    let (_t2, dir) = dir_package(&[
        ("manifest.xml", m.as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
    ]);
    std::os::unix::fs::symlink("/etc/hostname", dir.join("lenke.txt")).unwrap();
    let outcome = check_package(&dir, &Limits::default());
    assert!(
        codes(&outcome).contains(&"TUL0010"),
        "{:?}",
        codes(&outcome)
    );
}
