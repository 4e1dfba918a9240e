//! The subjects of an Altinn 3 rule for one role code: the role itself and the access
//! packages that certainly replace it, with what the owner must know. `convert` (the emitted
//! policy) and `policy upgrade` (existing policies) share it, so both grant the same.

use super::{Candidate, Confidence, RoleKind, RoleMapping, knowledge};
use crate::diagnostics::Code;

/// A subject of an Altinn 3 rule: `(attribute id, value)`.
pub type Subject = (String, String);

/// The subjects of a role code (`code` as written) given its mapping, and the findings.
pub fn subjects_of(mapping: &RoleMapping, code: &str) -> (Vec<Subject>, Vec<(Code, String)>) {
    let mut found: Vec<(Code, String)> = Vec::new();
    let role_subject = (
        "urn:altinn:rolecode".to_string(),
        mapping.code.to_lowercase(),
    );
    let mut subjects = Vec::new();
    let kind = mapping.role.as_ref().map(|r| r.kind);
    let high: Vec<&Candidate> = mapping
        .candidates
        .iter()
        .filter(|c| c.confidence.is_high())
        .collect();
    let from_map = high
        .iter()
        .any(|c| matches!(c.confidence, Confidence::Confirmed | Confidence::AccessMap));
    // ER roles keep working and their holders already have the packages: the role is enough,
    // unless the owner mapped it explicitly.
    if matches!(
        kind,
        Some(RoleKind::Er | RoleKind::Altinn3 | RoleKind::Guardianship)
    ) && !from_map
    {
        return (vec![role_subject], Vec::new());
    }
    for candidate in &high {
        // A package the list in use does not hold grants nobody: never written.
        let Some(package) = knowledge().packages.get(&candidate.package) else {
            found.push((
                Code::UnknownPackage,
                format!(
                    "`{}` (for role {}) is not in the access data in use; it was left out",
                    candidate.package, mapping.code
                ),
            ));
            continue;
        };
        if package.service_owner_usable {
            subjects.push((
                "urn:altinn:accesspackage".to_string(),
                candidate.package.clone(),
            ));
        } else {
            found.push((
                Code::PackageNotForServiceOwners,
                format!(
                    "`{}` (for role {}) may not be used in service policies; it was left out",
                    candidate.package, mapping.code
                ),
            ));
        }
    }
    if high.iter().any(|c| c.confidence == Confidence::AccessMap) {
        found.push((
            Code::UnconfirmedAccessMap,
            format!(
                "the access map's packages for {} are not confirmed",
                mapping.code
            ),
        ));
    }
    match kind {
        Some(RoleKind::Altinn2) => {
            let low: Vec<&Candidate> = mapping
                .candidates
                .iter()
                .filter(|c| !c.confidence.is_high())
                .collect();
            if high.is_empty() && !low.is_empty() {
                let list: Vec<String> = low.iter().map(|c| c.package.clone()).collect();
                found.push((
                    Code::LowConfidenceMapping,
                    format!(
                        "Altinn II role {} has {} candidate packages ({}: {}); none was written. Confirm the right ones with --access-map: {{\"roles\": {{\"{}\": {{\"packages\": [\"{}\"], \"confirmed\": true}}}}}}",
                        mapping.code,
                        list.len(),
                        low[0].confidence.name(),
                        list.join(", "),
                        mapping.code,
                        list[0]
                    ),
                ));
            } else if high.is_empty() {
                found.push((
                    Code::NoPackageForRole,
                    format!("Altinn II role {}: {}", mapping.code, mapping.note),
                ));
            }
            let packages: Vec<&str> = subjects.iter().map(|s| s.1.as_str()).collect();
            found.push((
                Code::Altinn2RoleDeadline,
                if packages.is_empty() {
                    format!("Altinn II role {} is kept in the policy without an access package; it stops working on 1 January 2027", mapping.code)
                } else {
                    format!("Altinn II role {} is kept beside the access package(s) {}; the role stops working on 1 January 2027", mapping.code, packages.join(", "))
                },
            ));
        }
        None if !from_map => found.push((
            Code::UnknownRole,
            format!("role code `{code}` is not known to Altinn 3; it is kept as written"),
        )),
        _ => {}
    }
    subjects.push(role_subject);
    (subjects, found)
}
