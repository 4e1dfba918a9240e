//! Access packages and roles: the knowledge compiled in from `data/access/`, the mapping of
//! an Altinn II or ER role code to candidate access packages with a confidence, and the
//! service owner's `--access-map` file that overrides or completes it.

pub mod map_file;

pub use map_file::AccessMap;

use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Package {
    pub code: String,
    pub name_nb: String,
    pub name_nn: String,
    pub name_en: String,
    pub area: String,
    pub for_persons: bool,
    /// May be used in service policies (admin packages may not).
    pub service_owner_usable: bool,
    pub delegable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    /// Enhetsregisteret (CCR) role: keeps working in Altinn 3.
    Er,
    /// Altinn II role code: removed from Altinn 3 on 1 January 2027.
    Altinn2,
    Altinn3,
    Guardianship,
}

impl RoleKind {
    pub fn name(self) -> &'static str {
        match self {
            RoleKind::Er => "ER role (Enhetsregisteret)",
            RoleKind::Altinn2 => "Altinn II role",
            RoleKind::Altinn3 => "Altinn 3 role",
            RoleKind::Guardianship => "guardianship role",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Role {
    pub code: String,
    pub kind: RoleKind,
    pub urn: String,
    pub name_nb: String,
    pub name_en: String,
    pub key_role: bool,
}

/// How sure a role → package candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// A human confirmed it in the access map.
    Confirmed,
    /// Digdir converted delegations of this Altinn II role into the package.
    OfficialConversion,
    /// The official ER role → package table.
    OfficialErRole,
    /// Set in the access map, not (yet) confirmed.
    AccessMap,
    /// Digdir named the role as related to the package's area: the owner must pick.
    RelatedArea,
    /// Inferred from names.
    NameMatch,
}

impl Confidence {
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::OfficialConversion => "official-conversion",
            Confidence::OfficialErRole => "official-er-role",
            Confidence::AccessMap => "access-map",
            Confidence::RelatedArea => "related-area",
            Confidence::NameMatch => "name-match",
        }
    }

    /// High enough to write into a policy without a human's word.
    pub fn is_high(self) -> bool {
        matches!(
            self,
            Confidence::Confirmed
                | Confidence::OfficialConversion
                | Confidence::OfficialErRole
                | Confidence::AccessMap
        )
    }
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub package: String,
    pub confidence: Confidence,
    pub reason: String,
}

/// Everything known about one role code.
#[derive(Debug, Clone)]
pub struct RoleMapping {
    pub code: String,
    pub role: Option<Role>,
    pub candidates: Vec<Candidate>,
    /// Why there are no candidates, or what the owner must decide.
    pub note: String,
}

pub struct Knowledge {
    pub packages: BTreeMap<String, Package>,
    pub roles: BTreeMap<String, Role>,
    /// ER role → packages it has.
    pub er_packages: BTreeMap<String, Vec<String>>,
    /// Altinn II role → (confidence, packages, condition, note).
    pub altinn2: BTreeMap<String, (String, Vec<String>, String, String)>,
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn cell<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

pub fn knowledge() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| {
        let packages = rows(include_str!("../../data/access/packages.tsv"))
            .map(|r| {
                let p = Package {
                    code: cell(&r, 0).into(),
                    name_nb: cell(&r, 1).into(),
                    name_nn: cell(&r, 2).into(),
                    name_en: cell(&r, 3).into(),
                    area: cell(&r, 4).into(),
                    for_persons: cell(&r, 5) == "person",
                    service_owner_usable: cell(&r, 6) == "1",
                    delegable: cell(&r, 7) == "1",
                };
                (p.code.clone(), p)
            })
            .collect();
        let roles = rows(include_str!("../../data/access/roles.tsv"))
            .map(|r| {
                let kind = match cell(&r, 1) {
                    "er" => RoleKind::Er,
                    "altinn2" => RoleKind::Altinn2,
                    "altinn3" => RoleKind::Altinn3,
                    _ => RoleKind::Guardianship,
                };
                let role = Role {
                    code: cell(&r, 0).into(),
                    kind,
                    urn: cell(&r, 2).into(),
                    name_nb: cell(&r, 3).into(),
                    name_en: cell(&r, 4).into(),
                    key_role: cell(&r, 5) == "1",
                };
                (role.code.to_ascii_uppercase(), role)
            })
            .collect();
        let mut er_packages: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for r in rows(include_str!("../../data/access/er-role-packages.tsv")) {
            // Rows restricted to an organisation form are left out: the app cannot know the form.
            if cell(&r, 2) == "1" && cell(&r, 4).is_empty() {
                er_packages
                    .entry(cell(&r, 0).to_string())
                    .or_default()
                    .push(cell(&r, 1).to_string());
            }
        }
        let altinn2 = rows(include_str!("../../data/access/altinn2-role-packages.tsv"))
            .map(|r| {
                let packages = cell(&r, 2)
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
                (
                    cell(&r, 0).to_string(),
                    (
                        cell(&r, 1).to_string(),
                        packages,
                        cell(&r, 3).to_string(),
                        cell(&r, 4).to_string(),
                    ),
                )
            })
            .collect();
        Knowledge {
            packages,
            roles,
            er_packages,
            altinn2,
        }
    })
}

/// Candidate packages for a role code, from the access map first, then the curated table.
pub fn map_role(code: &str, access_map: Option<&AccessMap>) -> RoleMapping {
    let k = knowledge();
    let upper = code.trim().to_ascii_uppercase();
    let role = k.roles.get(&upper).cloned();
    if let Some(entry) = access_map.and_then(|m| m.roles.get(&upper)) {
        let confidence = if entry.confirmed {
            Confidence::Confirmed
        } else {
            Confidence::AccessMap
        };
        let reason = entry
            .note
            .clone()
            .unwrap_or_else(|| "from the access map".into());
        return RoleMapping {
            code: upper,
            role,
            candidates: entry
                .packages
                .iter()
                .map(|p| Candidate {
                    package: p.clone(),
                    confidence,
                    reason: reason.clone(),
                })
                .collect(),
            note: String::new(),
        };
    }
    let mut candidates = Vec::new();
    let mut note = String::new();
    match role.as_ref().map(|r| r.kind) {
        Some(RoleKind::Altinn2) => {
            if let Some((kind, packages, condition, extra)) = k.altinn2.get(&upper) {
                let confidence = match kind.as_str() {
                    "official-conversion" => Some(Confidence::OfficialConversion),
                    "related-area" => Some(Confidence::RelatedArea),
                    "name-match" => Some(Confidence::NameMatch),
                    _ => None,
                };
                let reason = [condition.as_str(), extra.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ");
                match confidence {
                    Some(c) => candidates.extend(packages.iter().map(|p| Candidate {
                        package: p.clone(),
                        confidence: c,
                        reason: reason.clone(),
                    })),
                    None => {
                        note = format!(
                            "no access package replaces this role{}",
                            if reason.is_empty() {
                                String::new()
                            } else {
                                format!(" ({reason})")
                            }
                        )
                    }
                }
            }
        }
        Some(RoleKind::Er) | Some(RoleKind::Altinn3) => {
            if let Some(packages) = k.er_packages.get(&upper) {
                candidates.extend(packages.iter().map(|p| Candidate {
                    package: p.clone(),
                    confidence: Confidence::OfficialErRole,
                    reason: "the role holds this package in Altinn 3".into(),
                }));
            } else {
                note =
                    "the role holds no access package; keep the role itself in the policy".into();
            }
        }
        Some(RoleKind::Guardianship) => {
            note = "a guardianship role; it maps to its own vergemål package".into()
        }
        None => note = "not a known role code".into(),
    }
    RoleMapping {
        code: upper,
        role,
        candidates,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_tables_are_complete() {
        let k = knowledge();
        assert_eq!(k.packages.len(), 223);
        assert_eq!(k.roles.len(), 148);
        assert_eq!(k.altinn2.len(), 38);
        assert!(k.packages["skatt-naering"].service_owner_usable);
        assert_eq!(k.er_packages["DAGL"].len(), 133);
        assert_eq!(k.roles["DAGL"].kind, RoleKind::Er);
        assert_eq!(k.roles["UTINN"].kind, RoleKind::Altinn2);
    }

    #[test]
    fn altinn2_roles_map_with_their_confidence() {
        let a0239 = map_role("a0239", None);
        assert_eq!(a0239.candidates.len(), 1);
        assert_eq!(
            a0239.candidates[0].confidence,
            Confidence::OfficialConversion
        );
        let regna = map_role("REGNA", None);
        assert!(
            regna.candidates.len() > 1
                && regna
                    .candidates
                    .iter()
                    .all(|c| c.confidence == Confidence::RelatedArea)
        );
        let utinn = map_role("UTINN", None);
        assert!(utinn.candidates.is_empty() && utinn.note.contains("no access package"));
        assert!(map_role("XYZZY", None).role.is_none());
    }
}
