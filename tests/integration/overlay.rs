//! `convert --content-only` into an app repository laid out as Altinn Studio's template
//! makes it: git history, project files, code the owner wrote, the default model and page.

use crate::support::tree;
use crate::support::{json_codes, run, stderr, stdout, write_tree};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn git(repo: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "user.name=Studio",
            "-c",
            "user.email=studio@example.invalid",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const CS: &str = "namespace Altinn.App.Models.model\n{\n  public class model\n  {\n    public string property1 { get; set; }\n  }\n}\n";

/// A repository as Studio creates it for `ttd/min-app`, committed once.
pub fn studio_repository(repo: &Path) {
    let metadata = r#"{
  "id": "ttd/min-app",
  "org": "ttd",
  "title": { "nb": "min-app" },
  "dataTypes": [
    { "id": "ref-data-as-pdf", "allowedContentTypes": ["application/pdf"], "maxCount": 0, "minCount": 0 },
    { "id": "model", "allowedContentTypes": ["application/xml"], "appLogic": { "autoCreate": true, "classRef": "Altinn.App.Models.model.model" }, "taskId": "Task_1", "maxCount": 1, "minCount": 1 }
  ],
  "partyTypesAllowed": { "bankruptcyEstate": false, "organisation": false, "person": false, "subUnit": false }
}
"#;
    write_tree(
        repo,
        &[
            (
                "App/App.csproj",
                b"<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n",
            ),
            ("App/Program.cs", b"// the template's Program.cs\n"),
            (
                "App/logic/Calculator.cs",
                b"// the owner's own code\nclass Calculator {}\n",
            ),
            ("App/models/model.cs", CS.as_bytes()),
            (
                "App/models/model.schema.json",
                b"{\"properties\":{\"property1\":{\"type\":\"string\"}}}\n",
            ),
            (
                "App/models/model.xsd",
                b"<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n",
            ),
            ("App/config/applicationmetadata.json", metadata.as_bytes()),
            (
                "App/config/texts/resource.nb.json",
                b"{\"language\":\"nb\",\"resources\":[]}\n",
            ),
            (
                "App/ui/layout-sets.json",
                b"{\"sets\":[{\"id\":\"form\",\"dataType\":\"model\",\"tasks\":[\"Task_1\"]}]}\n",
            ),
            (
                "App/ui/form/layouts/Side1.json",
                b"{\"data\":{\"layout\":[]}}\n",
            ),
            (
                "App/ui/form/Settings.json",
                b"{\"pages\":{\"order\":[\"Side1\"]}}\n",
            ),
            ("README.md", b"# min-app\n"),
            (".gitignore", b"bin/\nobj/\n"),
        ],
    );
    git(repo, &["init", "-q"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "Created in Altinn Studio"]);
}

fn outside_content(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .filter(|(p, _)| {
            !tul2studio::write::overlay::CONTENT
                .iter()
                .any(|c| p.starts_with(c))
        })
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

fn overlay(repo: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "convert",
        "fixtures/ssb-ra9901",
        "-o",
        repo.to_str().unwrap(),
        "--content-only",
        "--format",
        "json",
    ];
    args.extend(extra);
    run(&args)
}

#[test]
fn a_studio_repository_takes_the_converted_content_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("min-app");
    studio_repository(&repo);
    let before = tree(&repo);
    // Without --content-only the refusal says which option fits.
    let refused = run(&[
        "convert",
        "fixtures/ssb-ra9901",
        "-o",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("add --content-only"),
        "{}",
        stderr(&refused)
    );

    let result = overlay(&repo, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let report: Value = serde_json::from_str(&stdout(&result)).unwrap();
    assert!(
        json_codes(&report["packages"][0]).contains(&"TUL0020"),
        "the names differ"
    );
    let after = tree(&repo);
    // Outside the content folders (the .git directory included) not a byte changed.
    assert_eq!(outside_content(&before), outside_content(&after));
    // The repository keeps its identity.
    let metadata: Value =
        serde_json::from_slice(&after["App/config/applicationmetadata.json"]).unwrap();
    assert_eq!(metadata["id"], "ttd/min-app");
    assert_eq!(metadata["org"], "ttd");
    let policy = String::from_utf8(after["App/config/authorization/policy.xml"].clone()).unwrap();
    assert!(
        policy.contains("app_ttd_min-app"),
        "policy id from the repository's names"
    );
    // The converted model and layouts are there; the template's model is gone and unnamed.
    assert!(after.contains_key("App/models/RA_9901_M.cs"));
    assert!(after.contains_key("App/ui/form/layouts/Side1.json"));
    for placeholder in [
        "App/models/model.cs",
        "App/models/model.schema.json",
        "App/models/model.xsd",
    ] {
        assert!(
            !after.contains_key(placeholder),
            "{placeholder} left behind"
        );
    }
    let types: Vec<&str> = metadata["dataTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(!types.contains(&"model"), "{types:?}");
    assert!(after.contains_key(tul2studio::write::overlay::RECORD));

    // A second run changes nothing.
    let again = overlay(&repo, &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(tree(&repo), after);

    // An edited converted file survives a re-run without --force, and is reported.
    let edited = repo.join("App/ui/form/layouts/Side2.json");
    std::fs::write(&edited, b"{\"data\":{\"layout\":[]}} \n").unwrap();
    let kept = overlay(&repo, &[]);
    assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
    assert!(stdout(&kept).contains("TUL0021"), "{}", stdout(&kept));
    assert_eq!(
        std::fs::read(&edited).unwrap(),
        b"{\"data\":{\"layout\":[]}} \n"
    );
    // --force replaces it.
    let forced = overlay(&repo, &["--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&edited).unwrap(),
        after["App/ui/form/layouts/Side2.json"]
    );
    // Code the owner wrote is never touched; no staging is left beside the repository.
    assert!(repo.join("App/logic/Calculator.cs").is_file());
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tul2studio"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn an_edited_template_model_is_kept_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("min-app");
    studio_repository(&repo);
    std::fs::write(
        repo.join("App/models/model.cs"),
        format!("{CS}// the owner's change\n"),
    )
    .unwrap();
    let result = overlay(&repo, &["--force"]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    // Code is never deleted, not even with --force.
    assert!(repo.join("App/models/model.cs").is_file());
    assert!(stdout(&result).contains("code is never deleted"));
}

#[test]
fn a_failing_write_leaves_the_repository_exactly_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("min-app");
    studio_repository(&repo);
    let before = tree(&repo);
    let (_, app) = tul2studio::convert_package(
        &crate::support::root().join("fixtures/ssb-ra9901"),
        &Default::default(),
        &tul2studio::emit::Options {
            content_only: true,
            identity: Some(("ttd".into(), "min-app".into())),
            ..Default::default()
        },
    );
    let files = app.unwrap().files;
    let plan = tul2studio::write::overlay::plan(&repo, &files, false);
    assert!(!plan.writes.is_empty() && !plan.removes.is_empty());
    // The staging of the 5th file fails.
    let mut n = 0;
    let failed = tul2studio::write::overlay::apply(&repo, &files, &plan, |path, bytes| {
        n += 1;
        if n == 5 {
            Err(std::io::Error::other("disk full"))
        } else {
            std::fs::write(path, bytes)
        }
    });
    assert!(failed.is_err());
    assert_eq!(tree(&repo), before);
    let beside = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(beside, 1, "nothing beside the repository");
}

#[test]
fn a_failure_while_moving_files_puts_every_file_back() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("min-app");
    studio_repository(&repo);
    // `App/options` is a file: the options files cannot be moved in, after App/config and
    // App/models already were.
    std::fs::write(repo.join("App/options"), b"in the way").unwrap();
    let before = tree(&repo);
    let result = overlay(&repo, &[]);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(stdout(&result).contains("TUL0011"), "{}", stdout(&result));
    assert_eq!(tree(&repo), before, "the repository is exactly as before");
    let beside = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(beside, 1, "nothing beside the repository");
}
