//! `--access-data FILE`: a newer access-package list, as Altinn's access-management
//! metadata API publishes it, so an owner can use the live list without a new release.
//!
//! Two shapes are read (see `data/access/README.md`):
//! - the export (`GET /accessmanagement/api/v1/meta/info/accesspackages/export`): an array of
//!   area groups, each with `areas`, each with `packages`;
//! - a plain array of packages (what the package search and group endpoints list).
//!
//! A package is the API's `PackageDto`: `urn` (`urn:altinn:accesspackage:<code>`), `name`,
//! `description`, `isDelegable`, `isAssignable`, `isResourcePolicyAvailable` (may be used in
//! service policies), `area` (an `AreaDto` with `name`) and `type` (a `TypeDto` whose `name`
//! says organisation or person). Names come in one language (the request's Accept-Language);
//! where a package is also in the built-in list, its other languages are kept from there.

use super::Package;
use serde_json::Value;
use std::collections::BTreeMap;

const URN: &str = "urn:altinn:accesspackage:";

/// The packages of the file, and whether it is older than the built-in list (it still names
/// packages by the names the rename table retired).
#[derive(Debug)]
pub struct Loaded {
    pub packages: BTreeMap<String, Package>,
    pub retired_names: Vec<String>,
}

pub fn parse(
    text: &str,
    built_in: &BTreeMap<String, Package>,
    renames: &BTreeMap<String, (String, String)>,
) -> Result<Loaded, String> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    let Some(items) = doc.as_array() else {
        return Err("expected a JSON array (the export's area groups, or packages)".into());
    };
    let mut dtos: Vec<(&Value, Option<&str>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.get("urn").is_some() && item.get("areas").is_none() {
            dtos.push((item, None));
            continue;
        }
        let Some(areas) = item.get("areas").and_then(Value::as_array) else {
            return Err(format!(
                "item {i} is neither a package (with `urn`) nor an area group (with `areas`)"
            ));
        };
        for area in areas {
            let name = area.get("name").and_then(Value::as_str);
            for package in area
                .get("packages")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                dtos.push((package, name));
            }
        }
    }
    let mut packages = BTreeMap::new();
    for (dto, area_name) in dtos {
        let urn = dto.get("urn").and_then(Value::as_str).unwrap_or("");
        let Some(code) = urn.strip_prefix(URN).filter(|c| !c.is_empty()) else {
            return Err(format!(
                "package `{}` has the URN `{urn}`, not {URN}<code>",
                text_of(dto, "name")
            ));
        };
        let code = super::package_key(code);
        let known = built_in.get(&code);
        let name = text_of(dto, "name");
        let flag =
            |key: &str, fallback: bool| dto.get(key).and_then(Value::as_bool).unwrap_or(fallback);
        let type_name = dto
            .get("type")
            .and_then(|t| t.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let package = Package {
            code: code.clone(),
            urn: format!("{URN}{code}"),
            name_nb: if name.is_empty() {
                known.map(|k| k.name_nb.clone()).unwrap_or_default()
            } else {
                name.clone()
            },
            name_nn: known
                .map(|k| k.name_nn.clone())
                .unwrap_or_else(|| name.clone()),
            name_en: known
                .map(|k| k.name_en.clone())
                .unwrap_or_else(|| name.clone()),
            area: dto
                .get("area")
                .and_then(|a| a.get("name"))
                .and_then(Value::as_str)
                .or(area_name)
                .map(str::to_string)
                .or_else(|| known.map(|k| k.area.clone()))
                .unwrap_or_default(),
            for_persons: if type_name.is_empty() {
                known.is_some_and(|k| k.for_persons)
            } else {
                type_name.to_lowercase().contains("person")
            },
            service_owner_usable: flag(
                "isResourcePolicyAvailable",
                known.is_none_or(|k| k.service_owner_usable),
            ),
            delegable: flag("isDelegable", known.is_none_or(|k| k.delegable)),
        };
        packages.insert(code, package);
    }
    if packages.is_empty() {
        return Err("the file lists no access package".into());
    }
    let retired_names = packages
        .keys()
        .filter(|code| renames.contains_key(*code))
        .cloned()
        .collect();
    Ok(Loaded {
        packages,
        retired_names,
    })
}

fn text_of(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::knowledge;

    #[test]
    fn reads_the_export_and_a_plain_list() {
        let k = knowledge();
        let export = r#"[{"name": "Skatt", "areas": [{"name": "Skatt og avgift", "packages": [
            {"urn": "urn:altinn:accesspackage:skatt-naering", "name": "Skatt næring", "isDelegable": true,
             "isResourcePolicyAvailable": true, "type": {"name": "Organisasjon"}}]}]}]"#;
        let loaded = parse(export, &k.packages, &k.renames).unwrap();
        let p = &loaded.packages["skatt-naering"];
        assert_eq!(p.area, "Skatt og avgift");
        assert_eq!(p.name_en, k.packages["skatt-naering"].name_en);
        assert!(loaded.retired_names.is_empty());
        let plain =
            r#"[{"urn": "urn:altinn:accesspackage:mine-sider-kommune", "name": "Mine sider"}]"#;
        assert_eq!(
            parse(plain, &k.packages, &k.renames).unwrap().retired_names,
            ["mine-sider-kommune"]
        );
        assert!(
            parse("{}", &k.packages, &k.renames)
                .unwrap_err()
                .contains("array")
        );
        assert!(
            parse(r#"[{"urn": "urn:x:y"}]"#, &k.packages, &k.renames)
                .unwrap_err()
                .contains("URN")
        );
        assert!(
            parse("[", &k.packages, &k.renames)
                .unwrap_err()
                .starts_with("line 1")
        );
    }
}
