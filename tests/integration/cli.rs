//! The command-line contract end to end: exit codes, JSON and SARIF shapes, explain, inspect.

use crate::support::{run, stderr, stdout};
use tul2studio::diagnostics::registry::RULES;

#[test]
fn check_a_clean_fixture_exits_zero() {
    let out = run(&["check", "fixtures/ssb-ra9901"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("fixtures/ssb-ra9901: 0 errors,"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let out = run(&["check", "fixtures/brg-kitchen-sink"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["check", "-D", "warnings", "fixtures/brg-kitchen-sink"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["check", "-D", "bogus", "fixtures/brg-kitchen-sink"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_output_follows_the_contract() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "fixtures/ssb-ra9901",
        "fixtures/brg-kitchen-sink",
    ]);
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&out)).expect("stdout is one JSON document");
    assert_eq!(doc["tool"], "tul2studio");
    assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    let packages = doc["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 2);
    let ssb = &packages[0];
    assert_eq!(ssb["input"], "fixtures/ssb-ra9901");
    assert_eq!(ssb["service"]["org"], "ssb");
    assert_eq!(ssb["service"]["app"], "ra-9901");
    assert_eq!(ssb["service"]["serviceCode"], "4990");
    assert_eq!(ssb["service"]["serviceEditionCode"], "260101");
    assert!(ssb["output"].is_null());
    let sink = &packages[1];
    let diags = sink["diagnostics"].as_array().unwrap();
    let counts = &sink["counts"];
    let total: u64 = ["error", "warning", "info"]
        .iter()
        .map(|k| counts[*k].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, diags.len());
    for d in diags {
        for key in ["code", "severity", "message", "file", "help"] {
            assert!(
                d.get(key).is_some_and(|v| !v.is_null()),
                "{key} missing in {d}"
            );
        }
    }
    assert!(
        diags
            .iter()
            .any(|d| d["line"].is_u64() && d["column"].is_u64())
    );
    let warnings = |v: &serde_json::Value| v["counts"]["warning"].as_u64().unwrap();
    assert_eq!(warnings(&doc), warnings(ssb) + warnings(sink));
    // Human output stays off stdout.
    assert!(!stdout(&out).contains('⚠'));
}

#[test]
fn sarif_output_has_rules_and_located_results() {
    let out = run(&["check", "--format", "sarif", "fixtures/brg-kitchen-sink"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run0 = &doc["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("fixtures/brg-kitchen-sink/"), "{uri}");
    }
}

#[test]
fn explain_prints_the_registry_text() {
    let out = run(&["explain", "TUL0102"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("TUL0102: dtd-refused"));
    assert!(text.contains("billion laughs"));
    let by_name = run(&["explain", "dtd-refused"]);
    assert_eq!(stdout(&by_name), text);
    let list = stdout(&run(&["explain", "--list"]));
    assert_eq!(list.lines().count(), RULES.len());
    let form_rule = list.lines().find(|l| l.starts_with("TUL1301")).unwrap();
    assert!(
        form_rule.contains("by hand") && form_rule.contains("form-rule"),
        "{form_rule}"
    );
    let bad = run(&["explain", "TUL9999"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn inspect_prints_the_model() {
    let out = run(&["inspect", "fixtures/skd-rf1399"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(model["identity"]["ownerCode"], "SKD");
    assert_eq!(
        model["languages"],
        serde_json::json!(["nb", "nn", "en", "se"])
    );
    // Fields keep their declared order: identity comes first.
    assert!(stdout(&out).trim_start().starts_with("{\n  \"identity\""));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["--version"]).status.code(), Some(0));
}

#[test]
fn access_prints_candidates_and_refuses_unknown_codes() {
    let out = run(&["access", "DAGL", "REGNA", "UTINN", "REGN"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("access-dagl-regna-utinn-regn", stdout(&out));
    let unknown = run(&["access", "DAGL", "NOPE"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("NOPE"));
}

/// A coded failure is printed once, by `main`: on stderr, and under `--format json` also as the
/// report on stdout, so a pipeline always reads one document; the exit status is 2.
#[test]
fn a_failure_is_one_report_in_every_format() {
    let bad_map = || {
        crate::builder::Test::fixture("ssb-ra9901").beside(
            "map.json",
            r#"{"roles": {"UTINN": {"packages": ["nope"]}}}"#,
        )
    };
    let human = bad_map()
        .args(&["check", "{input}", "--access-map", "{scratch}/map.json"])
        .run();
    human.exits(2);
    assert!(human.stdout.is_empty(), "{}", human.stdout);
    assert_eq!(
        human.stderr.matches("TUL0012").count(),
        1,
        "{}",
        human.stderr
    );
    let json = bad_map()
        .args(&[
            "check",
            "{input}",
            "--access-map",
            "{scratch}/map.json",
            "--format",
            "json",
        ])
        .run();
    json.exits(2);
    assert_eq!(json.codes(), ["TUL0012"]);
    assert!(
        json.json()["packages"][0]["input"]
            .as_str()
            .unwrap()
            .ends_with("map.json")
    );
    // An error without a code is one line on stderr, and no document.
    let unknown = crate::builder::Test::new()
        .args(&["explain", "TUL9999"])
        .run();
    unknown.exits(2);
    assert!(unknown.stdout.is_empty());
    assert_eq!(unknown.stderr.lines().count(), 1, "{}", unknown.stderr);
}
