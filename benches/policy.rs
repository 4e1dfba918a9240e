//! The policy benchmark: an organisation's checkout of app repositories, each with
//! `App/config/authorization/policy.xml` (the two real policies from `../shared` in turn,
//! or a generated one without it), and the release binary's `policy check`, `policy
//! upgrade` (diff only) and `policy upgrade --write` over all of it.
//!
//! `cargo bench --bench policy` (1,000 repositories); `BENCH_REPOS=200` for fewer.
//!
//! Then the growth check: one policy of 1,250, 2,500, 5,000 and 10,000 rules through
//! `policy check` (human output, the path that was quadratic): each doubling may not take
//! more than 2.5 times as long.

#[path = "support/growth.rs"]
mod growth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn policies() -> Vec<Vec<u8>> {
    let samples =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/access-packages/raw/samples");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&samples)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    if found.is_empty() {
        eprintln!("notice: ../shared is missing; a generated policy stands in");
        let subject = |code: &str| {
            format!(
                "<xacml:AllOf><xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\"><xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">{code}</xacml:AttributeValue><xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/></xacml:Match></xacml:AllOf>\n"
            )
        };
        let subjects: String = ["A0237", "A0239", "REGNA", "UTINN", "DAGL"]
            .map(subject)
            .concat();
        return vec![format!("<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\n<xacml:Target/>\n<xacml:Rule RuleId=\"r\" Effect=\"Permit\">\n<xacml:Target>\n<xacml:AnyOf>\n{subjects}</xacml:AnyOf>\n</xacml:Target>\n</xacml:Rule>\n</xacml:Policy>\n").into_bytes()];
    }
    found.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn timed(args: &[&str]) -> f64 {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(matches!(status.code(), Some(0 | 1)), "{args:?}: {status}");
    start.elapsed().as_secs_f64()
}

/// A policy of `n` rules, each granting an Altinn II role with a certain package.
fn many_rules(n: usize) -> String {
    let rule = |i: usize| {
        format!(
            "<xacml:Rule RuleId=\"r{i}\" Effect=\"Permit\"><xacml:Target><xacml:AnyOf><xacml:AllOf><xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\"><xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">a0239</xacml:AttributeValue><xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/></xacml:Match></xacml:AllOf></xacml:AnyOf></xacml:Target></xacml:Rule>\n"
        )
    };
    format!(
        "<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\n<xacml:Target/>\n{}</xacml:Policy>\n",
        (0..n).map(rule).collect::<String>()
    )
}

fn growth(dir: &Path) {
    growth::linear(
        "policy check",
        "rules",
        &[1_250, 2_500, 5_000, 10_000],
        |n| {
            let file = dir.join(format!("rules-{n}.xml"));
            std::fs::write(&file, many_rules(n)).unwrap();
            timed(&["policy", "check", file.to_str().unwrap()])
        },
    );
}

fn main() {
    let repos: usize = std::env::var("BENCH_REPOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let scratch =
        tempfile::tempdir_in(std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".into())).unwrap();
    let org = scratch.path().join("org");
    let policies = policies();
    let mut bytes = 0;
    for i in 0..repos {
        let dir = org.join(format!("app-{i:04}/App/config/authorization"));
        std::fs::create_dir_all(&dir).unwrap();
        let policy = &policies[i % policies.len()];
        bytes += policy.len();
        std::fs::write(dir.join("policy.xml"), policy).unwrap();
    }
    let org = org.to_str().unwrap();
    let check = timed(&["policy", "check", "--format", "json", org]);
    let diff = timed(&["policy", "upgrade", org]);
    let write = timed(&["policy", "upgrade", "--write", org]);
    let again = timed(&["policy", "upgrade", "--write", org]);
    println!(
        "{repos} repositories, {:.1} MB of policies",
        bytes as f64 / 1e6
    );
    for (what, secs) in [
        ("policy check --format json", check),
        ("policy upgrade (diff)", diff),
        ("policy upgrade --write", write),
        ("policy upgrade --write (again: no-op)", again),
    ] {
        println!(
            "{what:<40} {secs:>6.2} s  {:>7.0} files/s",
            repos as f64 / secs
        );
    }
    growth(scratch.path());
}
