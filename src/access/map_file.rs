//! The `--access-map` file: the service owner's own role → package choices, per role code,
//! and whether a human confirmed each row.
//!
//! ```json
//! {
//!   "roles": {
//!     "UTINN": { "packages": ["skatt-naering"], "confirmed": true, "note": "checked by the SKD team" },
//!     "REGNA": { "packages": ["regnskap-okonomi-rapport"] }
//!   }
//! }
//! ```
//!
//! A row replaces the built-in candidates for that role. Unconfirmed rows are used, and
//! reported until someone sets `"confirmed": true`.

use super::knowledge;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessMap {
    #[serde(default)]
    pub roles: BTreeMap<String, MapEntry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapEntry {
    /// Access package codes (`skatt-naering`) or URNs (`urn:altinn:accesspackage:skatt-naering`).
    pub packages: Vec<String>,
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

impl AccessMap {
    /// Parses the file; the error names the line and column and what is wrong.
    pub fn parse(text: &str) -> Result<AccessMap, String> {
        let mut map: AccessMap = serde_json::from_str(text)
            .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
        let known = &knowledge().packages;
        let mut upper = BTreeMap::new();
        for (role, mut entry) in std::mem::take(&mut map.roles) {
            for package in &mut entry.packages {
                *package = super::package_key(package);
                if let Some(code) = package.strip_prefix("urn:altinn:accesspackage:") {
                    *package = code.to_string();
                }
                if !known.contains_key(package.as_str()) {
                    let hint = match knowledge().renames.get(package.as_str()) {
                        Some((new, _)) => format!("; it was renamed to `{new}`"),
                        None => String::new(),
                    };
                    return Err(format!(
                        "role `{role}`: `{package}` is not an access package in the access data in use{hint}"
                    ));
                }
            }
            upper.insert(super::role_key(&role), entry);
        }
        map.roles = upper;
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_normalises_and_checks_packages() {
        let map = AccessMap::parse(r#"{"roles":{"utinn":{"packages":["urn:altinn:accesspackage:skatt-naering"],"confirmed":true}}}"#).unwrap();
        assert_eq!(map.roles["UTINN"].packages, ["skatt-naering"]);
        assert!(map.roles["UTINN"].confirmed);
        assert!(
            AccessMap::parse(r#"{"roles":{"UTINN":{"packages":["no-such-package"]}}}"#)
                .unwrap_err()
                .contains("no-such-package")
        );
        assert!(
            AccessMap::parse("{\n  \"rules\": {}\n}")
                .unwrap_err()
                .starts_with("line 2")
        );
    }
}
