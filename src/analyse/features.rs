//! Features of the service that have no automatic Altinn 3 counterpart, each reported with its
//! own code where it stands, and the completeness pass: template members and texts that no
//! stage used. Together they make the report complete: nothing disappears silently.

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::ir::form::{ConnectionSource, ControlKind, DesignerPurpose};
use crate::ir::{ActivityType, EditionFeature, Form, PageType, Service, Setting};
use std::collections::BTreeSet;

pub fn features(service: &Service) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    edition(service, &mut out);
    texts(service, &mut out);
    signing(service, &mut out);
    if let Some(form) = &service.form {
        logic(form, &mut out);
        pages(form, &mut out);
        if let Some(prefill) = &form.prefill {
            for name in &prefill.predefined_definitions {
                out.push(
                    Diagnostic::new(Code::PrefillNotMapped, format!("predefined prefill `{name}` is a TUL prefill package; set the fields in code at instantiation"))
                        .in_file(prefill.file.clone()),
                );
            }
        }
        completeness(service, form, &mut out);
    }
    out
}

/// The code of an edition feature: none of them has an automatic Altinn 3 counterpart.
fn code_of(feature: EditionFeature) -> Code {
    match feature {
        EditionFeature::MasterService => Code::MasterService,
        EditionFeature::Encryption => Code::EncryptedData,
        EditionFeature::ReceiptEmail => Code::ReceiptEmail,
        EditionFeature::SplitData => Code::SplitData,
        EditionFeature::CustomUrl => Code::CustomUrl,
        EditionFeature::PreInstantiationControl => Code::PreInstantiationControl,
        EditionFeature::GeographicAccess => Code::GeographicAccess,
        EditionFeature::IntegrityCheck => Code::IntegrityCheck,
        EditionFeature::EndUserSystemRules => Code::SbsSetting,
        EditionFeature::EnterpriseUsersBlocked => Code::EnterpriseUsers,
        EditionFeature::Consent => Code::Consent,
        EditionFeature::Notifications => Code::Notifications,
        EditionFeature::FormSet => Code::SubForms,
    }
}

fn edition(service: &Service, out: &mut Vec<Diagnostic>) {
    for used in &service.features {
        let code = code_of(used.feature);
        let message = match &used.setting {
            Setting::Parameter { name, value } => format!(
                "edition parameter `{name}` = `{value}`: {}",
                code.rule().summary
            ),
            Setting::DataArea => "the Notification data area holds notification settings; they are not part of an app".to_string(),
            Setting::File { name } => format!(
                "`{name}` defines a form set (sub-forms, shared data source); it was not converted"
            ),
        };
        out.push(Diagnostic::new(code, message).at(used.at.clone()));
    }
}

fn texts(service: &Service, out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for t in &service.texts {
        let code = match t.text_type.to_ascii_lowercase().as_str() {
            "receiptemailtext" => Code::ReceiptEmail,
            "accessconsentdescription" | "accessconsentdetails" => Code::Consent,
            _ => continue,
        };
        if seen.insert((code, t.text_type.clone())) {
            out.push(
                Diagnostic::new(code, format!("{} text: \"{}\"", t.text_type, t.value))
                    .at((&t.origin).into()),
            );
        }
    }
}

fn signing(service: &Service, out: &mut Vec<Diagnostic>) {
    for step in service
        .workflow
        .iter()
        .flat_map(|w| &w.steps)
        .filter(|s| s.activity_type == ActivityType::Signing)
    {
        for p in &step.properties {
            let lower = p.name.to_ascii_lowercase();
            if [
                "uniquesigners",
                "notsignedbefore",
                "usercontrolledsigning",
                "numberofsignatures",
            ]
            .contains(&lower.as_str())
            {
                out.push(
                    Diagnostic::new(
                        Code::SigningRule,
                        format!(
                            "signing step `{}` sets `{}` = `{}`",
                            step.activity_id, p.name, p.value
                        ),
                    )
                    .at((&step.origin).into()),
                );
            }
        }
    }
}

fn logic(form: &Form, out: &mut Vec<Diagnostic>) {
    let logic = &form.logic;
    for set in &logic.rule_sets {
        for rule in &set.rules {
            let actions: Vec<String> = rule
                .actions
                .iter()
                .map(|a| match (&a.target, &a.expression) {
                    (Some(t), Some(e)) => format!("{} {t} = {}", a.kind, e.source),
                    (Some(t), None) => format!("{} {t}", a.kind),
                    _ => a.kind.clone(),
                })
                .collect();
            let when = rule
                .condition
                .as_ref()
                .map(|c| format!(" when `{}`", c.source))
                .unwrap_or_default();
            let on = if set.triggers.is_empty() {
                String::new()
            } else {
                format!(" (on change of {})", set.triggers.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Code::FormRule,
                    format!(
                        "rule \"{}\"{when}{on}: {}",
                        rule.caption,
                        actions.join("; ")
                    ),
                )
                .at((&rule.origin).into()),
            );
        }
    }
    for calc in &logic.calculations {
        out.push(
            Diagnostic::new(
                Code::Calculation,
                format!(
                    "`{}` is calculated as `{}`",
                    calc.target, calc.expression.source
                ),
            )
            .at((&calc.origin).into()),
        );
    }
    for v in &logic.validations {
        let message = v
            .message
            .values()
            .next()
            .or(v.short_message.values().next())
            .cloned()
            .unwrap_or_default();
        let kind = if v.soft {
            "soft validation (warning)"
        } else {
            "validation"
        };
        out.push(
            Diagnostic::new(
                Code::ValidationRule,
                format!(
                    "{kind} on `{}` when `{}`: \"{message}\"",
                    v.field, v.condition.source
                ),
            )
            .at((&v.origin).into()),
        );
    }
    if let Some(assembly) = &logic.managed_code {
        let file = form
            .templates
            .first()
            .map(|t| format!("{}!manifest.xsf", t.file))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(Code::FormCode, format!("form code assembly `{assembly}`"))
                .in_file(file),
        );
    }
    for c in &logic.data_connections {
        let (code, what) = match &c.source {
            ConnectionSource::CodeList { .. } | ConnectionSource::FieldAuthorization => continue,
            ConnectionSource::WebService { url, operation }
                if url.to_ascii_lowercase().contains("lookup")
                    || operation.to_ascii_lowercase().contains("lookup") =>
            {
                (
                    Code::LookupService,
                    format!("web service `{operation}` at {url}"),
                )
            }
            ConnectionSource::WebService { url, operation } => (
                Code::DataConnection,
                format!("web service `{operation}` at {url}"),
            ),
            ConnectionSource::XmlFile { file } => {
                (Code::DataConnection, format!("XML file `{file}`"))
            }
            ConnectionSource::Other { adapter } => {
                (Code::DataConnection, format!("a `{adapter}` source"))
            }
        };
        out.push(
            Diagnostic::new(code, format!("data connection `{}` reads {what}", c.name))
                .at((&c.origin).into()),
        );
    }
}

fn pages(form: &Form, out: &mut Vec<Diagnostic>) {
    for page in &form.pages {
        if page.page_type == PageType::Sensitive {
            out.push(
                Diagnostic::new(
                    Code::EncryptedData,
                    format!(
                        "page `{}` holds sensitive data encrypted end to end (SPO)",
                        page.name
                    ),
                )
                .at((&page.origin).into()),
            );
        }
        for (name, value) in &page.properties {
            let lower = name.to_ascii_lowercase();
            if lower.contains("right") || lower.contains("authoriz") {
                out.push(
                    Diagnostic::new(
                        Code::PageRights,
                        format!("page `{}` sets `{name}` = `{value}`", page.name),
                    )
                    .at((&page.origin).into()),
                );
            }
        }
    }
}

/// Template members and texts that no stage used.
fn completeness(service: &Service, form: &Form, out: &mut Vec<Diagnostic>) {
    let mut used: BTreeSet<String> = ["manifest.xsf", "template.xml"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    used.extend(form.pages.iter().filter_map(|p| p.transform.clone()));
    if let Some(model) = &form.model {
        used.extend(model.files.iter().cloned());
    }
    used.extend(
        form.logic
            .data_connections
            .iter()
            .flat_map(|c| c.query.iter().chain(&c.members).cloned()),
    );
    used.extend(form.logic.managed_code.iter().cloned());
    used.extend(form.logic.schemas.iter().cloned());
    let controls: Vec<_> = form
        .pages
        .iter()
        .flat_map(|p| &p.controls)
        .flat_map(|c| c.walk())
        .collect();
    for c in &controls {
        if let ControlKind::Image { src } = &c.kind {
            used.insert(src.rsplit('/').next().unwrap_or(src).to_string());
        }
    }
    let used: BTreeSet<String> = used.into_iter().map(|u| u.to_lowercase()).collect();
    for template in &form.templates {
        if template
            .members
            .iter()
            .any(|m| m.name.eq_ignore_ascii_case("formSet.xsd"))
        {
            out.push(
                Diagnostic::new(Code::SubForms, "the template has formSet.xsd: the form is part of a form set (sub-forms or a shared data source)")
                    .in_file(format!("{}!formSet.xsd", template.file)),
            );
        }
        let designer = |name: &str| {
            form.logic
                .designer_files
                .iter()
                .find(|d| d.member.eq_ignore_ascii_case(name))
        };
        for member in &template.members {
            if let Some(file) = designer(&member.name) {
                let message = match file.purpose {
                    DesignerPurpose::VersionUpgrade => format!(
                        "`{}` upgrades forms saved with an older version of the InfoPath template; an app has no such saves",
                        member.name
                    ),
                    DesignerPurpose::SampleData => format!(
                        "`{}` is the data InfoPath Designer shows while the form is designed; the app does not need it",
                        member.name
                    ),
                };
                out.push(
                    Diagnostic::new(Code::InfoPathOnlyMember, message)
                        .in_file(format!("{}!{}", template.file, member.name)),
                );
            }
        }
        let unused: Vec<&str> = template
            .members
            .iter()
            .map(|m| m.name.as_str())
            .filter(|n| {
                !used.contains(&n.to_lowercase())
                    && !n.eq_ignore_ascii_case("formSet.xsd")
                    && designer(n).is_none()
            })
            .collect();
        if !unused.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::UnusedTemplateMember,
                    format!(
                        "{} member(s) of the template were not used: {}",
                        unused.len(),
                        unused.join(", ")
                    ),
                )
                .at(Location::file(template.file.clone())),
            );
        }
    }
    // Texts: what the emitter uses, by type; help texts only when a control refers to them.
    let helps: BTreeSet<&str> = controls.iter().filter_map(|c| c.help.as_deref()).collect();
    let pages: BTreeSet<String> = form
        .pages
        .iter()
        .filter(|p| p.page_type == PageType::Form)
        .map(|p| p.name.to_lowercase())
        .collect();
    let mut reported = BTreeSet::new();
    for t in &service.texts {
        let kind = t.text_type.to_ascii_lowercase();
        let used = match kind.as_str() {
            "servicename" | "serviceeditionname" | "receipttext" | "receiptinformationtext" => true,
            "receiptemailtext" | "accessconsentdescription" | "accessconsentdetails" => true, // reported as features
            "pagedisplayname" => pages.contains(&t.text_code.to_lowercase()),
            "helptext" => helps.contains(t.text_code.as_str()),
            _ => false,
        };
        if !used && reported.insert((kind.clone(), t.text_code.clone())) {
            out.push(
                Diagnostic::new(
                    Code::UnusedText,
                    format!(
                        "{} text `{}` (\"{}\") is not used in the app",
                        t.text_type, t.text_code, t.value
                    ),
                )
                .at((&t.origin).into()),
            );
        }
    }
}
