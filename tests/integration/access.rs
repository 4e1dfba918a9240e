//! The compiled access-package tables agree with the shared research data they were
//! transcribed from (Altinn/altinn-authorization-tmp@f7ff53bd), once the 2026-12 update is
//! applied: the renames of `data/access/renames.tsv` and the names they brought.

use crate::support::shared;
use serde_json::Value;
use tul2studio::access::{Confidence, knowledge, map_role};

/// A package code of the research data as it is named now.
fn now(code: &str) -> String {
    knowledge()
        .renames
        .get(code)
        .map(|(new, _)| new.clone())
        .unwrap_or_else(|| code.to_string())
}

fn load(name: &str) -> Option<Vec<Value>> {
    let shared = shared()?;
    let path = shared.join(format!("data/access-packages/derived/{name}.json"));
    Some(serde_json::from_slice::<Vec<Value>>(&std::fs::read(path).unwrap()).unwrap())
}

#[test]
fn packages_match_the_shared_data() {
    let Some(packages) = load("access-packages") else {
        return;
    };
    let k = knowledge();
    assert_eq!(k.packages.len(), packages.len());
    for p in &packages {
        let old = p["code"].as_str().unwrap();
        let code = now(old);
        let ours = &k.packages[&code];
        if code == old {
            assert_eq!(
                ours.name_nb,
                p["name_nb"].as_str().unwrap().trim(),
                "{code}"
            );
        }
        assert_eq!(
            ours.service_owner_usable,
            p["is_available_for_service_owners"].as_bool().unwrap(),
            "{code}"
        );
    }
}

#[test]
fn altinn2_mappings_match_the_shared_data() {
    let Some(rows) = load("altinn2-role-to-access-package") else {
        return;
    };
    for row in &rows {
        let code = row["altinn2_role_code"].as_str().unwrap();
        let mapping = map_role(code, None);
        let expected: Vec<String> = row["access_package_urns"]
            .as_str()
            .unwrap()
            .split(';')
            .filter(|u| !u.is_empty())
            .map(|u| now(u.rsplit(':').next().unwrap()))
            .collect();
        let ours: Vec<String> = mapping
            .candidates
            .iter()
            .map(|c| c.package.clone())
            .collect();
        assert_eq!(ours, expected, "{code}");
        let kind = row["mapping_kind"].as_str().unwrap();
        if let Some(c) = mapping.candidates.first() {
            assert_eq!(c.confidence.name(), kind, "{code}");
        } else {
            assert_eq!(kind, "none", "{code}");
        }
    }
}

#[test]
fn er_roles_hold_their_official_packages() {
    let Some(rows) = load("er-role-to-access-package") else {
        return;
    };
    let dagl: Vec<String> = rows
        .iter()
        .filter(|r| {
            r["role_legacy_code"] == "DAGL"
                && r["has_access"] == true
                && r["entity_variant"].is_null()
        })
        .map(|r| {
            r["package_urn"]
                .as_str()
                .unwrap()
                .rsplit(':')
                .next()
                .unwrap()
        })
        .map(now)
        .collect();
    let mapping = map_role("dagl", None);
    assert_eq!(mapping.candidates.len(), dagl.len());
    assert!(
        mapping
            .candidates
            .iter()
            .all(|c| c.confidence == Confidence::OfficialErRole && dagl.contains(&c.package))
    );
}
