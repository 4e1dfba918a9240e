//! The layering of ARCHITECTURE.md, checked: every `crate::<module>` a file of `src/` names
//! must be an allowed edge (the model is rust-analyzer's tidy checks). A new edge is either
//! a mistake or a decision to write down here and in ARCHITECTURE.md.

use crate::support::{files_with_ext, root};
use std::collections::{BTreeMap, BTreeSet};

/// module → the modules it may use. `cli` and the crate root's own files may use any.
const ALLOWED: &[(&str, &[&str])] = &[
    ("diagnostics", &[]),
    ("ir", &["diagnostics"]),
    ("access", &["diagnostics", "ir"]),
    // `pack` only in the cabinet reader's tests (it builds cabinets to read).
    ("read", &["diagnostics", "ir", "pack"]),
    ("analyse", &["diagnostics", "ir"]),
    ("emit", &["diagnostics", "ir", "access"]),
    ("write", &["diagnostics"]),
    ("policy", &["diagnostics", "access", "read", "write"]),
    ("report", &["diagnostics", "ir", "access"]),
];

fn modules_used(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Every edge outside the allowed set, as `module → module (file)`.
fn violations(sources: &[(String, String)]) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut found = Vec::new();
    for (rel, text) in sources {
        let module = rel.split('/').next().unwrap_or("").trim_end_matches(".rs");
        let Some(may) = allowed.get(module) else {
            continue; // cli, lib.rs, main.rs, fuzzing.rs, generate.rs, pack.rs
        };
        for used in modules_used(text) {
            let is_module = allowed.contains_key(used.as_str())
                || ["cli", "pack", "generate", "fuzzing"].contains(&used.as_str());
            if used != module && is_module && !may.contains(&used.as_str()) {
                found.push(format!("{module} → {used} ({rel})"));
            }
        }
    }
    found
}

fn sources() -> Vec<(String, String)> {
    let src = root().join("src");
    files_with_ext(&src, "rs")
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let found = violations(&sources());
    assert!(
        found.is_empty(),
        "edges outside ARCHITECTURE.md's layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_wrong_import_is_caught() {
    let mut sources = sources();
    // `read` must know nothing about Altinn 3: an import of the emitter is a violation.
    sources.push(("read/oops.rs".into(), "use crate::emit::names;\n".into()));
    // A comment naming a module is no edge.
    sources.push(("ir/fine.rs".into(), "// see crate::emit\n".into()));
    assert_eq!(violations(&sources), ["read → emit (read/oops.rs)"]);
}
