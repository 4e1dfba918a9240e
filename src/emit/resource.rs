//! Non-app services (correspondence, broker, link, collaboration): a Resource Registry
//! resource description with references to the Altinn II service and edition, and its policy.

use super::{App, json_bytes, policy};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Lang, PartyType, Service, ServiceType};
use serde_json::{Map, Value, json};
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
    let text_of = |text_type: &str| -> Map<String, Value> {
        service
            .texts
            .iter()
            .filter(|t| t.text_type.eq_ignore_ascii_case(text_type) && t.lang != Lang::Se)
            .map(|t| (t.lang.code().to_string(), json!(t.value)))
            .collect()
    };
    let mut title = text_of("ServiceName");
    if title.is_empty() {
        title.insert(
            "nb".into(),
            json!(service.identity.name.clone().unwrap_or_else(|| app.clone())),
        );
    }
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
        "description": text_of("ServiceEditionName"),
        "resourceType": resource_type,
        "status": "Completed",
        "hasCompetentAuthority": { "orgcode": org },
        "resourceReferences": references,
        "delegable": true,
        "visible": true,
        "accessListMode": "Disabled",
    });
    if !party_types.is_empty() {
        resource["availableForType"] = json!(party_types);
    }
    let (policy_xml, mut diagnostics) = policy::resource_policy(service, access_map, &identifier);
    diagnostics.push(
        Diagnostic::new(
            Code::NotAnApp,
            format!(
                "a {:?} service is not an Altinn Studio app; it moves to {product}. A Resource Registry resource (`resource.json`) and its policy were written instead",
                service.identity.service_type
            ),
        )
        .in_file("manifest.xml"),
    );
    let files = BTreeMap::from([
        ("resource.json".to_string(), json_bytes(&resource)),
        ("policy.xml".to_string(), policy_xml),
    ]);
    App {
        org,
        app,
        files,
        diagnostics,
    }
}
