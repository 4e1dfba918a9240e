//! `batch` over a mixed directory: good packages converted, broken ones reported, the exit
//! code from the contract, and the same result whatever the number of workers.

use crate::builder::Test;
use crate::support::tree;
use crate::support::{json_codes, root, run, stderr, stdout, write_tree};
use serde_json::Value;

/// A catalogue: two generated packages, the fixtures' form services packed as zips, a
/// correspondence service, a truncated zip and a package with a broken manifest.
fn catalogue(dir: &std::path::Path) {
    for (name, bytes) in tul2studio::generate::catalogue(2, 11) {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    for name in ["ssb-ra9901", "skd-rf1399"] {
        let bytes = tul2studio::pack::pack_dir(&root().join("fixtures").join(name)).unwrap();
        std::fs::write(dir.join(format!("{name}.zip")), bytes).unwrap();
    }
    let nav = tul2studio::pack::pack_dir(&root().join("fixtures/nav-vedtaksbrev")).unwrap();
    std::fs::write(dir.join("nested-nav.zip"), &nav).unwrap();
    std::fs::write(dir.join("truncated.zip"), &nav[..nav.len() / 3]).unwrap();
    write_tree(
        &dir.join("broken"),
        &[("manifest.xml", b"<ServiceEditionVersion><DataAreas>")],
    );
    std::fs::write(dir.join("notes.txt"), "not a package").unwrap();
}

fn batch(
    input: &std::path::Path,
    out: &std::path::Path,
    jobs: &str,
) -> (Option<i32>, Value, String) {
    let result = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        jobs,
        "--format",
        "json",
    ]);
    let text = stdout(&result).replace(&out.display().to_string(), "<out>");
    (
        result.status.code(),
        serde_json::from_str(&text).unwrap(),
        stderr(&result),
    )
}

#[test]
fn a_mixed_catalogue_converts_what_it_can_in_a_stable_order() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    catalogue(&input);
    let (code1, report1, summary) = batch(&input, &tmp.path().join("one"), "1");
    let (code2, report2, _) = batch(&input, &tmp.path().join("two"), "2");
    assert_eq!(code1, Some(1), "a failed package fails the run: {summary}");
    assert_eq!(code2, Some(1));
    assert_eq!(report1, report2, "the same report with 1 or 2 workers");
    assert_eq!(
        tree(&tmp.path().join("one")),
        tree(&tmp.path().join("two")),
        "the same files"
    );
    let packages = report1["packages"].as_array().unwrap();
    let inputs: Vec<&str> = packages
        .iter()
        .map(|p| p["input"].as_str().unwrap())
        .collect();
    let mut sorted = inputs.clone();
    sorted.sort();
    assert_eq!(inputs, sorted, "results in input order");
    assert_eq!(packages.len(), 7, "notes.txt is not a package: {inputs:?}");
    let by_name = |needle: &str| {
        packages
            .iter()
            .find(|p| p["input"].as_str().unwrap().contains(needle))
            .unwrap()
    };
    for good in ["ssb-ra9901", "skd-rf1399", "nested-nav"] {
        assert!(by_name(good)["output"].is_string(), "{good}");
    }
    for bad in ["truncated", "broken"] {
        let p = by_name(bad);
        assert!(
            p["output"].is_null() && p["counts"]["error"].as_u64().unwrap() > 0,
            "{bad}"
        );
    }
    assert!(
        tmp.path()
            .join("one/ssb-ra-9901/App/config/applicationmetadata.json")
            .is_file()
    );
    assert!(
        tmp.path()
            .join("one/nav-vedtaksbrev-om-dagpenger/nav-vedtaksbrev-om-dagpenger/nav-vedtaksbrev-om-dagpenger_resource.json")
            .is_file()
    );
    for line in ["converted", "with warnings", "failed", "not an app"] {
        assert!(summary.contains(line), "{summary}");
    }
}

#[test]
fn colliding_outputs_are_reported_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let bytes = tul2studio::pack::pack_dir(&root().join("fixtures/skd-rf1399")).unwrap();
    write_tree(&input, &[("a.zip", &bytes), ("b.zip", &bytes)]);
    let (code, report, _) = batch(&input, &tmp.path().join("out"), "2");
    assert_eq!(code, Some(1));
    let packages = report["packages"].as_array().unwrap();
    assert!(packages[0]["output"].is_string());
    assert!(packages[1]["output"].is_null());
    assert!(json_codes(&packages[1]).contains(&"TUL0013"));
}

#[test]
fn globs_and_unreadable_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, bytes) in tul2studio::generate::catalogue(3, 5) {
        std::fs::write(input.join(name), bytes).unwrap();
    }
    let pattern = format!("{}/*.zip", input.display());
    let out = tmp.path().join("out");
    let result = run(&[
        "batch",
        &pattern,
        "-o",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&stdout(&result)).unwrap();
    assert_eq!(report["packages"].as_array().unwrap().len(), 3);
    let missing = run(&[
        "batch",
        tmp.path().join("nope").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_panic_in_one_package_spares_the_others() {
    let catalogue = tul2studio::generate::catalogue(3, 9);
    let victim = catalogue
        .iter()
        .map(|(name, _)| name.clone())
        .min()
        .unwrap();
    let ran = catalogue
        .iter()
        .fold(Test::new(), |test, (name, bytes)| test.file(name, bytes))
        .planted_panic(&victim)
        .args(&[
            "batch",
            "{input}",
            "-o",
            "{scratch}/out",
            "--format",
            "json",
        ])
        .run();
    ran.exits(1);
    let report = ran.json();
    let packages = report["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 3);
    assert!(json_codes(&packages[0]).contains(&"TUL0014"));
    assert!(packages[1]["output"].is_string() && packages[2]["output"].is_string());
}

#[test]
fn an_output_inside_an_input_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("catalogue");
    std::fs::create_dir_all(&input).unwrap();
    catalogue(&input);
    let out = input.join("apps");
    let result = run(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("inside the input"),
        "{}",
        stderr(&result)
    );
    assert!(!out.exists());
}
