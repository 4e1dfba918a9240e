//! Review reports (Markdown, HTML, JSON), SARIF structure, the generated diagnostics docs,
//! and the registry's docs: every code explained and documented (its coverage by inputs is
//! `catalogue.rs`).

use crate::support::{files_with_ext, root, run, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeSet;
use tul2studio::diagnostics::Code;

#[test]
fn the_docs_index_is_generated_from_the_registry() {
    let index = std::fs::read_to_string(root().join("docs/diagnostics/README.md")).unwrap();
    let generated = stdout(&run(&["explain", "--docs"]));
    assert!(
        index == generated,
        "docs/diagnostics/README.md is stale: run `cargo run -- explain --docs > docs/diagnostics/README.md`"
    );
}

/// One page per code, headed by its code and name, none without a code; `explain` prints the
/// page's text, so an edited page shows in the next build.
#[test]
fn every_code_has_its_own_docs_page_and_explain_prints_it() {
    let dir = root().join("docs/diagnostics");
    let mut pages: BTreeSet<String> = files_with_ext(&dir, "md")
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|stem| stem != "README")
        .collect();
    for code in Code::ALL {
        let rule = code.rule();
        assert!(pages.remove(rule.code), "{code} has no page");
        let page = std::fs::read_to_string(root().join(rule.docs_path())).unwrap();
        assert_eq!(
            page, rule.docs,
            "{code}: the binary was built from another page"
        );
        assert!(
            page.starts_with(&format!("# {}: {}\n\n", rule.code, rule.name)),
            "{code}: the page's heading is not `# {}: {}`",
            rule.code,
            rule.name
        );
        let explained = stdout(&run(&["explain", rule.code]));
        let body: Vec<&str> = page
            .lines()
            .skip(2)
            .flat_map(str::split_whitespace)
            .collect();
        let printed: Vec<&str> = explained.split_whitespace().collect();
        assert!(
            printed.windows(body.len()).any(|w| w == body.as_slice()),
            "{code}: `explain` does not print the page"
        );
    }
    assert!(pages.is_empty(), "pages without a code: {pages:?}");
}

#[test]
fn markdown_and_html_reports_are_pinned() {
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("review.md");
    let html = tmp.path().join("review.html");
    for (path, name) in [(&md, "report-md"), (&html, "report-html")] {
        let out = run(&[
            "check",
            "fixtures/ssb-ra9901",
            "fixtures/brg-kitchen-sink",
            "--report",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(name, text);
    }
    let markdown = std::fs::read_to_string(&md).unwrap();
    assert!(markdown.contains("## Totals") && markdown.contains("- [ ] **TUL1301**"));
    let page = markdown
        .find("### Page Hoved")
        .expect("findings grouped by page");
    assert!(markdown[page..].contains("TUL1206"));
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script") && !html.contains("http-equiv=\"refresh\""),
        "self-contained"
    );
    assert!(!html.contains("href=\"http"), "no external assets");
    // Source snippets are escaped, not markup.
    assert!(html.contains("&lt;xsf:rule"));
}

#[test]
fn json_reports_and_bad_report_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("review.json");
    run(&[
        "check",
        "fixtures/skd-rf1399",
        "--report",
        json.to_str().unwrap(),
    ]);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["tool"], "tul2studio");
    let accounting = &doc["packages"][0]["accounting"];
    for kind in [
        "pages",
        "controls",
        "bindings",
        "rules",
        "roles",
        "steps",
        "attachment types",
        "texts",
    ] {
        let t = &accounting[kind];
        let parts = t["automatic"].as_u64().unwrap()
            + t["withWarning"].as_u64().unwrap()
            + t["byHand"].as_u64().unwrap();
        assert_eq!(parts, t["total"].as_u64().unwrap(), "{kind}");
    }
    assert_eq!(accounting["pages"]["total"], 1);
    assert!(accounting["controls"]["total"].as_u64().unwrap() >= 12);
    let bad = run(&[
        "check",
        "fixtures/skd-rf1399",
        "--report",
        tmp.path().join("review.pdf").to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn sarif_has_the_structure_code_scanning_needs() {
    let out = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/brg-kitchen-sink",
        "fixtures/ssb-ra9901",
    ]);
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run0 = &runs[0];
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "tul2studio");
    let rules = driver["rules"].as_array().unwrap();
    let levels = ["none", "note", "warning", "error"];
    for rule in rules {
        assert!(rule["id"].as_str().unwrap().starts_with("TUL"));
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[key]["text"].as_str().unwrap().is_empty(), "{key}");
        }
        assert!(levels.contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let artifacts = run0["artifacts"].as_array().unwrap();
    for (i, a) in artifacts.iter().enumerate() {
        assert!(!a["location"]["uri"].as_str().unwrap().is_empty());
        if let Some(parent) = a["parentIndex"].as_u64() {
            assert!((parent as usize) < i, "parents come first");
        }
    }
    // A view inside a template: view → template → package.
    let member = artifacts
        .iter()
        .find(|a| {
            a["location"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("skjema.xsn!view1.xsl")
        })
        .unwrap();
    let template = &artifacts[member["parentIndex"].as_u64().unwrap() as usize];
    assert!(
        template["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("skjema.xsn")
    );
    assert!(artifacts[template["parentIndex"].as_u64().unwrap() as usize]["parentIndex"].is_null());
    for result in run0["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(levels.contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        for location in result["locations"].as_array().into_iter().flatten() {
            let physical = &location["physicalLocation"];
            let artifact = physical["artifactLocation"]["index"].as_u64().unwrap() as usize;
            assert_eq!(
                artifacts[artifact]["location"]["uri"],
                physical["artifactLocation"]["uri"]
            );
            if let Some(line) = physical["region"]["startLine"].as_u64() {
                assert!(line >= 1);
            }
        }
    }
}
