//! `convert` end to end: every emitted JSON file validates against the official Altinn
//! schemas, every binding and text key resolves, the output is pinned by snapshots and is
//! byte-identical on re-run.

use crate::support::{
    fixtures, json_codes, root, run, shared, stderr, stdout, tree, xml_valid, xmllint,
};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn convert(name: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let fixture = format!("fixtures/{name}");
    let mut args = vec!["convert", fixture.as_str(), "-o", out.to_str().unwrap()];
    args.extend(extra);
    run(&args)
}

/// Fixtures that are form services (the others give no app).
fn app_fixtures() -> Vec<String> {
    fixtures()
        .into_iter()
        .filter(|f| f != "nav-vedtaksbrev")
        .collect()
}

/// Validators for the Altinn schemas in ../shared, registered by `$id`.
struct Schemas {
    registry: jsonschema::Registry<'static>,
}

impl Schemas {
    fn load(shared: &Path) -> Schemas {
        let dir = shared.join("schemas/altinn");
        let mut registry = jsonschema::Registry::new();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let id = schema["$id"].as_str().unwrap().to_string();
            registry = registry.add(id, schema).unwrap();
        }
        Schemas {
            registry: registry.prepare().unwrap(),
        }
    }

    fn check(&self, schema_id: &str, file: &str, value: &Value) {
        let validator = jsonschema::options()
            .with_registry(&self.registry)
            .build(&json!({ "$ref": schema_id }))
            .unwrap_or_else(|e| panic!("schema {schema_id}: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{file} fails {schema_id}:\n{}",
            errors.join("\n")
        );
    }
}

const CDN: &str = "https://altinncdn.no/schemas/json";

fn schema_for(path: &str) -> Option<String> {
    Some(match path {
        p if p.starts_with("App/ui/") && p.contains("/layouts/") => {
            format!("{CDN}/layout/layout.schema.v1.json")
        }
        "App/ui/layout-sets.json" => format!("{CDN}/layout/layout-sets.schema.v1.json"),
        "App/ui/footer.json" => format!("{CDN}/layout/footer.schema.v1.json"),
        p if p.starts_with("App/ui/") && p.ends_with("/Settings.json") => {
            format!("{CDN}/layout/layoutSettings.schema.v1.json")
        }
        "App/config/applicationmetadata.json" => {
            format!("{CDN}/application/application-metadata.schema.v1.json")
        }
        p if p.starts_with("App/config/texts/") => {
            format!("{CDN}/text-resources/text-resources.schema.v1.json")
        }
        p if p.ends_with(".prefill.json") => format!("{CDN}/prefill/prefill.schema.v1.json"),
        _ => return None,
    })
}

#[test]
fn emitted_json_validates_against_the_altinn_schemas() {
    let Some(shared) = shared() else { return };
    let schemas = Schemas::load(&shared);
    let tmp = tempfile::tempdir().unwrap();
    for name in app_fixtures() {
        let out = tmp.path().join(&name);
        let result = convert(&name, &out, &[]);
        assert!(out.is_dir(), "{name}: {}", stderr(&result));
        let mut checked = 0;
        for (path, bytes) in tree(&out) {
            if !path.ends_with(".json") || path == ".tul2studio.json" {
                continue;
            }
            let value: Value =
                serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}/{path}: {e}"));
            if let Some(schema) = schema_for(&path) {
                schemas.check(&schema, &format!("{name}/{path}"), &value);
                checked += 1;
            } else if path.starts_with("App/options/") {
                let wrapper = format!("{CDN}/layout/layout.schema.v1.json#/definitions/IRawOption");
                for item in value.as_array().unwrap() {
                    schemas.check(&wrapper, &format!("{name}/{path}"), item);
                }
                checked += 1;
            } else if path.ends_with(".schema.json") {
                assert!(
                    jsonschema::meta::is_valid(&value),
                    "{name}/{path} is not a valid JSON Schema"
                );
                checked += 1;
            }
        }
        assert!(checked >= 8, "{name}: only {checked} files checked");
    }
}

/// (layout file, value) pairs.
type Refs = Vec<(String, String)>;

/// All `dataModelBindings` values, text keys and options ids of the layouts.
fn layout_refs(files: &BTreeMap<String, Vec<u8>>) -> (Refs, Refs, Refs) {
    let mut bindings = Vec::new();
    let mut texts = Vec::new();
    let mut options = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.contains("/layouts/")) {
        let layout: Value = serde_json::from_slice(bytes).unwrap();
        for c in layout["data"]["layout"].as_array().unwrap() {
            for b in c["dataModelBindings"]
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
            {
                bindings.push((path.clone(), b.as_str().unwrap().to_string()));
            }
            for (role, t) in c["textResourceBindings"].as_object().into_iter().flatten() {
                if let Some(key) = t.as_str().filter(|_| role != "target") {
                    texts.push((path.clone(), key.to_string()));
                }
            }
            if let Some(id) = c["optionsId"].as_str() {
                options.push((path.clone(), id.to_string()));
            }
        }
    }
    (bindings, texts, options)
}

/// Follows a local `$ref` (`#/$defs/name`) and a root `oneOf` of one `$ref`, as the frontend
/// and Studio do.
pub fn deref<'a>(schema: &'a Value, mut node: &'a Value) -> &'a Value {
    loop {
        if let Some(r) = node["$ref"].as_str() {
            let name = r.strip_prefix("#/$defs/").expect("a local $defs reference");
            node = &schema["$defs"][name];
        } else if let Some([only]) = node["oneOf"].as_array().map(Vec::as_slice) {
            node = only;
        } else {
            return node;
        }
    }
}

/// Does a dotted binding resolve in the emitted JSON schema?
fn resolves(schema: &Value, path: &str) -> bool {
    let mut node = deref(schema, schema);
    for part in path.split('.') {
        if node["type"] == "array" {
            node = deref(schema, &node["items"]);
        }
        match node["properties"].get(part) {
            Some(next) => node = deref(schema, next),
            None => return false,
        }
    }
    true
}

#[test]
fn bindings_texts_ids_and_options_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    for name in app_fixtures() {
        let out = tmp.path().join(&name);
        let result = convert(&name, &out, &["--format", "json"]);
        let report: Value = serde_json::from_str(&stdout(&result)).unwrap();
        let codes = json_codes(&report["packages"][0]);
        let files = tree(&out);
        let schema_path = files
            .keys()
            .find(|p| p.ends_with(".schema.json"))
            .unwrap()
            .clone();
        let schema: Value = serde_json::from_slice(&files[&schema_path]).unwrap();
        let (bindings, texts, options) = layout_refs(&files);
        assert!(!bindings.is_empty(), "{name}");
        for (page, binding) in &bindings {
            assert!(
                resolves(&schema, binding),
                "{name} {page}: binding `{binding}` not in {schema_path}"
            );
        }
        let languages: Vec<&String> = files
            .keys()
            .filter(|p| p.starts_with("App/config/texts/"))
            .collect();
        assert!(!languages.is_empty());
        for lang in languages {
            let doc: Value = serde_json::from_slice(&files[lang]).unwrap();
            let keys: BTreeSet<&str> = doc["resources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap())
                .collect();
            for (page, key) in &texts {
                assert!(
                    keys.contains(key.as_str()),
                    "{name} {page}: text `{key}` missing from {lang}"
                );
            }
            assert!(keys.contains("appName"));
        }
        // Every options id has a file (frontend.rs checks the providers of the others).
        for (page, id) in &options {
            let file = format!("App/options/{id}.json");
            assert!(
                files.contains_key(&file) || codes.contains(&"TUL1216"),
                "{name} {page}: options `{id}` neither emitted nor a common code list"
            );
        }
        // Ids: valid pattern, unique across the layout set.
        let mut ids = BTreeSet::new();
        for (path, bytes) in files.iter().filter(|(p, _)| p.contains("/layouts/")) {
            let layout: Value = serde_json::from_slice(bytes).unwrap();
            for c in layout["data"]["layout"].as_array().unwrap() {
                let id = c["id"].as_str().unwrap();
                assert!(
                    tul2studio::emit::names::is_component_id(id),
                    "{name} {path}: bad id {id}"
                );
                assert!(
                    ids.insert(id.to_string()),
                    "{name} {path}: duplicate id {id}"
                );
            }
        }
        // Settings order = layout files.
        let settings: Value = serde_json::from_slice(&files["App/ui/form/Settings.json"]).unwrap();
        let order: BTreeSet<String> = settings["pages"]["order"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("App/ui/form/layouts/{}.json", p.as_str().unwrap()))
            .collect();
        let pages: BTreeSet<String> = files
            .keys()
            .filter(|p| p.starts_with("App/ui/form/layouts/"))
            .cloned()
            .collect();
        assert_eq!(order, pages, "{name}");
    }
}

/// One snapshot per emitted file (`app-<fixture>@<path>`), so a change shows where it is;
/// every mismatch is reported, not only the first.
#[test]
fn the_emitted_apps_are_pinned() {
    let tmp = tempfile::tempdir().unwrap();
    let mut mismatched = Vec::new();
    for name in app_fixtures() {
        let out = tmp.path().join(&name);
        convert(&name, &out, &[]);
        for (path, bytes) in tree(&out) {
            let text = match std::str::from_utf8(&bytes) {
                Ok(s) => s.to_string(),
                Err(_) => format!("({} bytes)", bytes.len()),
            };
            let snapshot = format!("app-{name}@{}", path.replace('/', "__"));
            let result = std::panic::catch_unwind(|| {
                insta::assert_snapshot!(snapshot.clone(), text);
            });
            if result.is_err() {
                mismatched.push(snapshot);
            }
        }
    }
    assert!(mismatched.is_empty(), "snapshots differ: {mismatched:?}");
}

#[test]
fn output_is_byte_identical_on_rerun_and_respects_foreign_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    assert_eq!(convert("skd-rf1399", &a, &[]).status.code(), Some(0));
    assert_eq!(convert("skd-rf1399", &b, &[]).status.code(), Some(0));
    assert_eq!(tree(&a), tree(&b));
    // Its own output is replaced without --force.
    assert_eq!(convert("skd-rf1399", &a, &[]).status.code(), Some(0));
    assert_eq!(tree(&a), tree(&b));
    // Someone else's directory is never replaced, not even with --force.
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let refused = convert("skd-rf1399", &foreign, extra);
        assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
        assert!(stderr(&refused).contains("TUL0011"));
        assert_eq!(
            std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "mine"
        );
    }
    // Our own output, edited by hand since: kept unless --force.
    std::fs::write(a.join("App/notes.md"), "porting notes").unwrap();
    let edited = convert("skd-rf1399", &a, &[]);
    assert_eq!(edited.status.code(), Some(2), "{}", stderr(&edited));
    assert!(
        stderr(&edited).contains("App/notes.md"),
        "{}",
        stderr(&edited)
    );
    assert!(a.join("App/notes.md").exists());
    assert_eq!(
        convert("skd-rf1399", &a, &["--force"]).status.code(),
        Some(0)
    );
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn an_output_inside_the_input_is_refused() {
    let test = crate::builder::Test::fixture("ssb-ra9901");
    let package = test.input();
    for inside in [
        package.join("out"),
        package.join("form/../app"),
        package.clone(),
    ] {
        let output = run(&[
            "convert",
            package.to_str().unwrap(),
            "-o",
            inside.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("inside the input package"),
            "{}",
            stderr(&output)
        );
    }
    assert!(!package.join("out").exists() && !package.join("app").exists());
}

#[test]
fn content_only_writes_the_four_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("c");
    convert("ssb-ra9901", &out, &["--content-only"]);
    for path in tree(&out).keys().filter(|p| *p != ".tul2studio.json") {
        assert!(
            ["App/config/", "App/ui/", "App/models/", "App/options/"]
                .iter()
                .any(|k| path.starts_with(k)),
            "{path}"
        );
    }
    assert!(out.join("App/ui/layout-sets.json").is_file());
}

/// The rules the Resource Registry's model and Studio's resource admin apply to a resource
/// (there is no official JSON Schema). Fields and enums: Designer `Models/ServiceResource.cs`
/// (the registry's model as Studio reads it); completeness: resourceadm
/// `utils/resourceUtils/resourceUtils.ts` (`validateResource`, `getValidIdentifierPrefixes`).
fn resource_findings(resource: &Value, org: &str) -> Vec<String> {
    const FIELDS: &[&str] = &[
        "identifier",
        "version",
        "title",
        "description",
        "rightDescription",
        "homepage",
        "status",
        "spatial",
        "contactPoints",
        "produces",
        "isPartOf",
        "thematicArea",
        "resourceReferences",
        "delegable",
        "visible",
        "hasCompetentAuthority",
        "keywords",
        "accessListMode",
        "selfIdentifiedUserEnabled",
        "enterpriseUserEnabled",
        "resourceType",
        "availableForType",
        "consentTemplate",
        "consentText",
        "consentMetadata",
        "isOneTimeConsent",
    ];
    const TYPES: &[&str] = &[
        "GenericAccessResource",
        "Systemresource",
        "MaskinportenSchema",
        "BrokerService",
        "CorrespondenceService",
        "Consent",
    ];
    const STATUS: &[&str] = &["Completed", "Deprecated", "UnderDevelopment", "Withdrawn"];
    const PARTIES: &[&str] = &[
        "PrivatePerson",
        "LegalEntityEnterprise",
        "Company",
        "BankruptcyEstate",
        "SelfRegisteredUser",
    ];
    let mut found = Vec::new();
    for key in resource.as_object().unwrap().keys() {
        if !FIELDS.contains(&key.as_str()) {
            found.push(format!("`{key}` is no field of a service resource"));
        }
    }
    let id = resource["identifier"].as_str().unwrap_or("");
    if !(id.starts_with(&format!("{org}-")) || id.starts_with(&format!("{org}_"))) {
        found.push(format!("identifier `{id}` does not start with `{org}-`"));
    }
    if !TYPES.contains(&resource["resourceType"].as_str().unwrap_or("")) {
        found.push("resourceType is not one Studio knows".into());
    }
    if !STATUS.contains(&resource["status"].as_str().unwrap_or("")) {
        found.push("status is not one Studio knows".into());
    }
    let mut texts = vec!["title", "description"];
    if resource["delegable"] != false {
        texts.push("rightDescription");
    }
    for field in texts {
        for lang in ["nb", "nn", "en"] {
            if resource[field][lang]
                .as_str()
                .is_none_or(|t| t.trim().is_empty())
            {
                found.push(format!("{field} has no {lang} text"));
            }
        }
    }
    let parties = resource["availableForType"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if parties.is_empty()
        || parties
            .iter()
            .any(|p| !PARTIES.contains(&p.as_str().unwrap_or("")))
    {
        found.push("availableForType is empty or names an unknown party type".into());
    }
    let contacts = resource["contactPoints"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let filled = |c: &Value| {
        ["category", "email", "telephone", "contactPage"]
            .iter()
            .any(|k| c[k].as_str().is_some_and(|v| !v.is_empty()))
    };
    if contacts.is_empty() || !contacts.iter().all(filled) {
        found.push("contactPoints is empty or has an empty entry".into());
    }
    if resource["hasCompetentAuthority"]["orgcode"] != org {
        found.push("hasCompetentAuthority.orgcode is not the owner".into());
    }
    found
}

#[test]
fn a_correspondence_service_gives_a_resource_not_an_app() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("n");
    let result = convert("nav-vedtaksbrev", &out, &["--format", "json"]);
    assert_eq!(result.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout(&result)).unwrap();
    assert_eq!(report["packages"][0]["output"], out.display().to_string());
    assert!(json_codes(&report["packages"][0]).contains(&"TUL5011"));
    let files = tree(&out);
    assert!(
        !files.keys().any(|p| p.starts_with("App/")),
        "{:?}",
        files.keys()
    );
    // The layout of the organisation's resources repository: <id>/<id>_resource.json.
    let id = "nav-vedtaksbrev-om-dagpenger";
    let resource_file = format!("{id}/{id}_resource.json");
    let policy_file = format!("{id}/{id}_policy.xml");
    let resource: Value = serde_json::from_slice(&files[&resource_file]).unwrap();
    assert_eq!(resource["resourceType"], "CorrespondenceService");
    let findings = resource_findings(&resource, "nav");
    assert!(findings.is_empty(), "{findings:?}");
    let refs: Vec<(&str, &str)> = resource["resourceReferences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["referenceType"].as_str().unwrap(),
                r["reference"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(refs, [("ServiceCode", "5123"), ("ServiceEditionCode", "1")]);
    let policy = String::from_utf8(files[&policy_file].clone()).unwrap();
    assert!(policy.contains("urn:altinn:resource") && policy.contains(">priv<"));
    // The owner sends: a rule for `urn:altinn:org` with `write`.
    assert!(policy.contains("The service owner sends correspondence"));
    if let Some(shared) = shared()
        && xmllint().is_some()
    {
        xml_valid(
            &shared,
            "xacml3/xacml-core-v3-schema-wd-17.xsd",
            &out.join(&policy_file),
        )
        .unwrap();
    }
    for (path, bytes) in files.iter().filter(|(p, _)| !p.starts_with('.')) {
        let snapshot = format!("resource-nav-vedtaksbrev@{}", path.replace('/', "__"));
        insta::assert_snapshot!(snapshot, String::from_utf8_lossy(bytes));
    }
}

#[test]
fn the_resource_rules_catch_an_incomplete_resource() {
    let good = json!({
        "identifier": "nav-x", "resourceType": "CorrespondenceService", "status": "Completed",
        "title": { "nb": "a", "nn": "a", "en": "a" }, "description": { "nb": "a", "nn": "a", "en": "a" },
        "rightDescription": { "nb": "a", "nn": "a", "en": "a" }, "delegable": true,
        "availableForType": ["Company"], "contactPoints": [{ "category": "Support" }],
        "hasCompetentAuthority": { "orgcode": "nav" },
    });
    assert!(resource_findings(&good, "nav").is_empty());
    for (field, bad) in [
        ("identifier", json!("x-nav")),
        ("resourceType", json!("Letter")),
        ("title", json!({ "nb": "a" })),
        ("rightDescription", json!({})),
        ("availableForType", json!([])),
        ("contactPoints", json!([{ "email": "" }])),
        ("tittel", json!("unknown field")),
    ] {
        let mut broken = good.clone();
        broken[field] = bad;
        assert!(!resource_findings(&broken, "nav").is_empty(), "{field}");
    }
}

#[test]
fn an_access_map_puts_confirmed_packages_in_the_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let map = tmp.path().join("map.json");
    std::fs::write(
        &map,
        r#"{"roles": {"UTINN": {"packages": ["skatt-naering"], "confirmed": true, "note": "statistics reporting"},
                      "REGNA": {"packages": ["urn:altinn:accesspackage:regnskap-okonomi-rapport"]}}}"#,
    )
    .unwrap();
    let out = tmp.path().join("a");
    let result = convert(
        "ssb-ra9901",
        &out,
        &["--format", "json", "--access-map", map.to_str().unwrap()],
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let report: Value = serde_json::from_str(&stdout(&result)).unwrap();
    let codes = json_codes(&report["packages"][0]);
    assert!(
        codes.contains(&"TUL3013"),
        "REGNA is unconfirmed: {codes:?}"
    );
    assert!(
        !codes.contains(&"TUL3010") && !codes.contains(&"TUL3009"),
        "{codes:?}"
    );
    let policy = std::fs::read_to_string(out.join("App/config/authorization/policy.xml")).unwrap();
    for package in ["skatt-naering", "regnskap-okonomi-rapport"] {
        assert!(
            policy.contains(&format!(">{package}</xacml:AttributeValue>")),
            "{package}"
        );
    }
    assert!(policy.contains("urn:altinn:accesspackage"));
    // A broken map is a usage error.
    std::fs::write(&map, r#"{"roles": {"UTINN": {"packages": ["nope"]}}}"#).unwrap();
    let bad = convert(
        "ssb-ra9901",
        &tmp.path().join("b"),
        &["--access-map", map.to_str().unwrap()],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("TUL0012"));
}

#[test]
fn the_readme_command_converts_a_fixture() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let first = readme.lines().find(|l| l.starts_with("cargo run")).unwrap();
    assert!(first.contains(" convert fixtures/"), "{first}");
}

#[test]
fn policy_and_process_validate_against_xacml_and_bpmn() {
    let Some(shared) = shared() else { return };
    let Some(()) = xmllint() else { return };
    let tmp = tempfile::tempdir().unwrap();
    for name in app_fixtures() {
        let out = tmp.path().join(&name);
        convert(&name, &out, &[]);
        for (file, schema) in [
            (
                "App/config/authorization/policy.xml",
                "xacml3/xacml-core-v3-schema-wd-17.xsd",
            ),
            ("App/config/process/process.bpmn", "bpmn20/BPMN20.xsd"),
        ] {
            if let Err(e) = xml_valid(&shared, schema, &out.join(file)) {
                panic!("{name}/{file}: {e}");
            }
        }
    }
}

#[test]
fn imported_schemas_are_written_beside_the_model_unless_their_name_clashes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("app");
    convert("brg-kitchen-sink", &out, &[]);
    let import = out.join("App/models/altinn_namespace.xsd");
    assert!(import.is_file(), "the imported schema is written");
    let model = std::fs::read_to_string(out.join("App/models/Melding.xsd")).unwrap();
    assert!(model.contains("schemaLocation=\"altinn_namespace.xsd\""));

    // The same package with the imported schema named like the model's own file.
    let clash =
        crate::catalogue::with_an_import_named_like_the_model().convert(&["--format", "json"]);
    let report = clash.json();
    let clashing = clash.path("out");
    assert!(json_codes(&report["packages"][0]).contains(&"TUL2009"));
    // The model's own schema is the one written.
    let written = std::fs::read_to_string(clashing.join("App/models/Melding.xsd")).unwrap();
    assert!(written.contains("name=\"Melding\""));
}

#[test]
fn a_code_list_not_in_the_package_gets_a_placeholder_options_file() {
    let tmp = tempfile::tempdir().unwrap();
    let ran =
        crate::catalogue::with_a_code_list_not_in_the_package().convert(&["--format", "json"]);
    let report = ran.json();
    let out = ran.path("out");
    let codes = json_codes(&report["packages"][0]);
    assert!(
        codes.contains(&"TUL1214") && !codes.contains(&"TUL1216"),
        "{codes:?}"
    );
    let options: Value = serde_json::from_slice(
        &std::fs::read(out.join("App/options/ssb-bransjeregister.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(options[0]["value"], tul2studio::emit::layout::PLACEHOLDER);
    // No common code list, so no package reference and no registration.
    let program = std::fs::read_to_string(out.join("App/Program.cs")).unwrap();
    assert!(!program.contains("AddAltinnCodelists"));
    // The original uses Altinn's list for industry codes, registered and referenced.
    let common = tmp.path().join("common");
    convert("ssb-ra9901", &common, &[]);
    let program = std::fs::read_to_string(common.join("App/Program.cs")).unwrap();
    assert!(program.contains("AddAltinnCodelists(services);"));
    let csproj = std::fs::read_to_string(common.join("App/App.csproj")).unwrap();
    assert!(csproj.contains("Include=\"Altinn.Codelists\""));
}

#[test]
fn a_form_track_becomes_page_visibility() {
    let ran = crate::catalogue::with_a_form_track().convert(&["--format", "json"]);
    let report = ran.json();
    let out = ran.path("out");
    let codes = json_codes(&report["packages"][0]);
    // Side2 is converted; the receipt page is no layout, and says so.
    assert!(
        codes.contains(&"TUL1217") && codes.contains(&"TUL1309"),
        "{codes:?}"
    );
    let side2: Value =
        serde_json::from_slice(&std::fs::read(out.join("App/ui/form/layouts/Side2.json")).unwrap())
            .unwrap();
    assert_eq!(
        side2["data"]["hidden"],
        json!([
            "not",
            ["equals", ["dataModel", "Skjemadata.harEndring"], "ja"]
        ])
    );
    let side1: Value =
        serde_json::from_slice(&std::fs::read(out.join("App/ui/form/layouts/Side1.json")).unwrap())
            .unwrap();
    assert!(
        side1["data"].get("hidden").is_none(),
        "the page the track is on shows"
    );
    if let Some(shared) = shared() {
        let schemas = Schemas::load(&shared);
        schemas.check(
            &format!("{CDN}/layout/layout.schema.v1.json"),
            "Side2.json",
            &side2,
        );
    }
}

#[test]
fn a_data_object_schema_the_manifest_names_is_not_unused() {
    // The schema of the code-list data source, which manifest.xsf names.
    let schema = "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"/>\n";
    let report = crate::builder::Test::fixture("ssb-ra9901")
        .file("form/1044/skjema.xsn/GetCodeList_Naering.xsd", schema)
        .file("form/1033/skjema.xsn/GetCodeList_Naering.xsd", schema)
        .args(&["check", "{input}", "--format", "json"])
        .run()
        .json();
    let unused: Vec<&str> = report["packages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "TUL1310")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        !unused.is_empty(),
        "the test needs the other unused member (hjelp.gif)"
    );
    assert!(
        unused
            .iter()
            .all(|m| !m.contains("GetCodeList_Naering.xsd")),
        "{unused:?}"
    );
}

/// SARIF regions start at line 1; a finding about a signing step's roles once said line 0.
#[test]
fn every_sarif_region_starts_at_line_one_or_later() {
    for name in fixtures() {
        let out = run(&["check", &format!("fixtures/{name}"), "--format", "sarif"]);
        let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let mut regions = 0;
        for result in doc["runs"][0]["results"].as_array().unwrap() {
            for loc in result["locations"].as_array().into_iter().flatten() {
                if let Some(line) = loc["physicalLocation"]["region"]["startLine"].as_i64() {
                    assert!(line >= 1, "{name}: {result}");
                    regions += 1;
                }
            }
        }
        assert!(
            regions > 0 || name == "nav-vedtaksbrev",
            "{name}: no region to check"
        );
    }
}

/// A finding about a signing step's role points at the step, from line 1 (it once said 0).
#[test]
fn a_signing_step_role_has_a_valid_sarif_region() {
    let workflow = "workflow.xml";
    let ran = crate::builder::Test::fixture("brg-kitchen-sink")
        .edit(workflow, |text| text.replace(">REVI<", ">ZZKODE<"))
        .args(&["check", "{input}", "--format", "sarif"])
        .run();
    let step_line = std::fs::read_to_string(ran.path("input/workflow.xml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("<Step activityId=\"3\""))
        .unwrap()
        + 1;
    let doc = ran.json();
    let region = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["message"]["text"].as_str().unwrap().contains("ZZKODE"))
        .flat_map(|r| r["locations"].as_array().unwrap().clone())
        .map(|l| l["physicalLocation"].clone())
        .find(|p| {
            p["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(workflow)
        })
        .expect("a finding about the step's role, in the workflow file");
    assert_eq!(region["region"]["startLine"], step_line, "{region}");
}
