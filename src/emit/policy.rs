//! `App/config/authorization/policy.xml` (XACML 3.0) from the Altinn II rules: one rule per
//! (subjects, actions, task) combination, the service owner's rule, and the minimum
//! authentication level obligations. Real org and app values, no placeholders.

use super::Context;
use super::xml::XmlOut;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Action, Effect};
use std::collections::BTreeMap;

const XACML: &str = "urn:oasis:names:tc:xacml:3.0:core:schema:wd-17";
const STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
const SUBJECT: &str = "urn:oasis:names:tc:xacml:1.0:subject-category:access-subject";
const RESOURCE: &str = "urn:oasis:names:tc:xacml:3.0:attribute-category:resource";
const ACTION: &str = "urn:oasis:names:tc:xacml:3.0:attribute-category:action";

/// Where a rule applies: the whole app, one task, or the ended process.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    App,
    Task(String),
    Ended,
}

/// A subject of an Altinn 3 rule: `(attribute id, value)`.
pub type Subject = (String, String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRule {
    pub description: String,
    pub subjects: Vec<Subject>,
    pub scope: Scope,
    pub actions: Vec<&'static str>,
}

/// The Altinn 3 actions of an Altinn II action, and where they apply.
fn actions(cx: &Context, action: &Action) -> Vec<(Scope, Vec<&'static str>)> {
    let signing: Vec<String> = cx
        .tasks
        .iter()
        .filter(|t| t.kind == "signing")
        .map(|t| t.id.clone())
        .collect();
    match action {
        Action::Read => vec![(Scope::App, vec!["read"])],
        Action::Write => vec![(Scope::App, vec!["instantiate", "read", "write", "delete"])],
        Action::Sign => signing
            .into_iter()
            .map(|t| (Scope::Task(t), vec!["sign", "reject"]))
            .collect(),
        Action::ArchiveRead => vec![(Scope::Ended, vec!["read"])],
        Action::ArchiveDelete => vec![(Scope::Ended, vec!["delete"])],
        Action::ServiceOwnerArchiveRead | Action::Delegate | Action::Other(_) => Vec::new(),
    }
}

/// The rules of the app, merged so that equal subjects, scope and actions make one rule.
pub fn rules(cx: &mut Context) -> Vec<PolicyRule> {
    let mut grouped: BTreeMap<(Scope, Vec<&'static str>), Vec<Subject>> = BTreeMap::new();
    let Some(auth) = cx.service.authorization.clone() else {
        cx.push(
            Diagnostic::new(
                Code::NoAuthorizationRules,
                "the package has no authorization rules; only the service owner can use the app",
            )
            .in_file("manifest.xml"),
        );
        return Vec::new();
    };
    for rule in &auth.rules {
        if rule.effect == Effect::Deny {
            cx.push(
                Diagnostic::new(Code::DenyRule, format!("rule `{}` denies access; Altinn 3 app policies only grant, so it was left out", rule.id.as_deref().unwrap_or("?")))
                    .at((&rule.origin).into()),
            );
            continue;
        }
        let subjects: Vec<Subject> = rule
            .subjects
            .iter()
            .flat_map(|s| s.role_codes.iter())
            .map(|r| ("urn:altinn:rolecode".to_string(), r.to_ascii_lowercase()))
            .collect();
        for action in &rule.actions {
            if *action == Action::Delegate {
                cx.push(
                    Diagnostic::new(Code::DelegateAction, "the Delegate action has no Altinn 3 policy action; delegation follows from access packages and the app's `access.delegable` setting")
                        .at((&rule.origin).into()),
                );
            }
            for (scope, list) in actions(cx, action) {
                grouped
                    .entry((scope, list))
                    .or_default()
                    .extend(subjects.iter().cloned());
            }
        }
    }
    grouped
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|((scope, actions), mut subjects)| {
            subjects.sort();
            subjects.dedup();
            let description = match &scope {
                Scope::App => format!(
                    "Converted from Altinn II: {} on the app",
                    actions.join(", ")
                ),
                Scope::Task(t) => {
                    format!("Converted from Altinn II: {} in {t}", actions.join(", "))
                }
                Scope::Ended => format!(
                    "Converted from Altinn II: {} after submission",
                    actions.join(", ")
                ),
            };
            PolicyRule {
                description,
                subjects,
                scope,
                actions,
            }
        })
        .collect()
}

pub fn emit(cx: &mut Context) {
    let mut rules = rules(cx);
    rules.push(PolicyRule {
        description: "The service owner reads, writes, instantiates and completes instances".into(),
        subjects: vec![("urn:altinn:org".into(), cx.org.clone())],
        scope: Scope::App,
        actions: vec!["read", "write", "instantiate", "complete"],
    });
    let level = cx.service.edition.security_level.unwrap_or(2);
    for task in cx.tasks.clone() {
        if let Some(step_level) = task.authentication_level.filter(|l| *l > level) {
            cx.push(
                Diagnostic::new(
                    Code::StepAuthenticationLevel,
                    format!("{} asked for security level {step_level}, above the service's {level}; Altinn 3 sets one minimum level per app", task.id),
                )
                .in_file("App/config/authorization/policy.xml"),
            );
        }
    }
    let bytes = write(cx, &rules, level);
    cx.file("App/config/authorization/policy.xml", bytes);
}

fn policy_id(cx: &Context) -> String {
    format!("urn:altinn:resource:app_{}_{}:policyid:1", cx.org, cx.app)
}

fn matches(x: &mut XmlOut, function: &str, category: &str, pairs: &[(&str, &str)]) {
    x.open("xacml:AllOf", &[]);
    for (attribute, value) in pairs {
        x.open("xacml:Match", &[("MatchId", function)]);
        x.text("xacml:AttributeValue", &[("DataType", STRING)], value);
        x.empty(
            "xacml:AttributeDesignator",
            &[
                ("AttributeId", attribute),
                ("Category", category),
                ("DataType", STRING),
                ("MustBePresent", "false"),
            ],
        );
        x.close("xacml:Match");
    }
    x.close("xacml:AllOf");
}

fn write(cx: &Context, rules: &[PolicyRule], level: u8) -> Vec<u8> {
    let id = policy_id(cx);
    let mut x = XmlOut::new();
    x.open(
        "xacml:Policy",
        &[
            ("xmlns:xacml", XACML),
            ("PolicyId", &id),
            ("Version", "1.0"),
            (
                "RuleCombiningAlgId",
                "urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides",
            ),
        ],
    );
    x.empty("xacml:Target", &[]);
    for (n, rule) in rules.iter().enumerate() {
        let rule_id = format!("{id}:ruleid:{}", n + 1);
        x.open("xacml:Rule", &[("RuleId", &rule_id), ("Effect", "Permit")]);
        x.text("xacml:Description", &[], &rule.description);
        x.open("xacml:Target", &[]);
        x.open("xacml:AnyOf", &[]);
        for (attribute, value) in &rule.subjects {
            matches(
                &mut x,
                "urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case",
                SUBJECT,
                &[(attribute, value)],
            );
        }
        x.close("xacml:AnyOf");
        x.open("xacml:AnyOf", &[]);
        let mut resource = vec![
            ("urn:altinn:org", cx.org.as_str()),
            ("urn:altinn:app", cx.app.as_str()),
        ];
        match &rule.scope {
            Scope::App => {}
            Scope::Task(t) => resource.push(("urn:altinn:task", t)),
            Scope::Ended => resource.push(("urn:altinn:end-event", "EndEvent_1")),
        }
        matches(
            &mut x,
            "urn:oasis:names:tc:xacml:1.0:function:string-equal",
            RESOURCE,
            &resource,
        );
        x.close("xacml:AnyOf");
        x.open("xacml:AnyOf", &[]);
        for action in &rule.actions {
            matches(
                &mut x,
                "urn:oasis:names:tc:xacml:1.0:function:string-equal",
                ACTION,
                &[("urn:oasis:names:tc:xacml:1.0:action:action-id", action)],
            );
        }
        x.close("xacml:AnyOf");
        x.close("xacml:Target");
        x.close("xacml:Rule");
    }
    x.open("xacml:ObligationExpressions", &[]);
    for (n, (category, value)) in [
        ("urn:altinn:minimum-authenticationlevel", level),
        ("urn:altinn:minimum-authenticationlevel-org", level.max(3)),
    ]
    .iter()
    .enumerate()
    {
        let n = n + 1;
        x.open(
            "xacml:ObligationExpression",
            &[
                (
                    "ObligationId",
                    &format!("urn:altinn:obligation:authenticationLevel{n}"),
                ),
                ("FulfillOn", "Permit"),
            ],
        );
        x.open(
            "xacml:AttributeAssignmentExpression",
            &[
                (
                    "AttributeId",
                    &format!("urn:altinn:obligation{n}-assignment{n}"),
                ),
                ("Category", category),
            ],
        );
        x.text(
            "xacml:AttributeValue",
            &[("DataType", "http://www.w3.org/2001/XMLSchema#integer")],
            &value.to_string(),
        );
        x.close("xacml:AttributeAssignmentExpression");
        x.close("xacml:ObligationExpression");
    }
    x.close("xacml:ObligationExpressions");
    x.close("xacml:Policy");
    x.finish()
}
