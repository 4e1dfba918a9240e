//! Access packages and roles: the knowledge compiled in from `data/access/`, the mapping of
//! an Altinn II or ER role code to candidate access packages with a confidence, and the
//! service owner's `--access-map` file that overrides or completes it.

pub mod data_file;
pub mod map_file;
pub mod subjects;

pub use map_file::AccessMap;

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A role code as the tables key it: trimmed and upper-cased by Unicode's rules (Studio writes
/// codes in lower case, and `ffør` is the ER role FFØR).
pub fn role_key(code: &str) -> String {
    code.trim().to_uppercase()
}

/// A package code (or URN) as the tables key it: trimmed, lower-cased by Unicode's rules.
pub fn package_key(code: &str) -> String {
    code.trim().to_lowercase()
}

#[derive(Debug, Clone)]
pub struct Package {
    /// The value a policy names: the URN's last part (the policy engine matches it).
    pub code: String,
    pub urn: String,
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
    /// Old package code → (current code, why): renamed or moved packages.
    pub renames: BTreeMap<String, (String, String)>,
    /// Where each table comes from: (table, rows, source line).
    pub sources: Vec<(String, usize, String)>,
    pub roles: BTreeMap<String, Role>,
    /// ER role → packages it has.
    pub er_packages: BTreeMap<String, Vec<String>>,
    /// ER role → organisation form → packages it has only in units of that form.
    pub er_by_form: BTreeMap<String, BTreeMap<String, Vec<String>>>,
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

/// The `# source:` line of a table.
fn source_of(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("# source: "))
        .unwrap_or("unknown")
        .to_string()
}

const PACKAGES: &str = include_str!("../../data/access/packages.tsv");
const ROLES: &str = include_str!("../../data/access/roles.tsv");
const ER_ROLE_PACKAGES: &str = include_str!("../../data/access/er-role-packages.tsv");
const ALTINN2_ROLE_PACKAGES: &str = include_str!("../../data/access/altinn2-role-packages.tsv");
const RENAMES: &str = include_str!("../../data/access/renames.tsv");

/// The package list `--access-data` loaded, replacing the built-in one for this run.
static LOADED: OnceLock<Knowledge> = OnceLock::new();

/// The knowledge in use: a list loaded with `--access-data`, else the built-in tables.
pub fn knowledge() -> &'static Knowledge {
    LOADED.get().unwrap_or_else(built_in)
}

/// Replaces the built-in package list for the rest of the run (roles, the ER table and the
/// renames stay built in). Called once, before anything maps a role.
pub fn install(packages: BTreeMap<String, Package>, source: String) -> Result<(), String> {
    let base = built_in();
    let knowledge = Knowledge {
        sources: std::iter::once(("access data".to_string(), packages.len(), source))
            .chain(base.sources.iter().skip(1).cloned())
            .collect(),
        packages,
        renames: base.renames.clone(),
        roles: base.roles.clone(),
        er_packages: base.er_packages.clone(),
        er_by_form: base.er_by_form.clone(),
        altinn2: base.altinn2.clone(),
    };
    LOADED
        .set(knowledge)
        .map_err(|_| "the access data was already loaded".to_string())
}

fn built_in() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| {
        let packages: BTreeMap<String, Package> = rows(PACKAGES)
            .map(|r| {
                let p = Package {
                    code: cell(&r, 0).into(),
                    urn: cell(&r, 1).into(),
                    name_nb: cell(&r, 2).into(),
                    name_nn: cell(&r, 3).into(),
                    name_en: cell(&r, 4).into(),
                    area: cell(&r, 5).into(),
                    for_persons: cell(&r, 6) == "person",
                    service_owner_usable: cell(&r, 7) == "1",
                    delegable: cell(&r, 8) == "1",
                };
                (p.code.clone(), p)
            })
            .collect();
        let renames = rows(RENAMES)
            .map(|r| {
                (
                    cell(&r, 0).to_string(),
                    (cell(&r, 1).to_string(), cell(&r, 2).to_string()),
                )
            })
            .collect();
        let roles: BTreeMap<String, Role> = rows(ROLES)
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
                (role_key(&role.code), role)
            })
            .collect();
        let mut er_packages: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut er_by_form: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        let mut er_rows = 0;
        for r in rows(ER_ROLE_PACKAGES) {
            er_rows += 1;
            if cell(&r, 2) != "1" {
                continue;
            }
            // Rows restricted to an organisation form are not the role's for every unit: a
            // policy cannot know the form, so they are said, not written.
            let (role, package, form) = (role_key(cell(&r, 0)), cell(&r, 1), cell(&r, 4));
            if form.is_empty() {
                er_packages
                    .entry(role)
                    .or_default()
                    .push(package.to_string());
            } else {
                let forms = er_by_form.entry(role).or_default();
                let packages = forms.entry(form.to_string()).or_default();
                if !packages.iter().any(|p| p == package) {
                    packages.push(package.to_string());
                }
            }
        }
        let altinn2: BTreeMap<String, (String, Vec<String>, String, String)> =
            rows(ALTINN2_ROLE_PACKAGES)
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
        let sources = vec![
            ("packages".into(), packages.len(), source_of(PACKAGES)),
            ("roles".into(), roles.len(), source_of(ROLES)),
            (
                "ER role → packages".into(),
                er_rows,
                source_of(ER_ROLE_PACKAGES),
            ),
            (
                "Altinn II role → packages".into(),
                altinn2.len(),
                source_of(ALTINN2_ROLE_PACKAGES),
            ),
            (
                "renamed packages".into(),
                rows(RENAMES).count(),
                source_of(RENAMES),
            ),
        ];
        Knowledge {
            packages,
            renames,
            sources,
            roles,
            er_packages,
            er_by_form,
            altinn2,
        }
    })
}

/// One line on where the package list comes from, for reports.
pub fn about_line() -> String {
    let k = knowledge();
    match k.sources.first() {
        Some((table, rows, source)) => format!("{table}: {rows} rows from {source}"),
        None => "no access data".into(),
    }
}

/// The current code of a package named `code` in a policy or map: itself when known, its new
/// name when it was renamed, `None` when it is no package at all.
pub fn current_package(code: &str) -> Option<(String, Option<String>)> {
    let k = knowledge();
    let code = package_key(code);
    let code = code
        .strip_prefix("urn:altinn:accesspackage:")
        .unwrap_or(&code)
        .to_string();
    if k.packages.contains_key(&code) {
        return Some((code, None));
    }
    let (new, why) = k.renames.get(&code)?;
    k.packages
        .contains_key(new)
        .then(|| (new.clone(), Some(why.clone())))
}

/// Candidate packages for a role code, from the access map first, then the curated table.
pub fn map_role(code: &str, access_map: Option<&AccessMap>) -> RoleMapping {
    let k = knowledge();
    let upper = role_key(code);
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
            } else if let Some(forms) = k.er_by_form.get(&upper) {
                let held: Vec<String> = forms
                    .iter()
                    .map(|(form, packages)| match packages.len() {
                        n if n > 8 => format!("{form}: {n} packages"),
                        _ => format!("{form}: {}", packages.join(", ")),
                    })
                    .collect();
                note = format!(
                    "the role holds access packages only in units of some organisation forms ({}); in other units it holds none, and a policy cannot tell the form: keep the role itself in the policy",
                    held.join("; ")
                );
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
        let k = built_in();
        assert_eq!(k.packages.len(), 223);
        assert_eq!(k.roles.len(), 148);
        assert_eq!(k.altinn2.len(), 38);
        assert!(k.packages["skatt-naering"].service_owner_usable);
        assert_eq!(k.er_packages["DAGL"].len(), 133);
        assert_eq!(k.roles["DAGL"].kind, RoleKind::Er);
        assert_eq!(k.roles["UTINN"].kind, RoleKind::Altinn2);
        assert_eq!(k.sources.len(), 5);
        assert!(k.sources[0].2.contains("337e0a1c"), "{:?}", k.sources[0]);
    }

    /// The policy engine matches the URN's last part: a code that differs from it matches
    /// nobody (the vergemål package had that defect).
    #[test]
    fn every_code_is_its_urn_suffix() {
        for p in built_in().packages.values() {
            assert_eq!(p.urn, format!("urn:altinn:accesspackage:{}", p.code));
        }
        let vergemal = &built_in().packages["vergemal-namsmannen-tvangsfullbyrdelse-forliksradet"];
        assert!(
            vergemal
                .urn
                .ends_with(":vergemal-namsmannen-tvangsfullbyrdelse-forliksradet")
        );
    }

    /// Two Nynorsk names once held a Cyrillic "а" that looks like a Latin "a".
    #[test]
    fn every_name_is_written_in_latin_letters() {
        for p in built_in().packages.values() {
            for name in [&p.name_nb, &p.name_nn, &p.name_en, &p.area] {
                let odd: Vec<char> = name
                    .chars()
                    .filter(|c| c.is_alphabetic() && !is_latin(*c))
                    .collect();
                assert!(odd.is_empty(), "{}: `{name}` has {odd:?}", p.code);
            }
        }
        assert!(!is_latin('а'), "the Cyrillic a is caught");
        assert!(is_latin('ø') && is_latin('Å') && is_latin('é'));
    }

    /// Latin letters: ASCII and the Latin-1 and Latin Extended-A blocks (æøå, é, š...).
    fn is_latin(c: char) -> bool {
        c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{017F}').contains(&c) && c != '×' && c != '÷'
    }

    #[test]
    fn the_2026_12_update_is_in_the_tables() {
        let k = built_in();
        // Renamed and moved packages, and every ER role that held the old name.
        assert!(!k.packages.contains_key("mine-sider-kommune"));
        assert_eq!(
            k.packages["kommunale-tjenester"].name_nn,
            "Kommunale tenester"
        );
        assert!(k.packages["innbygger-konkursbo-tilgangsstyrer"].for_persons);
        for role in [
            "BEST", "BOBE", "DAGL", "DTPR", "DTSO", "INNH", "KOMP", "LEDE",
        ] {
            assert!(
                k.er_packages[role]
                    .iter()
                    .any(|p| p == "kommunale-tjenester"),
                "{role}"
            );
            assert!(
                !k.er_packages[role]
                    .iter()
                    .any(|p| p == "mine-sider-kommune"),
                "{role}"
            );
        }
        assert_eq!(k.altinn2["KOMAB"].1, ["kommunale-tjenester"]);
        assert_eq!(k.altinn2["BOADM"].1, ["innbygger-konkursbo-tilgangsstyrer"]);
        assert_eq!(
            current_package("mine-sider-kommune"),
            Some((
                "kommunale-tjenester".into(),
                Some(k.renames["mine-sider-kommune"].1.clone())
            ))
        );
        assert_eq!(
            current_package("urn:altinn:accesspackage:Lonn").map(|p| p.0),
            Some("lonn".into())
        );
        assert_eq!(current_package("no-such-package"), None);
        // New ER rows: KNUF and REPR hold `lonn`.
        assert!(k.er_packages["KNUF"].iter().any(|p| p == "lonn"));
        assert!(k.er_packages["REPR"].iter().any(|p| p == "lonn"));
        // FFØR holds every DAGL package for securities funds (VPFO): in the table, not in the
        // mapping, since the app cannot know the organisation form.
        let table = ER_ROLE_PACKAGES;
        let vpfo = table
            .lines()
            .filter(|l| l.starts_with("FFØR\t") && l.ends_with("\tVPFO"))
            .count();
        assert_eq!(vpfo, 133);
        assert_eq!(k.packages["skoleeier"].name_nn, "Skuleeigar");
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
