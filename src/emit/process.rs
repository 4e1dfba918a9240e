//! `App/config/process/process.bpmn` from the workflow: FormFilling → data task, Signing →
//! signing task (conditional signing behind an exclusive gateway), Payment → payment task,
//! SendIn → the end event. Without a workflow: fill in and submit. `extensionElements` come
//! before `incoming`/`outgoing` so the file validates against the BPMN 2.0 XSD.
//!
//! What the app library's process engine needs (see `docs/app-contracts.md`): an exclusive
//! gateway evaluates every outgoing flow and throws unless exactly one passes, so every flow
//! out of a gateway has a condition and the conditions exclude each other; `reject` in a
//! signing or payment task goes through a gateway back to the data task (an end event
//! would archive the form unsigned). The diagram (`bpmndi`) lays the nodes out left to right
//! so Studio's process editor can show it.

use super::Context;
use super::xml::XmlOut;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{ActivityType, Step};
use serde_json::json;

const BPMN: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";

/// The form's data task: always the first task.
pub const DATA_TASK: &str = "Task_1";
pub const START_EVENT: &str = "StartEvent_1";
pub const END_EVENT: &str = "EndEvent_1";

/// The routing condition of a gateway after a task that offers `reject`.
fn rejected() -> serde_json::Value {
    json!(["equals", ["gatewayAction"], "reject"])
}

pub const PAYMENT_DATA_TYPE: &str = "paymentInformation";
pub const PAYMENT_RECEIPT_TYPE: &str = "paymentReceiptPdf";

/// The Altinn 3 task types the converter makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind {
    Data,
    Signing,
    Payment,
}

impl TaskKind {
    /// `altinn:taskType`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Data => "data",
            TaskKind::Signing => "signing",
            TaskKind::Payment => "payment",
        }
    }

    /// The `altinn:actions` of the task: what its buttons do.
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            TaskKind::Data => &[],
            TaskKind::Signing => &["sign", "reject"],
            TaskKind::Payment => &["pay", "confirm", "reject"],
        }
    }

    pub fn offers_reject(self) -> bool {
        self.actions().contains(&"reject")
    }
}

/// A task of the emitted process.
#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub kind: TaskKind,
    pub name: String,
    /// For signing tasks: the signature data type.
    pub signature_type: Option<String>,
    /// For conditional signing: the Altinn expression that makes the task run.
    pub condition: Option<serde_json::Value>,
    /// Minimum authentication level the Altinn II step asked for.
    pub authentication_level: Option<u8>,
    /// Role codes the step required (signing).
    pub roles: Vec<String>,
    /// The workflow step it comes from.
    pub origin: crate::ir::Origin,
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
            kind: TaskKind::Data,
            name: String::new(),
            signature_type: None,
            condition: None,
            authentication_level: step.authentication_level,
            roles: step.authorization_requirements.clone(),
            origin: step.origin.clone(),
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
                    kind: TaskKind::Signing,
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
                    kind: TaskKind::Payment,
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
    if !tasks.iter().any(|t| t.kind == TaskKind::Data) {
        tasks.insert(
            0,
            Task {
                id: String::new(),
                kind: TaskKind::Data,
                name: "Utfylling".into(),
                signature_type: None,
                condition: None,
                authentication_level: None,
                roles: Vec::new(),
                origin: Default::default(),
            },
        );
    }
    // Ids in final order: the form's data task is always the first (DATA_TASK).
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
            cx.data_types
                .push(app_owned(signature, "application/json", &t.id));
        }
        if t.kind == TaskKind::Payment {
            cx.data_types
                .push(app_owned(PAYMENT_DATA_TYPE, "application/json", &t.id));
            cx.data_types
                .push(app_owned(PAYMENT_RECEIPT_TYPE, "application/pdf", &t.id));
        }
    }
    let bpmn = write(cx, &tasks);
    cx.file("App/config/process/process.bpmn", bpmn);
    cx.tasks = tasks;
}

/// A data type only the app writes (signatures, payment records). The app library checks
/// `allowedContributers` (the metadata schema's spelling) when the task starts.
fn app_owned(id: &str, content_type: &str, task: &str) -> serde_json::Value {
    json!({ "id": id, "allowedContentTypes": [content_type], "allowedContributers": ["app:owned"], "taskId": task,
            "maxCount": 1, "minCount": 0, "enablePdfCreation": false, "enableFileScan": false,
            "validationErrorOnPendingFileScan": false, "enabledFileAnalysers": [], "enabledFileValidators": [] })
}

/// The process as a graph: nodes in the order they are written and laid out, flows between.
struct Graph {
    nodes: Vec<Node>,
    flows: Vec<Flow>,
}

enum NodeKind {
    Start,
    Task(usize),
    Gateway,
    End,
}

struct Node {
    id: String,
    kind: NodeKind,
}

struct Flow {
    id: String,
    from: String,
    to: String,
    condition: Option<serde_json::Value>,
}

impl Graph {
    fn flow(&mut self, from: &str, to: &str, condition: Option<serde_json::Value>) {
        let id = format!("Flow_{}", self.flows.len() + 1);
        self.flows.push(Flow {
            id,
            from: from.to_string(),
            to: to.to_string(),
            condition,
        });
    }

    fn node(&mut self, id: String, kind: NodeKind) -> String {
        self.nodes.push(Node {
            id: id.clone(),
            kind,
        });
        id
    }

    fn incoming(&self, id: &str) -> impl Iterator<Item = &str> {
        self.flows
            .iter()
            .filter(move |f| f.to == id)
            .map(|f| f.id.as_str())
    }

    fn outgoing(&self, id: &str) -> impl Iterator<Item = &str> {
        self.flows
            .iter()
            .filter(move |f| f.from == id)
            .map(|f| f.id.as_str())
    }
}

/// start → [condition gateway →] task [→ reject gateway] → ... → end. A stage's entry is its
/// condition gateway when it has one; a skipped or approved stage goes on to the next entry.
fn graph(tasks: &[Task]) -> Graph {
    let mut g = Graph {
        nodes: Vec::new(),
        flows: Vec::new(),
    };
    g.node(START_EVENT.into(), NodeKind::Start);
    let mut gateways = 0;
    let mut gateway = |g: &mut Graph| {
        gateways += 1;
        g.node(format!("Gateway_{gateways}"), NodeKind::Gateway)
    };
    // Flows still waiting for the next stage's entry: (from, condition).
    let mut pending: Vec<(String, Option<serde_json::Value>)> = vec![(START_EVENT.into(), None)];
    for (i, t) in tasks.iter().enumerate() {
        let entry = match &t.condition {
            Some(_) => gateway(&mut g),
            None => t.id.clone(),
        };
        for (from, condition) in pending.drain(..) {
            g.flow(&from, &entry, condition);
        }
        if let Some(condition) = &t.condition {
            g.flow(&entry, &t.id, Some(condition.clone()));
            pending.push((entry.clone(), Some(json!(["not", condition]))));
        }
        g.node(t.id.clone(), NodeKind::Task(i));
        if t.kind.offers_reject() {
            let decision = gateway(&mut g);
            g.flow(&t.id, &decision, None);
            g.flow(&decision, DATA_TASK, Some(rejected()));
            pending.push((decision, Some(json!(["not", rejected()]))));
        } else {
            pending.push((t.id.clone(), None));
        }
    }
    g.node(END_EVENT.into(), NodeKind::End);
    for (from, condition) in pending {
        g.flow(&from, END_EVENT, condition);
    }
    g
}

fn write(cx: &Context, tasks: &[Task]) -> Vec<u8> {
    let g = graph(tasks);
    let mut x = XmlOut::new();
    x.open(
        "bpmn:definitions",
        &[
            ("xmlns:bpmn", BPMN),
            ("xmlns:bpmndi", "http://www.omg.org/spec/BPMN/20100524/DI"),
            ("xmlns:dc", "http://www.omg.org/spec/DD/20100524/DC"),
            ("xmlns:di", "http://www.omg.org/spec/DD/20100524/DI"),
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
    for node in &g.nodes {
        match node.kind {
            NodeKind::Start => {
                x.open("bpmn:startEvent", &[("id", &node.id)]);
                flows_of(&mut x, &g, &node.id);
                x.close("bpmn:startEvent");
            }
            NodeKind::Task(i) => task(cx, &mut x, &g, &tasks[i]),
            NodeKind::Gateway => {
                x.open("bpmn:exclusiveGateway", &[("id", &node.id)]);
                // The data the gateway's expressions read.
                x.open("bpmn:extensionElements", &[]);
                x.open("altinn:gatewayExtension", &[]);
                x.text("altinn:connectedDataTypeId", &[], &cx.data_type);
                x.close("altinn:gatewayExtension");
                x.close("bpmn:extensionElements");
                flows_of(&mut x, &g, &node.id);
                x.close("bpmn:exclusiveGateway");
            }
            NodeKind::End => {
                x.open("bpmn:endEvent", &[("id", &node.id)]);
                flows_of(&mut x, &g, &node.id);
                x.close("bpmn:endEvent");
            }
        }
    }
    for f in &g.flows {
        let attrs = [
            ("id", f.id.as_str()),
            ("sourceRef", f.from.as_str()),
            ("targetRef", f.to.as_str()),
        ];
        match &f.condition {
            Some(expr) => {
                x.open("bpmn:sequenceFlow", &attrs);
                x.text(
                    "bpmn:conditionExpression",
                    &[("xsi:type", "bpmn:tFormalExpression")],
                    &expr.to_string(),
                );
                x.close("bpmn:sequenceFlow");
            }
            None => x.empty("bpmn:sequenceFlow", &attrs),
        }
    }
    x.close("bpmn:process");
    diagram(&mut x, &g);
    x.close("bpmn:definitions");
    x.finish()
}

fn flows_of(x: &mut XmlOut, g: &Graph, id: &str) {
    for i in g.incoming(id) {
        x.text("bpmn:incoming", &[], i);
    }
    for o in g.outgoing(id) {
        x.text("bpmn:outgoing", &[], o);
    }
}

fn task(cx: &Context, x: &mut XmlOut, g: &Graph, t: &Task) {
    x.open("bpmn:task", &[("id", &t.id), ("name", &t.name)]);
    x.open("bpmn:extensionElements", &[]);
    x.open("altinn:taskExtension", &[]);
    x.text("altinn:taskType", &[], t.kind.as_str());
    let actions = t.kind.actions();
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
        // Without it, `process/next` with `write` moves past the task unsigned.
        x.text("altinn:runDefaultValidator", &[], "true");
        x.close("altinn:signatureConfig");
    }
    if t.kind == TaskKind::Payment {
        x.open("altinn:paymentConfig", &[]);
        x.text("altinn:paymentDataType", &[], PAYMENT_DATA_TYPE);
        x.text(
            "altinn:paymentReceiptPdfDataType",
            &[],
            PAYMENT_RECEIPT_TYPE,
        );
        x.close("altinn:paymentConfig");
    }
    x.close("altinn:taskExtension");
    x.close("bpmn:extensionElements");
    flows_of(x, g, &t.id);
    x.close("bpmn:task");
}

/// Shapes left to right in node order (a gateway between its neighbours), edges as straight
/// lines, and the flows back to the data task drawn below the row.
fn diagram(x: &mut XmlOut, g: &Graph) {
    const ROW: i64 = 100;
    let mut bounds: Vec<(&str, i64, i64, i64, i64)> = Vec::new();
    let mut left = 150;
    for node in &g.nodes {
        let (w, h) = match node.kind {
            NodeKind::Task(_) => (100, 80),
            NodeKind::Gateway => (50, 50),
            NodeKind::Start | NodeKind::End => (36, 36),
        };
        bounds.push((&node.id, left, ROW + 40 - h / 2, w, h));
        left += w + 60;
    }
    let find = |id: &str| bounds.iter().find(|b| b.0 == id).copied();
    x.open("bpmndi:BPMNDiagram", &[("id", "BPMNDiagram_1")]);
    x.open(
        "bpmndi:BPMNPlane",
        &[("id", "BPMNPlane_1"), ("bpmnElement", "Process_1")],
    );
    for (id, bx, by, w, h) in &bounds {
        let shape = format!("{id}_di");
        x.open("bpmndi:BPMNShape", &[("id", &shape), ("bpmnElement", id)]);
        let (bx, by, w, h) = (bx.to_string(), by.to_string(), w.to_string(), h.to_string());
        x.empty(
            "dc:Bounds",
            &[("x", &bx), ("y", &by), ("width", &w), ("height", &h)],
        );
        x.close("bpmndi:BPMNShape");
    }
    for f in &g.flows {
        let (Some(a), Some(b)) = (find(&f.from), find(&f.to)) else {
            continue;
        };
        let edge = format!("{}_di", f.id);
        x.open("bpmndi:BPMNEdge", &[("id", &edge), ("bpmnElement", &f.id)]);
        let mid = ROW + 40;
        let points: Vec<(i64, i64)> = if b.1 > a.1 {
            vec![(a.1 + a.3, mid), (b.1, mid)]
        } else {
            // Back to an earlier node: under the row.
            let below = ROW + 120;
            vec![
                (a.1 + a.3 / 2, a.2 + a.4),
                (a.1 + a.3 / 2, below),
                (b.1 + b.3 / 2, below),
                (b.1 + b.3 / 2, b.2 + b.4),
            ]
        };
        for (px, py) in points {
            x.empty(
                "di:waypoint",
                &[("x", &px.to_string()), ("y", &py.to_string())],
            );
        }
        x.close("bpmndi:BPMNEdge");
    }
    x.close("bpmndi:BPMNPlane");
    x.close("bpmndi:BPMNDiagram");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, kind: TaskKind, condition: Option<serde_json::Value>) -> Task {
        Task {
            id: id.into(),
            kind,
            name: String::new(),
            signature_type: None,
            condition,
            authentication_level: None,
            roles: Vec::new(),
            origin: Default::default(),
        }
    }

    #[test]
    fn every_gateway_flow_is_conditioned_and_reject_goes_back() {
        let cond = json!(["greaterThan", ["dataModel", "a"], 5]);
        let g = graph(&[
            task("Task_1", TaskKind::Data, None),
            task("Task_2", TaskKind::Signing, Some(cond.clone())),
        ]);
        for node in g
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Gateway))
        {
            let out: Vec<&Flow> = g.flows.iter().filter(|f| f.from == node.id).collect();
            assert_eq!(out.len(), 2, "{}", node.id);
            assert!(out.iter().all(|f| f.condition.is_some()));
        }
        // The condition pair: the task when it holds, past it when it does not.
        let skip = g
            .flows
            .iter()
            .find(|f| f.from == "Gateway_1" && f.to == END_EVENT);
        assert_eq!(skip.unwrap().condition, Some(json!(["not", cond])));
        let back = g
            .flows
            .iter()
            .find(|f| f.to == DATA_TASK && f.from == "Gateway_2");
        assert_eq!(back.unwrap().condition, Some(rejected()));
        assert!(
            !g.flows
                .iter()
                .any(|f| f.from == "Task_2" && f.to == END_EVENT)
        );
    }
}
