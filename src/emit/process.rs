//! `App/config/process/process.bpmn` from the workflow: FormFilling → data task, Signing →
//! signing task (conditional signing behind an exclusive gateway), Payment → payment task,
//! SendIn → the end event. Without a workflow: fill in and submit. `extensionElements` come
//! before `incoming`/`outgoing` so the file validates against the BPMN 2.0 XSD.

use super::Context;
use super::xml::XmlOut;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{ActivityType, Step};
use serde_json::json;

const BPMN: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";

/// A task of the emitted process.
#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    /// For signing tasks: the signature data type.
    pub signature_type: Option<String>,
    /// For conditional signing: the Altinn expression that makes the task run.
    pub condition: Option<serde_json::Value>,
    /// Minimum authentication level the Altinn II step asked for.
    pub authentication_level: Option<u8>,
    /// Role codes the step required (signing).
    pub roles: Vec<String>,
}

/// The tasks of the service, in order (also used by the policy).
pub fn tasks(cx: &mut Context) -> Vec<Task> {
    let steps: Vec<Step> = cx
        .service
        .workflow
        .as_ref()
        .map(|w| w.steps.clone())
        .unwrap_or_default();
    let mut tasks: Vec<Task> = Vec::new();
    let mut signings = 0;
    for step in &steps {
        let id = format!("Task_{}", tasks.len() + 1);
        let base = Task {
            id: id.clone(),
            kind: "data",
            name: String::new(),
            signature_type: None,
            condition: None,
            authentication_level: step.authentication_level,
            roles: step.authorization_requirements.clone(),
        };
        match &step.activity_type {
            ActivityType::FormFilling => tasks.push(Task {
                name: "Utfylling".into(),
                ..base
            }),
            ActivityType::Signing => {
                signings += 1;
                let signature = if signings == 1 {
                    "signature".to_string()
                } else {
                    format!("signature{signings}")
                };
                let condition = conditional(cx, step);
                tasks.push(Task {
                    kind: "signing",
                    name: "Signering".into(),
                    signature_type: Some(signature),
                    condition,
                    ..base
                });
            }
            ActivityType::Payment => {
                cx.push(
                    Diagnostic::new(
                        Code::PaymentSetup,
                        "the payment step becomes a payment task; an Altinn 3 payment needs a Nets Easy agreement and an IOrderDetailsCalculator in the app's code",
                    )
                    .at((&step.origin).into()),
                );
                tasks.push(Task {
                    kind: "payment",
                    name: "Betaling".into(),
                    ..base
                });
            }
            ActivityType::SendIn => {}
            ActivityType::Other(other) => cx.push(
                Diagnostic::new(
                    Code::StepNotConverted,
                    format!(
                        "workflow step `{}` ({other}) has no Altinn 3 task; it was left out",
                        step.activity_id
                    ),
                )
                .at((&step.origin).into()),
            ),
        }
    }
    if !tasks.iter().any(|t| t.kind == "data") {
        tasks.insert(
            0,
            Task {
                id: String::new(),
                kind: "data",
                name: "Utfylling".into(),
                signature_type: None,
                condition: None,
                authentication_level: None,
                roles: Vec::new(),
            },
        );
    }
    // Ids in final order: the form's data task is always Task_1.
    for (i, t) in tasks.iter_mut().enumerate() {
        t.id = format!("Task_{}", i + 1);
    }
    tasks
}

/// Conditional signing: `ConditionalField` `ConditionalOperator` `ConditionalValue`.
fn conditional(cx: &mut Context, step: &Step) -> Option<serde_json::Value> {
    let prop = |name: &str| {
        step.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value.trim().to_string())
    };
    let field = prop("ConditionalField")?;
    let operator = prop("ConditionalOperator").unwrap_or_default();
    let value = prop("ConditionalValue").unwrap_or_default();
    let path = crate::emit::names::binding_path(cx.model, &absolute_path(&field));
    let function = match operator.to_ascii_lowercase().as_str() {
        "greaterthan" => "greaterThan",
        "greaterthanorequal" | "greaterthanequal" => "greaterThanEq",
        "lessthan" => "lessThan",
        "lessthanorequal" | "lessthanequal" => "lessThanEq",
        "equal" | "equals" => "equals",
        "notequal" | "notequals" => "notEquals",
        _ => {
            cx.push(
                Diagnostic::new(Code::StepNotConverted, format!("conditional signing operator `{operator}` is not known; the signing task always runs"))
                    .at((&step.origin).into()),
            );
            return None;
        }
    };
    if cx.model.find(&absolute_path(&field)).is_none() {
        cx.push(
            Diagnostic::new(Code::StepNotConverted, format!("conditional signing field `{field}` is not in the data model; the signing task always runs"))
                .at((&step.origin).into()),
        );
        return None;
    }
    let number = match (value.parse::<i64>(), value.parse::<f64>()) {
        (Ok(n), _) => json!(n),
        (_, Ok(n)) => json!(n),
        _ => json!(value),
    };
    Some(json!([function, ["dataModel", path], number]))
}

/// `/my:Melding/my:Kapital` → `/Melding/Kapital`.
fn absolute_path(xpath: &str) -> String {
    xpath
        .split('/')
        .map(|s| s.rsplit(':').next().unwrap_or(s))
        .collect::<Vec<_>>()
        .join("/")
}

pub fn emit(cx: &mut Context) {
    let tasks = tasks(cx);
    for t in &tasks {
        if let Some(signature) = &t.signature_type {
            cx.data_types.push(json!({ "id": signature, "allowedContentTypes": ["application/json"], "taskId": t.id,
                                      "maxCount": 1, "minCount": 0, "enablePdfCreation": false, "enableFileScan": false,
                                      "validationErrorOnPendingFileScan": false, "enabledFileAnalysers": [], "enabledFileValidators": [] }));
        }
        if t.kind == "payment" {
            cx.data_types.push(json!({ "id": "paymentInformation", "allowedContentTypes": ["application/json"], "taskId": t.id,
                                      "maxCount": 1, "minCount": 0, "enablePdfCreation": false, "enableFileScan": false,
                                      "validationErrorOnPendingFileScan": false, "enabledFileAnalysers": [], "enabledFileValidators": [] }));
            cx.data_types.push(json!({ "id": "paymentReceiptPdf", "allowedContentTypes": ["application/pdf"], "taskId": t.id,
                                      "maxCount": 1, "minCount": 0, "enablePdfCreation": false, "enableFileScan": false,
                                      "validationErrorOnPendingFileScan": false, "enabledFileAnalysers": [], "enabledFileValidators": [] }));
        }
    }
    let bpmn = write(cx, &tasks);
    cx.file("App/config/process/process.bpmn", bpmn);
    cx.tasks = tasks;
}

/// A node of the flow: its id, and the flows into and out of it.
struct Node {
    id: String,
    incoming: Vec<String>,
    outgoing: Vec<String>,
}

fn write(cx: &Context, tasks: &[Task]) -> Vec<u8> {
    // Lay out the flow: start → (gateway →) task → ... → end.
    let mut flows: Vec<(String, String, String, Option<String>)> = Vec::new(); // id, from, to, condition
    let mut gateways: Vec<(String, String)> = Vec::new(); // (gateway id, default flow id)
    let mut previous = "StartEvent_1".to_string();
    let flow = |from: &str,
                to: &str,
                condition: Option<String>,
                flows: &mut Vec<(String, String, String, Option<String>)>| {
        let id = format!("Flow_{}", flows.len() + 1);
        flows.push((id.clone(), from.to_string(), to.to_string(), condition));
        id
    };
    let mut pending_skip: Option<String> = None; // a gateway whose "no" branch joins the next node
    for t in tasks {
        match &t.condition {
            Some(expr) => {
                let gateway = format!("Gateway_{}", gateways.len() + 1);
                flow(&previous, &gateway, None, &mut flows);
                if let Some(skip) = pending_skip.take() {
                    let d = flow(&skip, &gateway, None, &mut flows);
                    if let Some(g) = gateways.iter_mut().find(|g| g.0 == skip) {
                        g.1 = d;
                    }
                }
                flow(&gateway, &t.id, Some(expr.to_string()), &mut flows);
                gateways.push((gateway.clone(), String::new()));
                pending_skip = Some(gateway);
            }
            None => {
                flow(&previous, &t.id, None, &mut flows);
                if let Some(skip) = pending_skip.take() {
                    let d = flow(&skip, &t.id, None, &mut flows);
                    if let Some(g) = gateways.iter_mut().find(|g| g.0 == skip) {
                        g.1 = d;
                    }
                }
            }
        }
        previous = t.id.clone();
    }
    flow(&previous, "EndEvent_1", None, &mut flows);
    if let Some(skip) = pending_skip.take() {
        let d = flow(&skip, "EndEvent_1", None, &mut flows);
        if let Some(g) = gateways.iter_mut().find(|g| g.0 == skip) {
            g.1 = d;
        }
    }
    let node = |id: &str| Node {
        id: id.to_string(),
        incoming: flows
            .iter()
            .filter(|f| f.2 == id)
            .map(|f| f.0.clone())
            .collect(),
        outgoing: flows
            .iter()
            .filter(|f| f.1 == id)
            .map(|f| f.0.clone())
            .collect(),
    };
    let mut x = XmlOut::new();
    x.open(
        "bpmn:definitions",
        &[
            ("xmlns:bpmn", BPMN),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xmlns:altinn", "http://altinn.no/process"),
            ("id", "Altinn_Converted_Process_Definition"),
            ("targetNamespace", "http://bpmn.io/schema/bpmn"),
        ],
    );
    x.open(
        "bpmn:process",
        &[("id", "Process_1"), ("isExecutable", "false")],
    );
    let start = node("StartEvent_1");
    x.open("bpmn:startEvent", &[("id", &start.id)]);
    for o in &start.outgoing {
        x.text("bpmn:outgoing", &[], o);
    }
    x.close("bpmn:startEvent");
    for t in tasks {
        let n = node(&t.id);
        x.open("bpmn:task", &[("id", &t.id), ("name", &t.name)]);
        x.open("bpmn:extensionElements", &[]);
        x.open("altinn:taskExtension", &[]);
        x.text("altinn:taskType", &[], t.kind);
        let actions: &[&str] = match t.kind {
            "signing" => &["sign", "reject"],
            "payment" => &["pay", "confirm", "reject"],
            _ => &[],
        };
        if !actions.is_empty() {
            x.open("altinn:actions", &[]);
            for a in actions {
                x.text("altinn:action", &[], a);
            }
            x.close("altinn:actions");
        }
        if let Some(signature) = &t.signature_type {
            x.open("altinn:signatureConfig", &[]);
            x.open("altinn:dataTypesToSign", &[]);
            x.text("altinn:dataType", &[], &cx.data_type);
            x.close("altinn:dataTypesToSign");
            x.text("altinn:signatureDataType", &[], signature);
            x.close("altinn:signatureConfig");
        }
        if t.kind == "payment" {
            x.open("altinn:paymentConfig", &[]);
            x.text("altinn:paymentDataType", &[], "paymentInformation");
            x.text("altinn:paymentReceiptPdfDataType", &[], "paymentReceiptPdf");
            x.close("altinn:paymentConfig");
        }
        x.close("altinn:taskExtension");
        x.close("bpmn:extensionElements");
        for i in &n.incoming {
            x.text("bpmn:incoming", &[], i);
        }
        for o in &n.outgoing {
            x.text("bpmn:outgoing", &[], o);
        }
        x.close("bpmn:task");
    }
    for (gateway, default) in &gateways {
        let n = node(gateway);
        let mut attrs = vec![("id", gateway.as_str())];
        if !default.is_empty() {
            attrs.push(("default", default.as_str()));
        }
        x.open("bpmn:exclusiveGateway", &attrs);
        for i in &n.incoming {
            x.text("bpmn:incoming", &[], i);
        }
        for o in &n.outgoing {
            x.text("bpmn:outgoing", &[], o);
        }
        x.close("bpmn:exclusiveGateway");
    }
    let end = node("EndEvent_1");
    x.open("bpmn:endEvent", &[("id", &end.id)]);
    for i in &end.incoming {
        x.text("bpmn:incoming", &[], i);
    }
    x.close("bpmn:endEvent");
    for (id, from, to, condition) in &flows {
        match condition {
            Some(expr) => {
                x.open(
                    "bpmn:sequenceFlow",
                    &[("id", id), ("sourceRef", from), ("targetRef", to)],
                );
                x.text(
                    "bpmn:conditionExpression",
                    &[("xsi:type", "bpmn:tFormalExpression")],
                    expr,
                );
                x.close("bpmn:sequenceFlow");
            }
            None => x.empty(
                "bpmn:sequenceFlow",
                &[("id", id), ("sourceRef", from), ("targetRef", to)],
            ),
        }
    }
    x.close("bpmn:process");
    x.close("bpmn:definitions");
    x.finish()
}
