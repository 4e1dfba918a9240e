//! AuthorizationRules: an XACML 2.0 policy. Keeps, per rule, which subjects (role codes at an
//! authentication level) get which actions: the pairing is the rule, and is kept as it is.
//! Elements are matched by local name, so any namespace prefix (or none) is accepted.

use super::Reader;
use super::xml::{Xml, attr, child, elements, is, text};
use crate::diagnostics::{Code, Location};
use crate::ir::{Action, AuthRule, Authorization, Effect, Subject};
use roxmltree::Node;

pub fn read(r: &mut Reader, name: &str, at: &Location) -> Option<Authorization> {
    let (file, text) = r.package_text(name, at)?;
    let xml = Xml::parse(&file, &text, &r.limits, &mut r.diagnostics)?;
    let root = xml.root();
    if !is(root, "Policy") && !is(root, "PolicySet") {
        xml.expect_root("Policy", &mut r.diagnostics);
        return None;
    }
    let mut auth = Authorization {
        file,
        policy_id: attr(root, "PolicyId").map(str::to_string),
        rules: Vec::new(),
    };
    read_policy(r, &xml, root, &mut auth);
    Some(auth)
}

fn read_policy(r: &mut Reader, xml: &Xml, policy: Node, auth: &mut Authorization) {
    for node in elements(policy) {
        if is(node, "Rule") {
            auth.rules.push(read_rule(r, xml, node));
        } else if is(node, "Policy") || is(node, "PolicySet") {
            read_policy(r, xml, node, auth);
        } else if is(node, "Description") || is(node, "Target") && target_is_resources_only(node) {
            // Descriptions carry no rights; a policy target only names the service resource.
        } else {
            r.push(xml.unknown(node, "the authorization policy"));
        }
    }
}

fn target_is_resources_only(target: Node) -> bool {
    elements(target).all(|c| {
        is(c, "Resources")
            || is(c, "AnySubject")
            || is(c, "AnyAction")
            || is(c, "Subjects") && elements(c).next().is_none()
    })
}

fn read_rule(r: &mut Reader, xml: &Xml, node: Node) -> AuthRule {
    let effect = match attr(node, "Effect") {
        Some(e) if e.eq_ignore_ascii_case("deny") => Effect::Deny,
        _ => Effect::Permit,
    };
    let mut rule = AuthRule {
        id: attr(node, "RuleId").map(str::to_string),
        effect,
        subjects: Vec::new(),
        actions: Vec::new(),
        resources: Vec::new(),
        origin: xml.origin(node),
    };
    for part in elements(node) {
        if is(part, "Target") {
            read_target(r, xml, part, &mut rule);
        } else if !is(part, "Description") {
            r.push(xml.unknown(part, "an authorization rule"));
        }
    }
    if !rule.subjects.iter().any(|s| !s.role_codes.is_empty()) {
        r.push(xml.diag(
            Code::RuleWithoutRole,
            node,
            format!(
                "rule `{}` names no role code",
                rule.id.as_deref().unwrap_or("?")
            ),
        ));
    }
    rule
}

fn read_target(r: &mut Reader, xml: &Xml, target: Node, rule: &mut AuthRule) {
    for group in elements(target) {
        if is(group, "Subjects") {
            for subject in elements(group).filter(|s| is(*s, "Subject")) {
                rule.subjects.push(read_subject(r, xml, subject));
            }
        } else if is(group, "Actions") {
            for (id, value, m) in matches(group, "Action") {
                if !id.to_ascii_lowercase().ends_with("action-id") {
                    r.push(xml.unknown(m, "an action match"));
                    continue;
                }
                let action = Action::parse(&value);
                if let Action::Other(other) = &action {
                    r.push(xml.diag(
                        Code::UnknownAction,
                        m,
                        format!("action `{other}` is not an Altinn II action"),
                    ));
                }
                if !rule.actions.contains(&action) {
                    rule.actions.push(action);
                }
            }
        } else if is(group, "Resources") {
            rule.resources.extend(
                matches(group, "Resource")
                    .into_iter()
                    .map(|(id, v, _)| (id, v)),
            );
        } else if !is(group, "Environments") || elements(group).next().is_some() {
            r.push(xml.unknown(group, "a rule target"));
        }
    }
}

fn read_subject(r: &mut Reader, xml: &Xml, subject: Node) -> Subject {
    let mut out = Subject::default();
    for (id, value, m) in matches_in(subject, "Subject") {
        let id_lower = id.to_ascii_lowercase();
        if id_lower.ends_with("rolecode") {
            out.role_codes.push(value.trim().to_ascii_uppercase());
        } else if id_lower.ends_with("authenticationlevel") {
            match value.trim().parse::<u8>() {
                Ok(level) if level <= 4 => out.authentication_level = Some(level),
                _ => r.push(xml.diag(
                    Code::InvalidValue,
                    m,
                    format!("authentication level `{value}` is not 0-4"),
                )),
            }
        } else if id_lower.ends_with("delegatable") {
            out.delegatable = super::xml::parse_bool(&value);
        } else {
            r.push(xml.diag(
                Code::UnknownSubjectAttribute,
                m,
                format!(
                    "subject attribute `{id}` = `{value}` is not known; the condition was not kept"
                ),
            ));
        }
    }
    out
}

/// `(AttributeId, value, match node)` of every `<kind>Match` under the `<kind>` elements of
/// `group` (for example Actions/Action/ActionMatch).
fn matches<'a, 'i>(group: Node<'a, 'i>, kind: &str) -> Vec<(String, String, Node<'a, 'i>)> {
    elements(group)
        .filter(|e| is(*e, kind))
        .flat_map(|e| matches_in(e, kind))
        .collect()
}

fn matches_in<'a, 'i>(node: Node<'a, 'i>, kind: &str) -> Vec<(String, String, Node<'a, 'i>)> {
    let match_name = format!("{kind}Match");
    let designator = format!("{kind}AttributeDesignator");
    elements(node)
        .filter(|m| is(*m, &match_name))
        .map(|m| {
            let id = child(m, &designator)
                .and_then(|d| attr(d, "AttributeId"))
                .unwrap_or("")
                .to_string();
            let value = child(m, "AttributeValue").map(text).unwrap_or_default();
            (id, value, m)
        })
        .collect()
}
