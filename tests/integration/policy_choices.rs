//! Access advice a service owner can act on: role codes in any case, messages that say what
//! the mapping covers, advice from the policy's own grants, and one choice applied to every
//! rule of every policy (`--choose`), with the decision on record in JSON.

use crate::support::{run, shared, stderr, stdout, write_tree};
use serde_json::Value;
use std::path::Path;

/// A policy of rules, each granting `subjects`: (attribute, value) pairs in one `AnyOf`.
fn policy(rules: &[&[(&str, &str)]]) -> String {
    let rules: String = rules
        .iter()
        .enumerate()
        .map(|(i, subjects)| {
            let all_ofs: String = subjects
                .iter()
                .map(|(attribute, value)| {
                    format!(
                        "\n        <xacml:AllOf>\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">{value}</xacml:AttributeValue>\n            <xacml:AttributeDesignator AttributeId=\"{attribute}\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\" />\n          </xacml:Match>\n        </xacml:AllOf>"
                    )
                })
                .collect();
            format!(
                "  <xacml:Rule RuleId=\"urn:altinn:example:ruleid:{}\" Effect=\"Permit\">\n    <xacml:Target>\n      <xacml:AnyOf>{all_ofs}\n      </xacml:AnyOf>\n    </xacml:Target>\n  </xacml:Rule>\n",
                i + 1
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"urn:altinn:example:policyid:1\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\n  <xacml:Target/>\n{rules}</xacml:Policy>\n"
    )
}

const ROLE: &str = "urn:altinn:rolecode";
const PACKAGE: &str = "urn:altinn:accesspackage";

/// `policy check --format json` of the given files: every finding's (code, message, data).
fn check(files: &[&Path], extra: &[&str]) -> Vec<(String, String, Value)> {
    let mut args = vec!["policy", "check", "--format", "json"];
    args.extend(extra);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let output = run(&args);
    let json: Value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|e| panic!("{e}: {}", stderr(&output)));
    json["packages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["diagnostics"].as_array().unwrap().clone())
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["data"].clone(),
            )
        })
        .collect()
}

#[test]
fn role_codes_fold_by_unicode_and_er_forms_are_said() {
    // Studio writes codes in lower case: `ffør` is the ER role FFØR.
    let output = run(&["access", "ffør"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(said.contains("FFØR"), "{said}");
    assert!(
        said.contains("only in units of some organisation forms") && said.contains("NUF"),
        "{said}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("policy.xml");
    std::fs::write(&file, policy(&[&[(ROLE, "ffør")], &[(ROLE, "dagl")]])).unwrap();
    let findings = check(&[&file], &[]);
    assert!(
        findings.iter().all(|(code, ..)| code != "TUL3011"),
        "ffør is known: {findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|(code, message, _)| code == "TUL3014" && message.contains("NUF")),
        "{findings:?}"
    );
}

#[test]
fn the_policys_own_grants_are_the_first_advice_and_never_missing() {
    // Rule 1 grants a package beside REGNA, rule 2 grants REGNA alone; HADM's package is
    // one service policies may not name, and the rule already grants it.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("policy.xml");
    std::fs::write(
        &file,
        policy(&[
            &[(ROLE, "REGNA"), (PACKAGE, "regnskap-okonomi-rapport")],
            &[(ROLE, "regna")],
            &[(ROLE, "HADM"), (PACKAGE, "hovedadministrator")],
        ]),
    )
    .unwrap();
    let findings = check(&[&file], &[]);
    let deadline: Vec<&(String, String, Value)> =
        findings.iter().filter(|(c, ..)| c == "TUL3008").collect();
    let rule = |n: &str| {
        deadline
            .iter()
            .find(|(_, _, d)| d["rule"].as_str().unwrap().ends_with(n))
            .unwrap_or_else(|| panic!("no finding for rule {n}: {findings:?}"))
    };
    let (_, first, data) = rule(":1");
    assert!(
        first.contains("already grants regnskap-okonomi-rapport"),
        "{first}"
    );
    assert_eq!(data["chosen"]["by"], "policy");
    let (_, second, data) = rule(":2");
    assert!(
        second.contains(
            "already grants regnskap-okonomi-rapport (rules urn:altinn:example:ruleid:1)"
        ) && second.contains("--choose REGNA=regnskap-okonomi-rapport"),
        "{second}"
    );
    assert!(data["chosen"].is_null());
    assert_eq!(
        data["grantedElsewhere"][0]["package"],
        "regnskap-okonomi-rapport"
    );
    assert!(
        !findings
            .iter()
            .any(|(_, m, _)| m.contains("`hovedadministrator`")),
        "a package the rule grants is not reported missing: {findings:?}"
    );
}

#[test]
fn one_choice_applies_to_every_rule_of_every_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let apps = [
        policy(&[&[(ROLE, "REGNA")], &[(ROLE, "DAGL")]]),
        policy(&[&[(ROLE, "regna"), (ROLE, "UTINN")], &[(ROLE, "REGNA")]]),
        policy(&[&[(ROLE, "DAGL")]]),
    ];
    let files: Vec<(String, Vec<u8>)> = apps
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                format!("org/app-{i}/App/config/authorization/policy.xml"),
                p.clone().into_bytes(),
            )
        })
        .collect();
    let tree: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    write_tree(tmp.path(), &tree);
    let org = tmp.path().join("org");
    // Check over the tree first: the decision, per role, on stderr.
    let checked = run(&["policy", "check", org.to_str().unwrap()]);
    let said = stderr(&checked);
    assert!(said.contains("retiring roles"), "{said}");
    assert!(
        said.contains("REGNA") && said.contains("3 rule(s)"),
        "{said}"
    );
    let output = run(&[
        "policy",
        "upgrade",
        "--write",
        "--choose",
        "REGNA=regnskap-okonomi-rapport",
        org.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for (name, before) in &files {
        let after = std::fs::read_to_string(tmp.path().join(name)).unwrap();
        let before = String::from_utf8(before.clone()).unwrap();
        let regna = before.to_lowercase().matches(">regna<").count();
        assert_eq!(
            after.matches(">regnskap-okonomi-rapport<").count(),
            regna,
            "{name}: every rule granting REGNA grants the chosen package"
        );
        // Nothing else changed: the diff holds the package subjects only.
        let mut rest = after.clone();
        for _ in 0..regna {
            let start = rest.find(">regnskap-okonomi-rapport<").unwrap();
            let open = rest[..start].rfind("\n        <xacml:AllOf>").unwrap();
            let close =
                start + rest[start..].find("</xacml:AllOf>").unwrap() + "</xacml:AllOf>".len();
            rest.replace_range(open..close, "");
        }
        assert_eq!(rest, before, "{name}");
    }
    // The decision is on record: chosen by the owner.
    let file = tmp.path().join(&files[0].0);
    let findings = check(&[&file], &["--choose", "REGNA=regnskap-okonomi-rapport"]);
    let chosen = findings
        .iter()
        .find(|(c, ..)| c == "TUL3008")
        .map(|(_, _, d)| d["chosen"].clone())
        .unwrap();
    assert_eq!(chosen["by"], "owner", "{chosen}");
    // A choice of something that is no package is refused before anything is read.
    let refused = run(&[
        "policy",
        "check",
        "--choose",
        "REGNA=no-such",
        org.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_real_policies_take_a_choice_too() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = shared.join("data/access-packages/raw/samples");
    let mut copies = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let copy = tmp.path().join(path.file_name().unwrap());
        std::fs::write(&copy, std::fs::read(&path).unwrap()).unwrap();
        copies.push(copy);
    }
    let refs: Vec<&Path> = copies.iter().map(|p| p.as_path()).collect();
    let findings = check(&refs, &["--choose", "REGNA=regnskap-okonomi-rapport"]);
    let regna: Vec<&Value> = findings
        .iter()
        .filter(|(c, _, d)| c == "TUL3008" && d["role"] == "REGNA")
        .map(|(_, _, d)| d)
        .collect();
    assert!(!regna.is_empty(), "{findings:?}");
    for data in regna {
        assert_eq!(data["chosen"]["by"], "owner", "{data}");
        assert_eq!(data["chosen"]["packages"][0], "regnskap-okonomi-rapport");
    }
}
