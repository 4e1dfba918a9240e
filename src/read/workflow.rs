//! WorkflowDefinition (assumed shape): `Workflow[@WorkflowId]` with `Step[@activityId]
//! [@activityType]` children (optionally in a `Steps` wrapper), each with its authentication
//! level, authorization requirements and typed properties.

use super::Reader;
use super::xml::{self, Xml, attr, elements, is};
use crate::diagnostics::{Code, Location};
use crate::ir::{ActivityType, Lang, Step, StepProperty, Workflow};
use roxmltree::Node;
use std::collections::{BTreeMap, HashSet};

pub fn read(r: &mut Reader, name: &str, at: &Location) -> Option<Workflow> {
    r.with_xml(name, at, "Workflow", |r, xml| {
        let root = xml.root();
        let mut workflow = Workflow {
            file: xml.file.clone(),
            id: xml::value(root, "WorkflowId"),
            names: BTreeMap::new(),
            steps: Vec::new(),
        };
        let mut ids = HashSet::new();
        for node in elements(root) {
            if is(node, "Step") {
                push_step(r, xml, node, &mut workflow, &mut ids);
            } else if is(node, "Steps") {
                for step in elements(node) {
                    if is(step, "Step") {
                        push_step(r, xml, step, &mut workflow, &mut ids);
                    } else {
                        r.push(xml.unknown(step, "Steps"));
                    }
                }
            } else if is(node, "Name") {
                workflow.names = lang_texts(r, xml, node);
            } else if !is(node, "Description") && !is(node, "WorkflowId") {
                r.push(xml.unknown(node, "the workflow"));
            }
        }
        if workflow.steps.is_empty() {
            r.push(xml.diag(
                Code::WorkflowWithoutSteps,
                root,
                "the workflow definition has no steps",
            ));
        }
        workflow
    })
}

fn lang_texts(r: &mut Reader, xml: &Xml, node: Node) -> BTreeMap<Lang, String> {
    let mut out = BTreeMap::new();
    for t in elements(node).filter(|t| is(*t, "Text")) {
        let lcid = attr(t, "lcid").unwrap_or("");
        match Lang::from_lcid(lcid) {
            Some(lang) => {
                out.insert(lang, xml::text(t));
            }
            None => r.push(xml.diag(
                Code::UnknownLanguage,
                t,
                format!("text with unknown LCID `{lcid}`"),
            )),
        }
    }
    out
}

fn push_step(
    r: &mut Reader,
    xml: &Xml,
    node: Node,
    workflow: &mut Workflow,
    ids: &mut HashSet<String>,
) {
    let mut activity_id =
        xml::value(node, "activityId").unwrap_or_else(|| (workflow.steps.len() + 1).to_string());
    if !ids.insert(activity_id.clone()) {
        let renamed = format!("{activity_id}-{}", workflow.steps.len() + 1);
        r.push(xml.diag(
            Code::DuplicateActivity,
            node,
            format!("activityId `{activity_id}` is used twice; this step becomes `{renamed}`"),
        ));
        activity_id = renamed;
        ids.insert(activity_id.clone());
    }
    let raw_type = xml::value(node, "activityType").unwrap_or_default();
    let activity_type = ActivityType::parse(&raw_type);
    if let ActivityType::Other(other) = &activity_type {
        r.push(xml.diag(
            Code::UnknownActivityType,
            node,
            format!("step `{activity_id}` has the unknown activity type `{other}`"),
        ));
    }
    let mut step = Step {
        activity_id,
        activity_type,
        authentication_level: None,
        authorization_requirements: Vec::new(),
        properties: Vec::new(),
        origin: xml.origin(node),
    };
    for child in elements(node) {
        if is(child, "AuthenticationLevel") {
            let raw = xml::text(child);
            match raw.parse::<u8>() {
                Ok(level) if level <= 4 => step.authentication_level = Some(level),
                _ => r.push(xml.diag(
                    Code::InvalidValue,
                    child,
                    format!("authentication level `{raw}` is not 0-4"),
                )),
            }
        } else if is(child, "AuthorizationRequirements") {
            step.authorization_requirements.extend(
                xml::text(child)
                    .split([',', ';', ' '])
                    .map(|s| s.trim().to_ascii_uppercase())
                    .filter(|s| !s.is_empty()),
            );
        } else if is(child, "Property") {
            step.properties.push(StepProperty {
                name: xml::value(child, "name").unwrap_or_default(),
                property_type: attr(child, "propertyType").map(str::to_string),
                value: xml::property_value(child),
            });
        } else if !is(child, "activityId") && !is(child, "activityType") {
            r.push(xml.unknown(child, &format!("step `{}`", step.activity_id)));
        }
    }
    workflow.steps.push(step);
}
