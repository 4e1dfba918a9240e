//! The authored fixtures: their model (snapshots), their diagnostics, and the same result
//! whether a fixture is read unpacked or packed into a zip with real cabinets.

use crate::support::{codes, fixtures, render_human, root};
use tul2studio::check_package;
use tul2studio::ir::{Action, ActivityType, Lang, PageType, PartyType, ServiceType};
use tul2studio::read::package::Limits;

fn read(name: &str) -> tul2studio::read::ReadOutcome {
    check_package(&root().join("fixtures").join(name), &Limits::default())
}

#[test]
fn there_are_at_least_four_fixtures() {
    assert!(fixtures().len() >= 4, "{:?}", fixtures());
}

#[test]
fn model_of_every_fixture() {
    for name in fixtures() {
        let outcome = read(&name);
        let service = outcome.service.expect("fixture reads into a service");
        insta::assert_json_snapshot!(format!("ir-{name}"), service);
    }
}

#[test]
fn diagnostics_of_every_fixture() {
    for name in fixtures() {
        insta::assert_snapshot!(format!("diagnostics-{name}"), render_human(read(&name)));
    }
}

#[test]
fn zip_and_directory_give_the_same_model() {
    let tmp = tempfile::tempdir().unwrap();
    for name in fixtures() {
        let zip = tmp.path().join(format!("{name}.zip"));
        let bytes = tul2studio::pack::pack_dir(&root().join("fixtures").join(&name)).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        std::fs::write(&zip, bytes).unwrap();
        let from_zip = check_package(&zip, &Limits::default());
        let from_dir = read(&name);
        assert_eq!(codes(&from_zip), codes(&from_dir), "{name}");
        let mut zipped = serde_json::to_value(from_zip.service.unwrap()).unwrap();
        let unpacked = serde_json::to_value(from_dir.service.unwrap()).unwrap();
        // The only difference allowed: how the form templates were stored.
        let templates = zipped
            .get_mut("form")
            .and_then(|f| f.get_mut("templates"))
            .and_then(|t| t.as_array_mut());
        for t in templates.into_iter().flatten() {
            assert_eq!(t["storage"], "mszip", "{name}");
            t["storage"] = "unpacked".into();
        }
        assert_eq!(zipped, unpacked, "{name}");
    }
}

#[test]
fn seres_service_reads_pages_rules_and_workflow() {
    let outcome = read("ssb-ra9901");
    assert_no_errors(&outcome);
    let s = outcome.service.unwrap();
    assert_eq!(s.identity.owner_code.as_deref(), Some("SSB"));
    assert_eq!(s.identity.edition_code.as_deref(), Some("260101"));
    assert_eq!(s.identity.last_updated.as_deref(), Some("2026-02-14"));
    assert_eq!(s.languages, [Lang::Nb, Lang::En]);
    assert_eq!(s.edition.security_level, Some(3));
    assert_eq!(
        s.edition.allowed_party_types,
        [PartyType::Organisation, PartyType::SubUnit]
    );
    let form = s.form.unwrap();
    // Sorted by Sequence, not file order; the receipt keeps its type.
    let pages: Vec<_> = form
        .pages
        .iter()
        .map(|p| (p.name.as_str(), p.page_type.clone()))
        .collect();
    assert_eq!(
        pages,
        [
            ("Side1", PageType::Form),
            ("Side2", PageType::Form),
            ("Kvittering", PageType::Receipt)
        ]
    );
    assert_eq!(form.templates.len(), 2);
    for t in &form.templates {
        for member in [
            "manifest.xsf",
            "view1.xsl",
            "view2.xsl",
            "view3.xsl",
            "myschema.xsd",
            "RA-9901_M.xsd",
        ] {
            assert!(t.member(member).is_some(), "{member} in {}", t.file);
        }
    }
    assert_eq!(form.prefill.as_ref().unwrap().fields.len(), 6);
    let auth = s.authorization.unwrap();
    let sign = auth
        .rules
        .iter()
        .find(|r| r.actions == [Action::Sign])
        .unwrap();
    let signers: Vec<_> = sign
        .subjects
        .iter()
        .map(|s| (s.role_codes[0].as_str(), s.authentication_level))
        .collect();
    assert_eq!(signers, [("DAGL", Some(3))]);
    let steps: Vec<_> = s
        .workflow
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.activity_type)
        .collect();
    assert_eq!(
        steps,
        [
            ActivityType::FormFilling,
            ActivityType::Signing,
            ActivityType::SendIn
        ]
    );
    assert_eq!(
        s.attachment_types[0].allowed_extensions.as_deref(),
        Some(&["pdf".into(), "xlsx".into(), "csv".into()][..])
    );
}

#[test]
fn or_service_has_four_languages_and_templates() {
    let outcome = read("skd-rf1399");
    assert_no_errors(&outcome);
    let s = outcome.service.unwrap();
    assert_eq!(s.languages, Lang::ALL);
    let form = s.form.unwrap();
    let langs: Vec<_> = form.templates.iter().map(|t| t.lang).collect();
    assert_eq!(langs, Lang::ALL);
    // The CDATA help text comes through as text.
    let help = s
        .texts
        .iter()
        .find(|t| t.text_type == "HelpText" && t.lang == Lang::Se)
        .unwrap();
    assert_eq!(help.value, "<p>Olmmoš gii ohcá.</p>");
}

#[test]
fn correspondence_service_has_no_form() {
    let outcome = read("nav-vedtaksbrev");
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let s = outcome.service.unwrap();
    assert_eq!(s.identity.service_type, ServiceType::Correspondence);
    assert!(s.form.is_none());
    assert_eq!(s.languages, [Lang::Nb, Lang::Nn]);
}

#[test]
fn kitchen_sink_reports_every_unconvertible_feature() {
    let outcome = read("brg-kitchen-sink");
    let found = codes(&outcome);
    for code in [
        "TUL0008", "TUL0104", "TUL0107", "TUL1004", "TUL1006", "TUL1007", "TUL3001", "TUL3002",
        "TUL3003", "TUL4001", "TUL4003", "TUL5001", "TUL5003", "TUL5004", "TUL5005", "TUL5008",
    ] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
    let s = outcome.service.unwrap();
    // Unknown edition parameters are kept, not dropped.
    assert_eq!(
        s.edition
            .parameters
            .get("MasterServiceEdition")
            .map(String::as_str),
        Some("true")
    );
    // The Delegate action survives for the policy stage to report.
    assert!(
        s.authorization
            .unwrap()
            .rules
            .iter()
            .any(|r| r.actions.contains(&Action::Delegate))
    );
    assert_eq!(s.edition.valid_to.as_deref(), Some("2026-12-31"));
}

#[test]
fn the_fixtures_exercise_every_control_kind() {
    use std::collections::BTreeSet;
    let mut seen = BTreeSet::new();
    let mut multiline = false;
    let mut read_only = false;
    let mut formatted = false;
    let mut code_list = false;
    let mut static_options = false;
    let mut header_labels = false;
    for name in fixtures() {
        let service = read(&name).service.unwrap();
        let Some(form) = service.form else { continue };
        for page in &form.pages {
            for c in page.controls.iter().flat_map(|c| c.walk()) {
                seen.insert(
                    serde_json::to_value(&c.kind).unwrap()["type"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                );
                multiline |=
                    c.kind == tul2studio::ir::form::ControlKind::TextBox { multiline: true };
                read_only |= c.read_only && c.binding.is_some();
                formatted |= c.format.is_some();
                code_list |= c.options_source.is_some();
                static_options |= !c.options.is_empty();
                if c.kind == tul2studio::ir::form::ControlKind::RepeatingTable {
                    header_labels |= c.children.iter().all(|child| !child.label.is_empty());
                }
            }
        }
    }
    for kind in [
        "textBox",
        "datePicker",
        "dropdown",
        "listBox",
        "comboBox",
        "optionButtons",
        "checkBox",
        "multiSelectList",
        "richText",
        "expression",
        "text",
        "hyperlink",
        "image",
        "fileAttachment",
        "button",
        "section",
        "optionalSection",
        "repeatingSection",
        "repeatingTable",
    ] {
        assert!(
            seen.contains(kind),
            "no fixture has a {kind}; seen {seen:?}"
        );
    }
    assert!(multiline && read_only && formatted && code_list && static_options && header_labels);
}

#[test]
fn texts_attach_by_proximity_in_every_language() {
    let form = read("ssb-ra9901").service.unwrap().form.unwrap();
    let side2 = &form.pages[1].controls;
    let find = |id: &str| {
        side2
            .iter()
            .flat_map(|c| c.walk())
            .find(|c| c.id == id)
            .unwrap()
            .clone()
    };
    // Label from the cell before, help from the button after, in both languages.
    let turnover = find("CTRL22");
    assert_eq!(turnover.label[&Lang::Nb], "Omsetning i kvartalet (kr)");
    assert_eq!(turnover.label[&Lang::En], "Turnover in the quarter (NOK)");
    assert_eq!(turnover.help.as_deref(), Some("HelpText_Omsetning"));
    assert_eq!(
        turnover.binding.as_ref().unwrap().path,
        "/melding/Skjemadata/omsetning"
    );
    // Option labels from the text right after each radio.
    let changed = find("CTRL26");
    let labels: Vec<_> = changed
        .options
        .iter()
        .map(|o| (o.value.as_str(), o.label[&Lang::En].as_str()))
        .collect();
    assert_eq!(labels, [("ja", "Yes"), ("nei", "No")]);
    // The date row hides unless the answer is yes.
    let date = find("CTRL31");
    assert_eq!(
        date.conditions[0].effect,
        tul2studio::ir::form::ConditionEffect::HideWhen
    );
    assert_eq!(
        date.conditions[0].when.source,
        "Skjemadata/harEndring != \"ja\""
    );
    assert!(date.conditions[0].when.expr.is_some());
    // Column headers label the repeating table's fields.
    let amount = find("CTRL36");
    assert_eq!(amount.label[&Lang::Nb], "Beløp");
    // A heading alone above a field labels it.
    assert_eq!(find("CTRL38").label[&Lang::En], "Comment");
}

#[test]
fn models_and_logic_of_the_fixtures() {
    let ssb = read("ssb-ra9901").service.unwrap().form.unwrap();
    let model = ssb.model.as_ref().unwrap();
    assert_eq!(model.kind, tul2studio::ir::model::ModelKind::Seres);
    let lines = model.find("/melding/Skjemadata/Varelinje").unwrap();
    assert_eq!(lines.max_occurs, None);
    let quarter = model
        .find("/melding/InternInformasjon/periodeKvartal")
        .unwrap();
    assert_eq!(quarter.restrictions.enumeration, ["1", "2", "3", "4"]);
    let soft: Vec<_> = ssb.logic.validations.iter().map(|v| v.soft).collect();
    assert_eq!(soft, [true, false]);
    assert_eq!(
        ssb.logic.validations[0].message[&Lang::En],
        "The business has employees but no turnover. Is this correct?"
    );
    let or = read("skd-rf1399").service.unwrap().form.unwrap();
    let model = or.model.as_ref().unwrap();
    assert_eq!(model.kind, tul2studio::ir::model::ModelKind::Or);
    let field = model
        .find("/Skjema/Frist-grp-5802/FristOnsket-datadef-30512")
        .unwrap();
    assert!(field.simple_content);
    assert_eq!(field.value_type.as_deref(), Some("date"));
    assert_eq!(
        model
            .find("/Skjema/Frist-grp-5802/FristOnsket-datadef-30512/@orid")
            .unwrap()
            .fixed
            .as_deref(),
        Some("30512")
    );
    assert_eq!(field.texts.label[&Lang::Nb], "Ønsket ny frist");
    assert_eq!(
        field.texts.help[&Lang::Nb],
        "Fristen kan utsettes med inntil en måned."
    );
    let sink = read("brg-kitchen-sink").service.unwrap().form.unwrap();
    assert_eq!(sink.logic.managed_code.as_deref(), Some("FormCode.dll"));
    assert_eq!(
        sink.logic.calculations[0].expression.source,
        "my:Kapital * 0.001 + 250"
    );
}

#[test]
fn every_unconvertible_feature_is_reported_where_it_stands() {
    let outcome = read("brg-kitchen-sink");
    let emitted = tul2studio::convert_package(
        &root().join("fixtures/brg-kitchen-sink"),
        &Limits::default(),
        &Default::default(),
    )
    .0;
    let found: Vec<(&str, String, Option<u32>)> = outcome
        .diagnostics
        .iter()
        .chain(&emitted.diagnostics)
        .map(|d| {
            let loc = d.location.as_ref();
            (
                d.code.as_str(),
                loc.map(|l| l.file.clone()).unwrap_or_default(),
                loc.and_then(|l| l.line).map(|l| l.get()),
            )
        })
        .collect();
    let view = "form/1044/skjema.xsn!view1.xsl";
    let xsf = "form/1044/skjema.xsn!manifest.xsf";
    // (code, file, line): one per feature of the fixture, checked against its source.
    let expected: &[(&str, &str, Option<u32>)] = &[
        ("TUL5013", "manifest.xml", Some(26)),        // master edition
        ("TUL5014", "manifest.xml", Some(27)),        // encrypted attachments
        ("TUL5017", "manifest.xml", Some(29)),        // receipt e-mail
        ("TUL5012", "manifest.xml", Some(30)),        // split data
        ("TUL5015", "manifest.xml", Some(31)),        // custom URL
        ("TUL5016", "manifest.xml", Some(32)),        // pre-instantiation control
        ("TUL5021", "manifest.xml", Some(33)),        // geographic access
        ("TUL5020", "manifest.xml", Some(34)),        // integrity check
        ("TUL5022", "manifest.xml", Some(35)),        // SBS-only setting
        ("TUL5023", "manifest.xml", Some(36)),        // enterprise users
        ("TUL5019", "manifest.xml", Some(37)),        // consent
        ("TUL1308", "manifest.xml", Some(47)),        // form set file
        ("TUL5018", "manifest.xml", Some(67)),        // notifications
        ("TUL5014", "form/formpages.xml", Some(10)),  // sensitive page
        ("TUL1307", "form/formpages.xml", Some(3)),   // page rights
        ("TUL1309", "form/formtrack.xml", Some(3)),   // form track
        ("TUL1215", "form/prefill.xml", Some(4)),     // ER context
        ("TUL1301", xsf, Some(53)),                   // rule with a lookup
        ("TUL1302", xsf, Some(49)),                   // calculated field
        ("TUL1306", xsf, Some(33)),                   // lookup-service mapper
        ("TUL1304", xsf, None),                       // code-behind assembly
        ("TUL1212", view, Some(14)),                  // field-level authorization
        ("TUL1101", view, Some(54)),                  // unknown control
        ("TUL1202", view, Some(65)),                  // helper field
        ("TUL1211", view, Some(66)),                  // button with rules
        ("TUL1205", view, Some(59)),                  // rich text
        ("TUL1206", view, Some(34)),                  // combo box
        ("TUL1210", view, Some(50)),                  // file attachment in the data
        ("TUL4006", "workflow.xml", Some(7)),         // unique signers
        ("TUL4004", "workflow.xml", Some(19)),        // payment
        ("TUL3005", "security/rules.xml", Some(138)), // deny rule
        ("TUL3006", "security/rules.xml", Some(4)),   // Delegate
        ("TUL0008", "notes/README.txt", None),        // a file nobody names
        ("TUL5003", "manifest.xml", Some(38)),        // a parameter the reader does not know
        ("TUL5004", "manifest.xml", Some(70)),
        ("TUL5005", "manifest.xml", Some(48)), // a file type the reader does not know // a data area the reader does not know
    ];
    for (code, file, line) in expected {
        assert!(
            found
                .iter()
                .any(|(c, f, l)| c == code && f == file && l == line),
            "{code} at {file}:{line:?} not found in {found:?}"
        );
    }
}

fn assert_no_errors(outcome: &tul2studio::read::ReadOutcome) {
    assert!(
        outcome
            .diagnostics
            .iter()
            .all(|d| d.severity != tul2studio::diagnostics::Severity::Error),
        "{:?}",
        outcome.diagnostics
    );
}
