//! `App/config/authorization/policy.xml` (XACML 3.0) from the Altinn II rules: one rule per
//! (subjects, actions, task) combination, the service owner's rule, and the minimum
//! authentication level obligations. Org and app are Studio's `[ORG]`/`[APP]` placeholders,
//! which Studio replaces at deploy, so a renamed or copied repository keeps working.
//!
//! What the app library enforces (see `docs/app-contracts.md`): `write` lets a user move a
//! signing task on without signing, so it is granted in the data task only; a payment task
//! needs `pay`, `confirm` and `reject` on that task.

use super::Context;
use super::process::{DATA_TASK, END_EVENT, TaskKind};
use super::xml::XmlOut;
use crate::access;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Action, Effect};
use std::collections::{BTreeMap, BTreeSet};

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

pub use crate::access::subjects::{Subject, subjects_of};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRule {
    pub description: String,
    pub subjects: Vec<Subject>,
    pub scope: Scope,
    pub actions: Vec<&'static str>,
}

/// What a signer may do in a signing task.
const SIGN: [&str; 3] = ["read", "sign", "reject"];

/// What the one who fills in the form may do in a payment task.
const PAY: [&str; 4] = ["read", "pay", "confirm", "reject"];

/// The Altinn 3 actions of an Altinn II action, and where they apply.
fn actions(cx: &Context, action: &Action) -> Vec<(Scope, Vec<&'static str>)> {
    let tasks = |kind: TaskKind| {
        cx.tasks
            .iter()
            .filter(move |t| t.kind == kind)
            .map(|t| Scope::Task(t.id.clone()))
    };
    match action {
        Action::Read => vec![(Scope::App, vec!["read"])],
        // Filling in: start, read and delete the instance anywhere, write in the data task
        // only, and pay where the service takes a payment.
        Action::Write => std::iter::once((Scope::App, vec!["instantiate", "read", "delete"]))
            .chain(std::iter::once((
                Scope::Task(DATA_TASK.to_string()),
                vec!["read", "write"],
            )))
            .chain(tasks(TaskKind::Payment).map(|t| (t, PAY.to_vec())))
            .collect(),
        Action::Sign => tasks(TaskKind::Signing)
            .map(|t| (t, SIGN.to_vec()))
            .collect(),
        Action::ArchiveRead => vec![(Scope::Ended, vec!["read"])],
        Action::ArchiveDelete => vec![(Scope::Ended, vec!["delete"])],
        Action::ServiceOwnerArchiveRead | Action::Delegate | Action::Other(_) => Vec::new(),
    }
}

/// The Altinn 3 subjects of one Altinn II role code (reported once per role).
pub struct Mapper<'a> {
    pub access_map: Option<&'a access::AccessMap>,
    pub diagnostics: Vec<Diagnostic>,
    reported: BTreeSet<String>,
}

impl<'a> Mapper<'a> {
    pub fn new(access_map: Option<&'a access::AccessMap>) -> Self {
        Mapper {
            access_map,
            diagnostics: Vec::new(),
            reported: BTreeSet::new(),
        }
    }

    /// The Altinn 3 subjects of one role code; findings are reported once per role.
    pub fn subjects(&mut self, code: &str, origin: &crate::ir::Origin) -> Vec<Subject> {
        let first = self.reported.insert(crate::access::role_key(code));
        let mapping = access::map_role(code, self.access_map);
        let (subjects, found) = subjects_of(&mapping, code);
        if first {
            self.diagnostics.extend(
                found
                    .into_iter()
                    .map(|(c, m)| Diagnostic::new(c, m).at(origin.into())),
            );
        }
        subjects
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
    let mut mapper = Mapper::new(cx.access_map);
    for rule in &auth.rules {
        if rule.effect == Effect::Deny {
            cx.push(
                Diagnostic::new(Code::DenyRule, format!("rule `{}` denies access; Altinn 3 app policies only grant, so it was left out", rule.id.as_deref().unwrap_or("?")))
                    .at((&rule.origin).into()),
            );
            continue;
        }
        let mut subjects: Vec<Subject> = Vec::new();
        for code in rule.subjects.iter().flat_map(|s| s.role_codes.iter()) {
            subjects.extend(mapper.subjects(code, &rule.origin));
        }
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
    // The roles a signing step itself requires sign in that task.
    for task in cx
        .tasks
        .clone()
        .iter()
        .filter(|t| t.kind == TaskKind::Signing && !t.roles.is_empty())
    {
        // Findings point at the signing step that names the roles.
        let origin = task.origin.clone();
        let mut subjects = Vec::new();
        for code in &task.roles {
            subjects.extend(mapper.subjects(code, &origin));
        }
        grouped
            .entry((Scope::Task(task.id.clone()), SIGN.to_vec()))
            .or_default()
            .extend(subjects);
    }
    cx.diagnostics.append(&mut mapper.diagnostics);
    finish(grouped, "app")
}

/// Grouped subjects → rules: packages first, then roles, each once.
fn finish(
    grouped: BTreeMap<(Scope, Vec<&'static str>), Vec<Subject>>,
    target: &str,
) -> Vec<PolicyRule> {
    grouped
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|((scope, actions), mut subjects)| {
            // Packages first, then roles; each once.
            subjects.sort_by(|a, b| {
                (a.0 != "urn:altinn:accesspackage", a).cmp(&(b.0 != "urn:altinn:accesspackage", b))
            });
            subjects.dedup();
            let description = match &scope {
                Scope::App => format!(
                    "Converted from Altinn II: {} on the {target}",
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
        subjects: vec![("urn:altinn:org".into(), "[ORG]".into())],
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
    // Ids are URIs (XACML types them `anyURI`, which takes no `[`); they decide nothing,
    // so they keep the converted names.
    let id = format!("urn:altinn:resource:app_{}_{}:policyid:1", cx.org, cx.app);
    let bytes = write(
        &id,
        &[("urn:altinn:org", "[ORG]"), ("urn:altinn:app", "[APP]")],
        &rules,
        level,
    );
    cx.file("App/config/authorization/policy.xml", bytes);
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

/// The XACML document. `resource` is what every rule's resource match names (org and app, or
/// a Resource Registry resource).
fn write(id: &str, resource: &[(&str, &str)], rules: &[PolicyRule], level: u8) -> Vec<u8> {
    let mut x = XmlOut::new();
    x.open(
        "xacml:Policy",
        &[
            ("xmlns:xacml", XACML),
            ("PolicyId", id),
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
        let mut resource = resource.to_vec();
        match &rule.scope {
            Scope::App => {}
            Scope::Task(t) => resource.push(("urn:altinn:task", t)),
            Scope::Ended => resource.push(("urn:altinn:end-event", END_EVENT)),
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

/// The policy of a Resource Registry resource (a non-app service): the Altinn II rules on the
/// resource, Read/ArchiveRead/ArchiveDelete → read, Write → write.
pub fn resource_policy(
    service: &crate::ir::Service,
    access_map: Option<&access::AccessMap>,
    identifier: &str,
    sender: Option<&str>,
) -> (Vec<u8>, Vec<Diagnostic>) {
    let mut mapper = Mapper::new(access_map);
    let mut grouped: BTreeMap<(Scope, Vec<&'static str>), Vec<Subject>> = BTreeMap::new();
    for rule in service
        .authorization
        .iter()
        .flat_map(|a| &a.rules)
        .filter(|r| r.effect == Effect::Permit)
    {
        let mut subjects = Vec::new();
        for code in rule.subjects.iter().flat_map(|s| s.role_codes.iter()) {
            subjects.extend(mapper.subjects(code, &rule.origin));
        }
        for action in &rule.actions {
            let list: &[&'static str] = match action {
                Action::Read | Action::ArchiveRead | Action::ArchiveDelete => &["read"],
                Action::Write => &["write"],
                _ => continue,
            };
            grouped
                .entry((Scope::App, list.to_vec()))
                .or_default()
                .extend(subjects.iter().cloned());
        }
    }
    let mut rules = finish(grouped, "resource");
    // Correspondence: the owner sends, and Studio's resource admin offers that rule for it.
    if service.identity.service_type == crate::ir::ServiceType::Correspondence
        && let Some(org) = sender
    {
        rules.push(PolicyRule {
            description: "The service owner sends correspondence with this resource".into(),
            subjects: vec![("urn:altinn:org".into(), org.to_string())],
            scope: Scope::App,
            actions: vec!["read", "write"],
        });
    }
    let id = format!("urn:altinn:resource:{identifier}:policyid:1");
    let level = service.edition.security_level.unwrap_or(2);
    (
        write(&id, &[("urn:altinn:resource", identifier)], &rules, level),
        mapper.diagnostics,
    )
}
