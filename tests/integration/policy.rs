//! `policy check` and `policy upgrade` on the two real app policies in
//! `../shared/data/access-packages/raw/samples/` and on repository trees built here.

use crate::support::{json_codes, run, shared, stderr, stdout, write_tree, xml_valid, xmllint};
use serde_json::Value;
use std::path::{Path, PathBuf};

const XACML: &str = "xacml3/xacml-core-v3-schema-wd-17.xsd";

/// The real policies, copied into a writable directory.
fn real_policies(shared: &Path, into: &Path) -> Vec<PathBuf> {
    let dir = shared.join("data/access-packages/raw/samples");
    let mut copies = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let copy = into.join(path.file_name().unwrap());
        std::fs::write(&copy, std::fs::read(&path).unwrap()).unwrap();
        copies.push(copy);
    }
    copies.sort();
    assert_eq!(copies.len(), 2, "two real policies");
    copies
}

/// A row of the summary table on stderr.
fn count(stderr: &str, label: &str) -> usize {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix(label)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no `{label}` row in {stderr}"))
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn check_pins_the_findings_of_the_real_policies() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let files = real_policies(&shared, tmp.path());
    let args = |extra: &[&'static str]| -> Vec<String> {
        ["policy", "check", "--format", "json"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .chain(files.iter().map(|f| f.to_str().unwrap().to_string()))
            .collect()
    };
    let run = |args: Vec<String>| run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let output = run(args(&[]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings: Vec<String> = json["packages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            let file = name(Path::new(p["input"].as_str().unwrap()));
            p["diagnostics"].as_array().unwrap().iter().map(move |d| {
                format!(
                    "{file}:{} {} {}",
                    d["line"],
                    d["code"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
        })
        .collect();
    insta::assert_json_snapshot!("policy_check_real", findings);
    // Altinn II roles are warnings: `-D warnings` fails the run, as a CI gate would.
    assert_eq!(run(args(&["-D", "warnings"])).status.code(), Some(1));
}

/// The byte-level diff of an upgrade holds only insertions, each an access-package subject.
fn only_package_subjects_added(before: &str, after: &str) {
    let diff = similar::TextDiff::from_chars(before, after);
    let mut inserted = String::new();
    for op in diff.ops() {
        match op.tag() {
            similar::DiffTag::Equal => {}
            similar::DiffTag::Insert => {
                inserted.push_str(&after[op.new_range()]);
            }
            tag => panic!("the upgrade {tag:?}d bytes at {:?}", op.old_range()),
        }
    }
    let subjects = inserted.matches("<xacml:AllOf>").count();
    assert!(subjects > 0);
    assert_eq!(subjects, inserted.matches("</xacml:AllOf>").count());
    assert_eq!(
        subjects,
        inserted.matches("urn:altinn:accesspackage").count()
    );
    assert!(!inserted.contains("urn:altinn:rolecode"));
}

#[test]
fn upgrade_adds_only_package_subjects_validates_and_is_idempotent() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let files = real_policies(&shared, tmp.path());
    let before: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let dir = tmp.path().to_str().unwrap();
    // Without --write: a diff, and nothing changes on disk.
    let proposed = run(&["policy", "upgrade", dir]);
    assert_eq!(proposed.status.code(), Some(0), "{}", stderr(&proposed));
    let diff = stdout(&proposed);
    assert!(diff.starts_with("--- "), "{diff}");
    assert!(diff.contains("+            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">ansvarlig-revisor</xacml:AttributeValue>"));
    assert!(
        !diff
            .lines()
            .any(|l| l.starts_with('-') && !l.starts_with("---"))
    );
    for (file, text) in files.iter().zip(&before) {
        assert_eq!(&std::fs::read_to_string(file).unwrap(), text);
    }
    // --write: the skd policy gains four packages; brg already grants them.
    let written = run(&["policy", "upgrade", "--write", dir]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert_eq!(
        count(&stderr(&written), "upgraded"),
        1,
        "{}",
        stderr(&written)
    );
    let after: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert_eq!(after[1], before[1], "brg already grants the packages");
    only_package_subjects_added(&before[0], &after[0]);
    for package in [
        "ansvarlig-revisor",
        "revisormedarbeider",
        "regnskapsforer-med-signeringsrettighet",
        "regnskapsforer-uten-signeringsrettighet",
    ] {
        assert_eq!(
            after[0].matches(&format!(">{package}<")).count(),
            2,
            "{package}: both rules"
        );
    }
    if xmllint().is_some() {
        for file in &files {
            xml_valid(&shared, XACML, file).unwrap_or_else(|e| panic!("{}: {e}", name(file)));
        }
    }
    // A second --write changes nothing.
    let again = run(&["policy", "upgrade", "--write", dir]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).is_empty(), "{}", stdout(&again));
    assert_eq!(count(&stderr(&again), "upgraded"), 0);
    for (file, text) in files.iter().zip(&after) {
        assert_eq!(&std::fs::read_to_string(file).unwrap(), text);
    }
}

#[test]
fn drop_altinn2_roles_removes_only_replaced_roles() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let files = real_policies(&shared, tmp.path());
    let skd = files[0].to_str().unwrap();
    let output = run(&["policy", "upgrade", "--write", "--drop-altinn2-roles", skd]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&files[0]).unwrap();
    for gone in ["A0237", "A0238", "A0239", "A0240"] {
        assert!(!text.contains(&format!(">{gone}<")), "{gone} dropped");
    }
    // No confident package: kept, so no rule is left granting nobody.
    for kept in ["REGNA", "SISKD", "KNUF"] {
        assert!(text.contains(&format!(">{kept}<")), "{kept} kept");
    }
    assert!(stderr(&output).contains("TUL3019"));
    if xmllint().is_some() {
        xml_valid(&shared, XACML, &files[0]).unwrap();
    }
    let again = run(&["policy", "upgrade", "--drop-altinn2-roles", skd]);
    assert!(stdout(&again).is_empty());
}

#[test]
fn an_organisation_checkout_is_searched_in_parallel() {
    let tmp = tempfile::tempdir().unwrap();
    let policy = |code: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"urn:altinn:example:policyid:1\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\n  <xacml:Target/>\n  <xacml:Rule RuleId=\"urn:altinn:example:ruleid:[ORG]:[APP]:1\" Effect=\"Permit\">\n    <xacml:Target>\n      <xacml:AnyOf>\n        <xacml:AllOf>\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:1.0:function:string-equal\">\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">{code}</xacml:AttributeValue>\n            <xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\n          </xacml:Match>\n        </xacml:AllOf>\n      </xacml:AnyOf>\n    </xacml:Target>\n  </xacml:Rule>\n</xacml:Policy>\n"
        )
    };
    let a = policy("a0240");
    let b = policy("dagl");
    write_tree(
        tmp.path(),
        &[
            (
                "org/app-a/App/config/authorization/policy.xml",
                a.as_bytes(),
            ),
            (
                "org/app-b/App/config/authorization/policy.xml",
                b.as_bytes(),
            ),
            (
                "org/app-c/App/config/authorization/policy.xml",
                b"<Policy/>",
            ),
            ("org/app-a/target/policy.xml", b"not searched"),
            ("org/.git/policy.xml", b"not searched"),
            ("empty/readme.txt", b"no policy here"),
        ],
    );
    let org = tmp.path().join("org");
    let output = run(&[
        "policy",
        "upgrade",
        "-j",
        "2",
        "--format",
        "json",
        org.to_str().unwrap(),
    ]);
    // app-c is not a XACML policy: unreadable input, exit code 2.
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let inputs: Vec<String> = json["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["input"]
                .as_str()
                .unwrap()
                .replace(org.to_str().unwrap(), "ORG")
        })
        .collect();
    assert_eq!(
        inputs,
        [
            "ORG/app-a/App/config/authorization/policy.xml",
            "ORG/app-b/App/config/authorization/policy.xml",
            "ORG/app-c/App/config/authorization/policy.xml"
        ]
    );
    let summary = stderr(&output);
    assert_eq!(count(&summary, "policies"), 3, "{summary}");
    assert_eq!(count(&summary, "would change"), 1, "{summary}");
    assert_eq!(count(&summary, "up to date"), 1, "{summary}");
    assert_eq!(count(&summary, "unreadable"), 1, "{summary}");
    let codes = |i: usize| json_codes(&json["packages"][i]);
    assert_eq!(codes(0), ["TUL3008", "TUL3018"]);
    assert!(codes(1).is_empty(), "DAGL keeps working");
    assert_eq!(codes(2), ["TUL3015"]);
    // The file's own match function and placeholders are carried into the new subject.
    let write = run(&[
        "policy",
        "upgrade",
        "--write",
        org.join("app-a").to_str().unwrap(),
    ]);
    assert_eq!(write.status.code(), Some(0));
    let upgraded =
        std::fs::read_to_string(org.join("app-a/App/config/authorization/policy.xml")).unwrap();
    assert_eq!(upgraded.matches("function:string-equal\"").count(), 2);
    assert!(upgraded.contains("[ORG]:[APP]"));
    // A directory without policies is unreadable input, named by code.
    let empty = run(&[
        "policy",
        "check",
        tmp.path().join("empty").to_str().unwrap(),
    ]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("TUL3016"), "{}", stderr(&empty));
}

#[test]
fn sarif_and_reports_come_from_the_same_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1.0\" RuleCombiningAlgId=\"x\"><xacml:Target/><xacml:Rule RuleId=\"r\" Effect=\"Permit\"><xacml:Target><xacml:AnyOf><xacml:AllOf><xacml:Match MatchId=\"m\"><xacml:AttributeValue DataType=\"s\">UTINN</xacml:AttributeValue><xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"s\" MustBePresent=\"false\"/></xacml:Match></xacml:AllOf></xacml:AnyOf></xacml:Target></xacml:Rule></xacml:Policy>";
    let file = tmp.path().join("policy.xml");
    std::fs::write(&file, text).unwrap();
    let report = tmp.path().join("review.md");
    let output = run(&[
        "policy",
        "check",
        "--format",
        "sarif",
        "--report",
        report.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let sarif: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["TUL3008", "TUL3010"]);
    let markdown = std::fs::read_to_string(report).unwrap();
    assert!(markdown.contains("TUL3010"), "{markdown}");
    assert!(
        !markdown.contains("| --- |"),
        "no empty accounting table: {markdown}"
    );
    // `upgrade` has nothing to add for UTINN: the file stays as it was.
    let upgrade = run(&["policy", "upgrade", "--write", file.to_str().unwrap()]);
    assert_eq!(upgrade.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(count(&stderr(&upgrade), "need a choice"), 1);
}

#[cfg(unix)]
#[test]
fn a_symlinked_policy_is_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real.xml");
    std::fs::write(
        &real,
        "<Policy xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1\" RuleCombiningAlgId=\"x\"><Target/><Rule RuleId=\"r\" Effect=\"Permit\"><Target><AnyOf><AllOf><Match MatchId=\"m\"><AttributeValue DataType=\"s\">A0239</AttributeValue><AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"s\" MustBePresent=\"false\"/></Match></AllOf></AnyOf></Target></Rule></Policy>",
    )
    .unwrap();
    let link = tmp.path().join("policy.xml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = run(&["policy", "upgrade", "--write", link.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("TUL0"), "{}", stderr(&output));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Without a prefix, the copy uses none either.
    let proposed = run(&["policy", "upgrade", real.to_str().unwrap()]);
    assert!(
        stdout(&proposed).contains("regnskapsforer-med-signeringsrettighet</AttributeValue><AttributeDesignator AttributeId=\"urn:altinn:accesspackage\""),
        "{}",
        stdout(&proposed)
    );
}

#[test]
fn an_access_map_completes_the_upgrade() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let files = real_policies(&shared, tmp.path());
    let map = tmp.path().join("access-map.json");
    std::fs::write(
        &map,
        r#"{"roles": {"REGNA": {"packages": ["regnskap-okonomi-rapport"], "confirmed": true},
                      "SISKD": {"packages": ["skatt-naering"]}}}"#,
    )
    .unwrap();
    let before = std::fs::read_to_string(&files[0]).unwrap();
    let output = run(&[
        "policy",
        "upgrade",
        "--write",
        "--access-map",
        map.to_str().unwrap(),
        files[0].to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = std::fs::read_to_string(&files[0]).unwrap();
    only_package_subjects_added(&before, &after);
    for package in ["regnskap-okonomi-rapport", "skatt-naering"] {
        assert_eq!(
            after.matches(&format!(">{package}<")).count(),
            2,
            "{package}"
        );
    }
    // The unconfirmed row is written and reported until someone confirms it.
    let err = stderr(&output);
    assert!(err.contains("TUL3013") && err.contains("SISKD"), "{err}");
    assert!(!err.contains("TUL3009"), "REGNA is decided: {err}");
    if xmllint().is_some() {
        xml_valid(&shared, XACML, &files[0]).unwrap();
    }
}
