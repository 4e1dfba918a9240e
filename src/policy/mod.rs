//! `policy check` / `policy upgrade`: Altinn 3 policies that already exist (earlier
//! migrations, apps made in Altinn Studio) and still grant access to Altinn II role codes.
//!
//! A separate, small pipeline beside the TUL one: **find** policy files → **scan** each into
//! role sites with byte ranges → **plan** findings and edits with the same role → package
//! mapping `convert` uses → **apply** the edits as text splices, so that every byte the
//! upgrade does not add (or, asked to, remove) stays as the owner wrote it → **check** the
//! result (XACML content model, and a second plan that must be empty) before it is written.

pub mod scan;
pub mod xacml;

use crate::access::{self, AccessMap, RoleKind};
use crate::diagnostics::{Code, Diagnostic};
use crate::walk::{Kind, Step};
use scan::{ACCESS_PACKAGE, RoleSite, Scan};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    pub access_map: Option<&'a AccessMap>,
    pub drop_altinn2_roles: bool,
}

/// What became of one policy file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// The file as read (without its byte-order mark), for snippets and diffs.
    pub original: Option<String>,
    /// The upgraded file, byte-order mark included, when the upgrade changes it.
    pub upgraded: Option<Vec<u8>>,
    pub unreadable: bool,
    /// Role subjects that name Altinn II roles, before the upgrade.
    pub altinn2_subjects: usize,
}

const BOM: &str = "\u{feff}";

/// Reads, plans and (in memory) upgrades one policy file.
pub fn examine(file: &str, bytes: &[u8], options: Options) -> Outcome {
    let mut outcome = Outcome::default();
    let Ok(text) = std::str::from_utf8(bytes) else {
        outcome.unreadable = true;
        outcome
            .diagnostics
            .push(Diagnostic::new(Code::PolicyUnreadable, "the policy is not UTF-8").in_file(file));
        return outcome;
    };
    let (bom, text) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", text),
    };
    let Some(scan) = scan::scan(file, text, &mut outcome.diagnostics) else {
        outcome.unreadable = true;
        outcome.original = Some(text.to_string());
        return outcome;
    };
    let plan = plan(text, &scan, options);
    outcome.altinn2_subjects = plan.altinn2_subjects;
    outcome.diagnostics.extend(plan.findings);
    if !plan.edits.is_empty() {
        let upgraded = apply(text, &plan.edits);
        match verify(file, &upgraded, options) {
            Ok(()) => outcome.upgraded = Some(format!("{bom}{upgraded}").into_bytes()),
            Err(why) => outcome.diagnostics.push(
                Diagnostic::new(
                    Code::UpgradeRejected,
                    format!("the upgraded policy was not written: {why}"),
                )
                .in_file(file),
            ),
        }
    }
    outcome.original = Some(text.to_string());
    outcome
}

/// The result must be a valid policy that a second upgrade leaves alone.
fn verify(file: &str, upgraded: &str, options: Options) -> Result<(), String> {
    xacml::check(upgraded)?;
    let mut ignored = Vec::new();
    let again = scan::scan(file, upgraded, &mut ignored).ok_or("it does not parse again")?;
    if plan(upgraded, &again, options).edits.is_empty() {
        Ok(())
    } else {
        Err("a second upgrade would change it again".into())
    }
}

/// Text splices: the bytes `range` become `text`. Ranges never overlap.
type Edits = BTreeMap<usize, (usize, String)>;

struct Plan {
    findings: Vec<Diagnostic>,
    edits: Edits,
    altinn2_subjects: usize,
}

fn plan(text: &str, scan: &Scan, options: Options) -> Plan {
    let mut findings = Vec::new();
    let mut edits = Edits::new();
    let mut altinn2_subjects = 0;
    // Per subject group: the packages it grants, growing as the plan adds them.
    let mut granted: Vec<BTreeSet<String>> = scan.any_ofs.clone();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    // Packages by names they no longer have: renamed in place, first, so a role's upgrade
    // below sees the current name already granted.
    for site in &scan.packages {
        let at =
            |code: Code, message: String| Diagnostic::new(code, message).at(site.location.clone());
        match access::current_package(&site.package) {
            Some((current, Some(why))) => {
                granted[site.any_of].insert(current.clone());
                findings.push(
                    at(
                        Code::PackageRenamed,
                        format!(
                            "rule `{}` grants access package `{}`, now `{current}` ({why}); `policy upgrade` renames it",
                            site.rule_id, site.package
                        ),
                    )
                    .with_data(serde_json::json!({
                        "rule": site.rule_id,
                        "package": site.package,
                        "current": current,
                        "urn": format!("{ACCESS_PACKAGE}:{current}"),
                        "upgrade": "rename",
                    })),
                );
                edits.insert(site.value.start, (site.value.end, current));
            }
            Some(_) => {}
            None => findings.push(
                at(
                    Code::UnknownPackage,
                    format!(
                        "rule `{}` grants `{}`, which is no access package in the access data in use; it grants nobody",
                        site.rule_id, site.package
                    ),
                )
                .with_data(serde_json::json!({ "rule": site.rule_id, "package": site.package })),
            ),
        }
    }
    let mut sites_per_all_of: BTreeMap<usize, usize> = BTreeMap::new();
    for site in &scan.sites {
        *sites_per_all_of.entry(site.all_of.start).or_default() += 1;
    }
    // The owner's own choices: per role, the packages this policy grants beside it, and in
    // which rules. They are the first advice for the role's other rules.
    let beside = granted_beside(scan);
    for site in &scan.sites {
        let at =
            |code: Code, message: String| Diagnostic::new(code, message).at(site.location.clone());
        if site.code.is_empty() {
            findings.push(at(
                Code::UnknownRole,
                format!(
                    "rule `{}` has a role subject with an empty role code; it matches nobody",
                    site.rule_id
                ),
            ));
            continue;
        }
        let mapping = access::map_role(&site.code, options.access_map);
        let kind = mapping.role.as_ref().map(|r| r.kind);
        let (subjects, mut found) = access::subjects::subjects_of(&mapping, &site.code);
        // A package the policy already grants beside the role is never reported as missing.
        let own: BTreeSet<&String> = beside
            .get(&mapping.code)
            .map(|b| b.keys().collect())
            .unwrap_or_default();
        found.retain(|(code, message)| {
            !matches!(
                code,
                Code::PackageNotForServiceOwners | Code::UnknownPackage
            ) || !own.iter().any(|p| message.contains(&format!("`{p}`")))
        });
        let packages: Vec<String> = subjects
            .into_iter()
            .filter(|(id, _)| id == ACCESS_PACKAGE)
            .map(|(_, p)| p)
            .collect();
        // Per-role advice once per file, at the role's first subject.
        if reported.insert(mapping.code.clone()) {
            findings.extend(
                found
                    .into_iter()
                    .filter(|(c, _)| !matches!(c, Code::Altinn2RoleDeadline | Code::UnknownRole))
                    .map(|(c, m)| at(c, m)),
            );
            if kind == Some(RoleKind::Er) && mapping.candidates.is_empty() {
                findings.push(at(
                    Code::ErRoleWithoutPackage,
                    format!("ER role {}: {}", mapping.code, mapping.note),
                ));
            }
        }
        if kind.is_none() && packages.is_empty() {
            findings.push(at(
                Code::UnknownRole,
                format!(
                    "rule `{}`: role code `{}` is not known to Altinn 3",
                    site.rule_id, site.code
                ),
            ));
        }
        let mut added = Vec::new();
        for package in &packages {
            if granted[site.any_of].insert(access::package_key(package)) {
                added.push(package.clone());
            }
        }
        if kind == Some(RoleKind::Altinn2) {
            altinn2_subjects += 1;
            let candidates = mapping
                .candidates
                .iter()
                .map(|c| format!("{} ({})", c.package, c.confidence.name()))
                .collect::<Vec<_>>();
            // What this rule grants beside the role, and what the policy's other rules do.
            let here: Vec<String> = scan.any_ofs[site.any_of].iter().cloned().collect();
            let elsewhere: Vec<(String, Vec<String>)> = beside
                .get(&mapping.code)
                .into_iter()
                .flatten()
                .filter(|(p, _)| !scan.any_ofs[site.any_of].contains(*p))
                .map(|(p, rules)| (p.clone(), rules.clone()))
                .collect();
            let own_advice = if elsewhere.is_empty() {
                String::new()
            } else {
                let said: Vec<String> = elsewhere
                    .iter()
                    .map(|(p, rules)| format!("{p} (rules {})", rules.join(", ")))
                    .collect();
                format!(
                    "; this policy already grants {} beside {} elsewhere: choose it here too with `--choose {}={}`",
                    said.join(", "),
                    mapping.code,
                    mapping.code,
                    elsewhere[0].0
                )
            };
            let state = if !added.is_empty() {
                format!("`policy upgrade` adds {}", added.join(", "))
            } else if !packages.is_empty() {
                format!("the rule already grants {}", packages.join(", "))
            } else if !here.is_empty() {
                format!(
                    "the rule already grants {} beside it: check that they reach the role's users before the role goes",
                    here.join(", ")
                )
            } else if candidates.is_empty() {
                format!("no access package replaces it{own_advice}")
            } else {
                format!(
                    "candidates needing a choice: {}{own_advice}",
                    candidates.join(", ")
                )
            };
            // The decision on record: who chose the packages the rule grants or will grant.
            let by_owner = mapping.candidates.iter().any(|c| {
                matches!(
                    c.confidence,
                    access::Confidence::Confirmed | access::Confidence::AccessMap
                )
            });
            let chosen = if !packages.is_empty() {
                serde_json::json!({
                    "by": if by_owner { "owner" } else { "mapping" },
                    "packages": packages,
                })
            } else if !here.is_empty() {
                serde_json::json!({ "by": "policy", "packages": here })
            } else {
                serde_json::Value::Null
            };
            let candidates_data: Vec<serde_json::Value> = mapping
                .candidates
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "package": c.package,
                        "urn": format!("{ACCESS_PACKAGE}:{}", c.package),
                        "confidence": c.confidence.name(),
                        "reason": c.reason,
                    })
                })
                .collect();
            findings.push(
                at(
                    Code::Altinn2RoleDeadline,
                    format!(
                        "rule `{}` grants Altinn II role {}, which stops working on 1 January 2027; {state}",
                        site.rule_id, mapping.code
                    ),
                )
                .with_data(serde_json::json!({
                    "rule": site.rule_id,
                    "role": mapping.code,
                    "actions": site.actions,
                    "deadline": "2027-01-01",
                    "candidates": candidates_data,
                    "adds": added.iter().map(|p| format!("{ACCESS_PACKAGE}:{p}")).collect::<Vec<_>>(),
                    "grantedBeside": here,
                    "grantedElsewhere": elsewhere
                        .iter()
                        .map(|(p, rules)| serde_json::json!({ "package": p, "rules": rules }))
                        .collect::<Vec<_>>(),
                    "chosen": chosen,
                })),
            );
        }
        let mut insertion = String::new();
        for package in &added {
            insertion.push_str(&text[site.lead.clone()]);
            insertion.push_str(&package_subject(text, site, package));
            findings.push(
                at(
                    Code::AccessPackageAdded,
                    format!(
                        "rule `{}`: access package {package} added beside role {}",
                        site.rule_id, mapping.code
                    ),
                )
                .with_data(serde_json::json!({
                    "rule": site.rule_id,
                    "role": mapping.code,
                    "actions": site.actions,
                    "package": package,
                    "urn": format!("{ACCESS_PACKAGE}:{package}"),
                })),
            );
        }
        let drop = options.drop_altinn2_roles
            && kind == Some(RoleKind::Altinn2)
            && !packages.is_empty()
            && sites_per_all_of[&site.all_of.start] == 1;
        if drop {
            findings.push(at(
                Code::Altinn2RoleDropped,
                format!(
                    "rule `{}`: Altinn II role {} removed; {} grant the access now",
                    site.rule_id,
                    mapping.code,
                    packages.join(", ")
                ),
            ));
            // The role's own line goes, the packages take its place.
            let mut replacement = insertion;
            if site.lead.is_empty() {
                replacement = replacement.trim_start().to_string();
            }
            edits.insert(site.lead.start, (site.all_of.end, replacement));
        } else if !insertion.is_empty() {
            let edit = edits
                .entry(site.all_of.end)
                .or_insert((site.all_of.end, String::new()));
            edit.1.push_str(&insertion);
        }
    }
    Plan {
        findings,
        edits,
        altinn2_subjects,
    }
}

/// Per Altinn II role of the policy (by its key): each package a rule grants beside it, with
/// the rules that do.
fn granted_beside(scan: &Scan) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut beside: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for site in &scan.sites {
        let role = access::role_key(&site.code);
        let altinn2 = access::knowledge()
            .roles
            .get(&role)
            .is_some_and(|r| r.kind == RoleKind::Altinn2);
        if !altinn2 {
            continue;
        }
        for package in &scan.any_ofs[site.any_of] {
            let rules = beside
                .entry(role.clone())
                .or_default()
                .entry(package.clone())
                .or_default();
            if !rules.contains(&site.rule_id) {
                rules.push(site.rule_id.clone());
            }
        }
    }
    beside
}

/// A copy of the role's own `AllOf` that names the package instead: same prefix, quoting,
/// indentation and other conditions, so the rule means "package (and the same conditions)".
fn package_subject(text: &str, site: &RoleSite, package: &str) -> String {
    let base = site.all_of.start;
    let mut copy = text[site.all_of.clone()].to_string();
    let mut splices = [
        (site.attribute_id.clone(), ACCESS_PACKAGE),
        (site.value.clone(), package),
    ];
    splices.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, with) in splices {
        copy.replace_range(range.start - base..range.end - base, with);
    }
    copy
}

fn apply(text: &str, edits: &Edits) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 600);
    let mut at = 0;
    for (&start, (end, replacement)) in edits {
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = *end;
    }
    out.push_str(&text[at..]);
    out
}

/// The unified diff of an upgrade; both headers name the file, so `patch -p0` applies it.
pub fn diff(file: &str, original: &str, upgraded: &str) -> String {
    similar::TextDiff::from_lines(original, upgraded)
        .unified_diff()
        .context_radius(3)
        .header(file, file)
        .to_string()
}

/// Directories never searched: tool output and other people's code.
const SKIPPED: &[&str] = &["target", "node_modules", "bin", "obj"];

/// Policy files under the given paths: files as given; in directories `policy.xml` and
/// `*_policy.xml` files, without following symbolic links. Directories holding none are
/// returned second.
pub fn find_policies(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    fn search(dir: &Path, found: &mut Vec<PathBuf>) {
        let _ = crate::walk::walk(
            dir,
            &mut |entry| {
                let name = entry.name.as_str();
                Ok(match entry.kind {
                    Kind::Dir
                        if entry.depth < 12
                            && !name.starts_with('.')
                            && !SKIPPED.contains(&name) =>
                    {
                        Step::Enter
                    }
                    Kind::File if name == "policy.xml" || name.ends_with("_policy.xml") => {
                        found.push(entry.path.clone());
                        Step::Skip
                    }
                    _ => Step::Skip,
                })
            },
            &mut |_, _| {},
        );
    }
    let mut found = Vec::new();
    let mut empty = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = found.len();
            search(path, &mut found);
            if found.len() == before {
                empty.push(path.clone());
            }
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    (found, empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(code: &str, id: &str) -> String {
        format!(
            "\n        <xacml:AllOf>\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">{code}</xacml:AttributeValue>\n            <xacml:AttributeDesignator AttributeId=\"{id}\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\" />\n          </xacml:Match>\n        </xacml:AllOf>"
        )
    }

    fn policy(subjects: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- owner's comment -->\n<xacml:Policy PolicyId=\"[ORG]:[APP]\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\" xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\">\n  <xacml:Target/>\n  <xacml:Rule RuleId=\"r1\" Effect=\"Permit\">\n    <xacml:Target>\n      <xacml:AnyOf>{subjects}\n      </xacml:AnyOf>\n    </xacml:Target>\n  </xacml:Rule>\n</xacml:Policy>\n"
        )
    }

    fn codes(outcome: &Outcome) -> Vec<&str> {
        outcome
            .diagnostics
            .iter()
            .map(|d| d.code.rule().code)
            .collect()
    }

    #[test]
    fn an_official_conversion_is_added_beside_the_role() {
        let text = policy(&subject("a0239", scan::ROLE_CODE));
        let outcome = examine("p.xml", text.as_bytes(), Options::default());
        let upgraded = String::from_utf8(outcome.upgraded.clone().unwrap()).unwrap();
        let expected = policy(&format!(
            "{}{}",
            subject("a0239", scan::ROLE_CODE),
            subject("regnskapsforer-med-signeringsrettighet", ACCESS_PACKAGE)
        ));
        assert_eq!(upgraded, expected);
        assert_eq!(codes(&outcome), ["TUL3008", "TUL3018"]);
        // A second run finds the package and changes nothing.
        let again = examine("p.xml", upgraded.as_bytes(), Options::default());
        assert!(again.upgraded.is_none());
        assert!(again.diagnostics[0].message.contains("already grants"));
    }

    #[test]
    fn dropping_replaces_the_role_and_keeps_unmapped_roles() {
        let text = policy(&format!(
            "{}{}",
            subject("A0239", scan::ROLE_CODE),
            subject("UTINN", scan::ROLE_CODE)
        ));
        let options = Options {
            drop_altinn2_roles: true,
            ..Options::default()
        };
        let outcome = examine("p.xml", text.as_bytes(), options);
        let upgraded = String::from_utf8(outcome.upgraded.clone().unwrap()).unwrap();
        assert_eq!(
            upgraded,
            policy(&format!(
                "{}{}",
                subject("regnskapsforer-med-signeringsrettighet", ACCESS_PACKAGE),
                subject("UTINN", scan::ROLE_CODE)
            ))
        );
        assert!(codes(&outcome).contains(&"TUL3019"));
        assert!(codes(&outcome).contains(&"TUL3010"));
    }

    #[test]
    fn er_roles_and_unknown_codes_are_reported_not_changed() {
        let text = policy(&format!(
            "{}{}{}",
            subject("DAGL", scan::ROLE_CODE),
            subject("NOSUCH", scan::ROLE_CODE),
            subject("", scan::ROLE_CODE)
        ));
        let outcome = examine("p.xml", text.as_bytes(), Options::default());
        assert!(outcome.upgraded.is_none());
        assert_eq!(codes(&outcome), ["TUL3011", "TUL3011"]);
        assert_eq!(outcome.diagnostics[0].line(), Some(16));
    }

    #[test]
    fn a_byte_order_mark_and_crlf_survive() {
        let text =
            format!("\u{feff}{}", policy(&subject("a0239", scan::ROLE_CODE))).replace('\n', "\r\n");
        let outcome = examine("p.xml", text.as_bytes(), Options::default());
        let upgraded = String::from_utf8(outcome.upgraded.clone().unwrap()).unwrap();
        assert!(upgraded.starts_with('\u{feff}'));
        assert!(!upgraded.replace("\r\n", "").contains('\n'));
        let added =
            subject("regnskapsforer-med-signeringsrettighet", ACCESS_PACKAGE).replace('\n', "\r\n");
        assert_eq!(upgraded.replacen(&added, "", 1), text);
    }

    #[test]
    fn an_er_role_without_packages_is_noted_once() {
        let text = policy(&format!(
            "{}{}",
            subject("KONT", scan::ROLE_CODE),
            subject("kont", scan::ROLE_CODE)
        ));
        let outcome = examine("p.xml", text.as_bytes(), Options::default());
        assert_eq!(codes(&outcome), ["TUL3014"]);
        assert!(outcome.upgraded.is_none());
    }

    #[test]
    fn an_upgrade_of_an_invalid_policy_is_rejected_not_written() {
        // The owner's file already breaks the schema (a Match without MatchId): the upgrade
        // would carry the break into the copy, so nothing is proposed.
        let text = policy(&subject("a0239", scan::ROLE_CODE)).replacen(
            "<xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">",
            "<xacml:Match>",
            1,
        );
        let outcome = examine("p.xml", text.as_bytes(), Options::default());
        assert!(outcome.upgraded.is_none());
        let rejected = outcome.diagnostics.last().unwrap();
        assert_eq!(rejected.code, Code::UpgradeRejected);
        assert!(
            rejected
                .message
                .contains("lacks the required attribute MatchId"),
            "{}",
            rejected.message
        );
    }

    #[test]
    fn non_utf8_is_unreadable() {
        let outcome = examine("p.xml", b"<a>\xff</a>", Options::default());
        assert!(outcome.unreadable);
        assert_eq!(codes(&outcome), ["TUL3015"]);
    }
}
