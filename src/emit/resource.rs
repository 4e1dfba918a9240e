//! Non-app services (correspondence, broker, link, collaboration): a Resource Registry
//! resource description with references to the Altinn II service and edition, and its policy,
//! as `<id>/<id>_resource.json` and `<id>/<id>_policy.xml`: the layout of an organisation's
//! resources repository that Studio's resource admin reads (Designer `RepositoryService.cs`).

use super::{App, json_bytes, policy, studio};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Lang, PartyType, Service, ServiceType};
use serde_json::json;
use std::collections::BTreeMap;

/// The Altinn 3 product and Resource Registry resource type for a non-app service.
fn product(kind: &ServiceType) -> (&'static str, &'static str) {
    match kind {
        ServiceType::Correspondence => ("the Altinn 3 Correspondence API", "CorrespondenceService"),
        ServiceType::Broker => ("Altinn 3 Broker", "BrokerService"),
        ServiceType::Link => (
            "a generic access resource in the Resource Registry",
            "GenericAccessResource",
        ),
        _ => (
            "Dialogporten or a set of apps (collaboration services have no direct counterpart)",
            "GenericAccessResource",
        ),
    }
}

pub fn emit(
    service: &Service,
    org: String,
    app: String,
    access_map: Option<&crate::access::AccessMap>,
) -> App {
    let (product, resource_type) = product(&service.identity.service_type);
    let identifier = format!("{org}-{app}");
    let texts_of = |text_type: &str| -> BTreeMap<Lang, String> {
        service
            .texts
            .iter()
            .filter(|t| t.text_type.eq_ignore_ascii_case(text_type) && t.lang != Lang::Se)
            .map(|t| (t.lang, t.value.clone()))
            .collect()
    };
    let dir = &identifier;
    let file = format!("{dir}/{dir}_resource.json");
    let mut diagnostics = Vec::new();
    let mut names = texts_of("ServiceName");
    if names.values().all(|v| v.trim().is_empty()) {
        names.insert(
            Lang::Nb,
            service.identity.name.clone().unwrap_or_else(|| app.clone()),
        );
    }
    let mut about = texts_of("ServiceEditionName");
    if about.values().all(|v| v.trim().is_empty()) {
        about = names.clone();
    }
    let title = studio::in_required_languages("resource's title", &names, &file, &mut diagnostics);
    let description =
        studio::in_required_languages("resource's description", &about, &file, &mut diagnostics);
    let contact_points = studio::contact_points(&file, &mut diagnostics);
    let mut references = Vec::new();
    for (reference, kind) in [
        (&service.identity.service_code, "ServiceCode"),
        (&service.identity.edition_code, "ServiceEditionCode"),
    ] {
        if let Some(code) = reference {
            references.push(
                json!({ "referenceSource": "Altinn2", "reference": code, "referenceType": kind }),
            );
        }
    }
    let party_types: Vec<&str> = service
        .edition
        .allowed_party_types
        .iter()
        .map(|p| match p {
            PartyType::Person => "PrivatePerson",
            PartyType::Organisation => "LegalEntityEnterprise",
            PartyType::SubUnit => "Company",
            PartyType::BankruptcyEstate => "BankruptcyEstate",
        })
        .collect();
    let mut resource = json!({
        "identifier": identifier,
        "title": title,
        "description": description,
        "rightDescription": studio::right_description(&title),
        "contactPoints": contact_points,
        "resourceType": resource_type,
        "status": "Completed",
        "hasCompetentAuthority": { "orgcode": org },
        "resourceReferences": references,
        "delegable": true,
        "visible": true,
        "accessListMode": "Disabled",
    });
    // No restriction in Altinn II means every party type; the registry wants them named.
    resource["availableForType"] = if party_types.is_empty() {
        json!([
            "PrivatePerson",
            "LegalEntityEnterprise",
            "Company",
            "BankruptcyEstate"
        ])
    } else {
        json!(party_types)
    };
    let (policy_xml, mut found) =
        policy::resource_policy(service, access_map, &identifier, Some(org.as_str()));
    diagnostics.append(&mut found);
    diagnostics.push(
        Diagnostic::new(
            Code::NotAnApp,
            format!(
                "a {:?} service is not an Altinn Studio app; it moves to {product}. A Resource Registry resource (`{file}`) and its policy were written instead, laid out as the organisation's resources repository in Studio holds them",
                service.identity.service_type
            ),
        )
        .in_file("manifest.xml"),
    );
    let files = BTreeMap::from([
        (file, json_bytes(&resource)),
        (format!("{dir}/{dir}_policy.xml"), policy_xml),
    ]);
    App {
        org,
        app,
        files,
        diagnostics,
        components: Vec::new(),
    }
}
