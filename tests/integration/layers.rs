//! The layering of ARCHITECTURE.md, checked against its own table ("## Layers"): every
//! `crate::<module>` a file of `src/` names must be listed in its module's "May use", every
//! module of `src/lib.rs` must have a row, and the `tidy:` tokens of a row's "Must not" may
//! not appear in that module's code outside its tests (rust-analyzer's tidy checks are the
//! model). A new edge is either a mistake or a decision to write into that table.

use crate::support::{files_with_ext, root};
use std::collections::{BTreeMap, BTreeSet};

struct Row {
    may_use: BTreeSet<String>,
    tidy: Vec<String>,
}

/// The backticked words of a table cell.
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// ARCHITECTURE.md's layer table: module → what it may use and its tidy tokens.
fn layers(architecture: &str) -> BTreeMap<String, Row> {
    let section = architecture
        .split("\n## Layers\n")
        .nth(1)
        .expect("ARCHITECTURE.md has a `## Layers` section");
    let section = section.split("\n## ").next().unwrap();
    let mut rows = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
        assert_eq!(
            cells.len(),
            3,
            "a row is | Module | May use | Must not |: {line}"
        );
        let module = ticked(cells[0]).remove(0);
        let tidy = cells[2]
            .split_once("tidy: ")
            .map(|(_, rest)| ticked(rest.split(';').next().unwrap_or(rest)))
            .unwrap_or_default();
        let row = Row {
            may_use: ticked(cells[1]).into_iter().collect(),
            tidy,
        };
        assert!(rows.insert(module.clone(), row).is_none(), "{module} twice");
    }
    rows
}

/// The modules `src/lib.rs` declares.
fn declared_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

fn modules_used(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
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

/// A file's code before its test module, without comments.
fn code_outside_tests(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every edge outside the table and every tidy token found, as `module → what (file)`.
fn violations(
    rows: &BTreeMap<String, Row>,
    modules: &BTreeSet<String>,
    sources: &[(String, String)],
) -> Vec<String> {
    let mut found: Vec<String> = modules
        .iter()
        .filter(|m| !rows.contains_key(*m))
        .map(|m| format!("{m} has no row in the layer table"))
        .collect();
    for (rel, text) in sources {
        let module = rel.split('/').next().unwrap_or("").trim_end_matches(".rs");
        let Some(row) = rows.get(module) else {
            continue; // lib.rs, main.rs: the crate root
        };
        for used in modules_used(text) {
            if used != module && modules.contains(&used) && !row.may_use.contains(&used) {
                found.push(format!("{module} → {used} ({rel})"));
            }
        }
        let code = code_outside_tests(text);
        for token in &row.tidy {
            if code.contains(token.as_str()) {
                found.push(format!("{module} uses `{token}` ({rel})"));
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

fn table() -> (BTreeMap<String, Row>, BTreeSet<String>) {
    let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    (layers(&architecture), declared_modules(&lib))
}

#[test]
fn every_module_keeps_to_its_row_of_the_layer_table() {
    let (rows, modules) = table();
    assert!(rows.len() >= 14, "the table was read: {:?}", rows.keys());
    let found = violations(&rows, &modules, &sources());
    assert!(
        found.is_empty(),
        "outside ARCHITECTURE.md's layer table:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_wrong_import_a_tidy_token_and_a_new_module_are_caught() {
    let (rows, mut modules) = table();
    let mut sources = sources();
    // `read` must know nothing about Altinn 3: an import of the emitter is a violation.
    sources.push(("read/oops.rs".into(), "use crate::emit::names;\n".into()));
    // A comment naming a module is no edge, and a test may do what the module may not.
    sources.push(("ir/fine.rs".into(), "// see crate::emit\n".into()));
    sources.push((
        "emit/tested.rs".into(),
        "fn f() {}\n#[cfg(test)]\nmod tests { fn g() { std::fs::read(\"x\"); } }\n".into(),
    ));
    // The emitter does no I/O.
    sources.push((
        "emit/io.rs".into(),
        "fn f() { let _ = std::fs::read(\"x\"); }\n".into(),
    ));
    modules.insert("newcomer".into());
    assert_eq!(
        violations(&rows, &modules, &sources),
        [
            "newcomer has no row in the layer table",
            "read → emit (read/oops.rs)",
            "emit uses `std::fs` (emit/io.rs)",
        ]
    );
}
