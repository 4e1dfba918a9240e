//! Access-package knowledge that stays true: renamed packages in existing policies, a newer
//! list loaded at run time (`--access-data`), machine-readable results.

use crate::support::{json_codes, run, shared, stderr, stdout, xml_valid, xmllint};
use serde_json::Value;

/// A policy in Studio's shape that grants the old name of `kommunale-tjenester` and an
/// Altinn II role, with CRLF line ends and a comment that must survive.
const POLICY: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"urn:altinn:example:policyid:1\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\r\n  <xacml:Target/>\r\n  <!-- kommunens regel -->\r\n  <xacml:Rule RuleId=\"urn:altinn:example:ruleid:1\" Effect=\"Permit\">\r\n    <xacml:Target>\r\n      <xacml:AnyOf>\r\n        <xacml:AllOf>\r\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">\r\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">mine-sider-kommune</xacml:AttributeValue>\r\n            <xacml:AttributeDesignator AttributeId=\"urn:altinn:accesspackage\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\r\n          </xacml:Match>\r\n        </xacml:AllOf>\r\n        <xacml:AllOf>\r\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">\r\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">a0239</xacml:AttributeValue>\r\n            <xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\r\n          </xacml:Match>\r\n        </xacml:AllOf>\r\n      </xacml:AnyOf>\r\n      <xacml:AnyOf>\r\n        <xacml:AllOf>\r\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:1.0:function:string-equal\">\r\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">[ORG]</xacml:AttributeValue>\r\n            <xacml:AttributeDesignator AttributeId=\"urn:altinn:org\" Category=\"urn:oasis:names:tc:xacml:3.0:attribute-category:resource\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\r\n          </xacml:Match>\r\n        </xacml:AllOf>\r\n      </xacml:AnyOf>\r\n      <xacml:AnyOf>\r\n        <xacml:AllOf>\r\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:1.0:function:string-equal\">\r\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">read</xacml:AttributeValue>\r\n            <xacml:AttributeDesignator AttributeId=\"urn:oasis:names:tc:xacml:1.0:action:action-id\" Category=\"urn:oasis:names:tc:xacml:3.0:attribute-category:action\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\r\n          </xacml:Match>\r\n        </xacml:AllOf>\r\n      </xacml:AnyOf>\r\n    </xacml:Target>\r\n  </xacml:Rule>\r\n</xacml:Policy>\r\n";

#[test]
fn a_renamed_package_is_reported_and_renamed_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("policy.xml");
    std::fs::write(&file, POLICY).unwrap();
    let path = file.to_str().unwrap();
    let check = run(&["policy", "check", "--format", "json", path]);
    let report: Value = serde_json::from_str(&stdout(&check)).unwrap();
    let package = &report["packages"][0];
    assert!(
        json_codes(package).contains(&"TUL3020"),
        "{}",
        stdout(&check)
    );
    let renamed = package["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "TUL3020")
        .unwrap();
    assert_eq!(renamed["data"]["current"], "kommunale-tjenester");
    assert_eq!(
        renamed["data"]["urn"],
        "urn:altinn:accesspackage:kommunale-tjenester"
    );
    // The Altinn II role's finding carries what a CI job acts on.
    let deadline = package["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["code"] == "TUL3016" || d["message"].as_str().unwrap().contains("1 January 2027")
        })
        .unwrap();
    assert_eq!(deadline["data"]["role"], "A0239");
    assert_eq!(deadline["data"]["actions"], serde_json::json!(["read"]));
    assert!(
        deadline["data"]["candidates"][0]["urn"]
            .as_str()
            .unwrap()
            .starts_with("urn:altinn:accesspackage:")
    );

    let upgrade = run(&["policy", "upgrade", "--write", path]);
    assert_eq!(upgrade.status.code(), Some(0), "{}", stderr(&upgrade));
    let after = std::fs::read_to_string(&file).unwrap();
    // Byte-exact elsewhere: the only change to the old subject is its value.
    assert!(!after.contains("mine-sider-kommune"));
    assert!(after.contains(">kommunale-tjenester</xacml:AttributeValue>"));
    assert!(after.contains("<!-- kommunens regel -->") && after.contains("\r\n"));
    let before_rest = POLICY.replace("mine-sider-kommune", "kommunale-tjenester");
    let added: String = similar::TextDiff::from_chars(before_rest.as_str(), after.as_str())
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Delete)
        .map(|c| c.value().to_string())
        .collect();
    assert!(
        added.is_empty(),
        "only insertions after the rename: {added:?}"
    );
    if let Some(shared) = shared()
        && xmllint().is_some()
    {
        xml_valid(&shared, "xacml3/xacml-core-v3-schema-wd-17.xsd", &file).unwrap();
    }
    // Idempotent: a second upgrade changes no byte.
    let again = run(&["policy", "upgrade", "--write", path]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), after);
}

/// The export of the access-management metadata API: area groups → areas → packages.
const EXPORT: &str = r#"[
  { "id": "7e3b5c8a-0000-0000-0000-000000000001", "name": "Skatt, avgift, regnskap og toll", "type": "Organisasjon",
    "areas": [ { "id": "7e3b5c8a-0000-0000-0000-000000000002", "name": "Skatt og merverdiavgift",
      "urn": "accesspackage:area:skatt_avgift_regnskap_og_toll",
      "packages": [
        { "id": "4c859601-0000-0000-0000-000000000003", "urn": "urn:altinn:accesspackage:skatt-naering",
          "name": "Skatt næring", "description": "…", "isDelegable": true, "isAssignable": true,
          "isResourcePolicyAvailable": true, "type": { "name": "Organisasjon" } },
        { "id": "4c859601-0000-0000-0000-000000000004", "urn": "urn:altinn:accesspackage:ny-pakke-2027",
          "name": "Ny pakke", "isDelegable": true, "isResourcePolicyAvailable": true,
          "type": { "name": "Organisasjon" } } ] } ] }
]"#;

#[test]
fn access_data_in_the_published_shape_replaces_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("packages.json");
    std::fs::write(&data, EXPORT).unwrap();
    let data = data.to_str().unwrap();
    let about = run(&["access", "--about", "--access-data", data]);
    assert_eq!(about.status.code(), Some(0), "{}", stderr(&about));
    assert!(stdout(&about).contains("packages.json (2 packages)"));
    // A map may name a package only the new list has.
    let map = tmp.path().join("map.json");
    std::fs::write(
        &map,
        r#"{"roles": {"UTINN": {"packages": ["ny-pakke-2027"], "confirmed": true}}}"#,
    )
    .unwrap();
    let out = tmp.path().join("app");
    let converted = run(&[
        "convert",
        "fixtures/ssb-ra9901",
        "-o",
        out.to_str().unwrap(),
        "--access-data",
        data,
        "--access-map",
        map.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(converted.status.code(), Some(0), "{}", stderr(&converted));
    let report: Value = serde_json::from_str(&stdout(&converted)).unwrap();
    assert!(
        report["accessData"]
            .as_str()
            .unwrap()
            .contains("packages.json")
    );
    let policy = std::fs::read_to_string(out.join("App/config/authorization/policy.xml")).unwrap();
    assert!(policy.contains(">ny-pakke-2027<"));
    // A package the list lacks is never written: ADMAI's official package is not in it.
    let sink = run(&[
        "check",
        "fixtures/brg-kitchen-sink",
        "--access-data",
        data,
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&stdout(&sink)).unwrap();
    let unknown: Vec<&str> = report["packages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "TUL3021")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        unknown
            .iter()
            .any(|m| m.contains("`tilgangsstyrer` (for role ADMAI)")),
        "{unknown:?}"
    );
    let built_in = run(&["check", "fixtures/brg-kitchen-sink", "--format", "json"]);
    assert!(
        !stdout(&built_in).contains("TUL3021"),
        "the built-in list has it"
    );
}

#[test]
fn bad_or_stale_access_data_is_refused_or_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{ \"packages\": ").unwrap();
    let refused = run(&["access", "DAGL", "--access-data", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("TUL0015"), "{}", stderr(&refused));
    // A map naming a package the loaded list lacks is an error naming the row.
    let data = tmp.path().join("small.json");
    std::fs::write(&data, EXPORT).unwrap();
    let map = tmp.path().join("map.json");
    std::fs::write(
        &map,
        r#"{"roles": {"REGNA": {"packages": ["regnskap-okonomi-rapport"]}}}"#,
    )
    .unwrap();
    let missing = run(&[
        "check",
        "fixtures/ssb-ra9901",
        "--access-data",
        data.to_str().unwrap(),
        "--access-map",
        map.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let err = stderr(&missing);
    assert!(
        err.contains("REGNA") && err.contains("regnskap-okonomi-rapport"),
        "{err}"
    );
    // A list that still uses retired names is older than the built-in one: a warning.
    let old = tmp.path().join("old.json");
    std::fs::write(
        &old,
        r#"[{"urn": "urn:altinn:accesspackage:mine-sider-kommune", "name": "Mine sider hos kommunen"}]"#,
    )
    .unwrap();
    let stale = run(&["access", "--about", "--access-data", old.to_str().unwrap()]);
    assert_eq!(stale.status.code(), Some(0));
    assert!(stderr(&stale).contains("TUL0016"), "{}", stderr(&stale));
    // The map names a renamed package: the error says the new name.
    let renamed = tmp.path().join("renamed.json");
    std::fs::write(
        &renamed,
        r#"{"roles": {"KOMAB": {"packages": ["mine-sider-kommune"]}}}"#,
    )
    .unwrap();
    let hint = run(&["access", "KOMAB", "--access-map", renamed.to_str().unwrap()]);
    assert_eq!(hint.status.code(), Some(2));
    assert!(
        stderr(&hint).contains("renamed to `kommunale-tjenester`"),
        "{}",
        stderr(&hint)
    );
}

#[test]
fn access_prints_machine_readable_candidates() {
    let out = run(&["access", "UTINN", "DAGL", "KOMAB", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let roles = doc["roles"].as_array().unwrap();
    assert_eq!(roles[0]["kind"], "altinn2");
    assert_eq!(roles[0]["endsOn"], "2027-01-01");
    assert!(roles[0]["candidates"].as_array().unwrap().is_empty());
    assert_eq!(roles[1]["kind"], "er");
    let dagl = roles[1]["candidates"].as_array().unwrap();
    assert_eq!(dagl.len(), 133);
    assert!(dagl.iter().all(|c| {
        c["certain"] == true
            && c["urn"]
                .as_str()
                .unwrap()
                .ends_with(c["package"].as_str().unwrap())
    }));
    assert_eq!(roles[2]["candidates"][0]["package"], "kommunale-tjenester");
    assert_eq!(roles[2]["candidates"][0]["confidence"], "name-match");
}
