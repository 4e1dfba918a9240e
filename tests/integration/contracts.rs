//! What Altinn's app library does with the emitted process, policy and metadata, as checks
//! over every emitted app (docs/app-contracts.md §3 and §4):
//!
//! - an exclusive gateway evaluates every outgoing flow, so each one has a condition
//!   (`ExpressionsExclusiveGateway`, `ProcessNavigator`);
//! - `reject` skips validation and an end event archives the instance, so no signing or
//!   payment task's flow reaches an end event without a gateway sending `reject` back to
//!   the data task (`ProcessEngine`);
//! - signature and payment data types are app-owned (`AllowedContributorsHelper`);
//! - `write` moves a signing task on without signing, so no role has it outside the data task
//!   (`ProcessEngineAuthorizer.GetActionsThatAllowProcessNextForTaskType`);
//! - every action a task's type needs is granted in that task to someone.
//!
//! Each check is a function over a parsed app, so the tests below can break a copy of a real
//! emitted app and see the check fail.

use crate::apps::all;
use roxmltree::Document;
use serde_json::Value;
use std::path::Path;

#[derive(Clone, Debug)]
struct Task {
    id: String,
    kind: String,
    actions: Vec<String>,
    /// Data types the app alone writes: signature, payment and receipt.
    owned_types: Vec<String>,
}

#[derive(Clone, Debug)]
struct Flow {
    id: String,
    from: String,
    to: String,
    condition: Option<String>,
}

#[derive(Clone, Debug)]
struct Process {
    tasks: Vec<Task>,
    gateways: Vec<String>,
    starts: Vec<String>,
    ends: Vec<String>,
    flows: Vec<Flow>,
    /// Flow nodes and flows with a diagram element.
    drawn: Vec<String>,
}

#[derive(Clone, Debug)]
struct Rule {
    subjects: Vec<(String, String)>,
    resources: Vec<(String, String)>,
    actions: Vec<String>,
}

#[derive(Clone, Debug)]
struct App {
    process: Process,
    rules: Vec<Rule>,
    metadata: Value,
}

fn local<'a>(n: roxmltree::Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

fn texts(n: roxmltree::Node, name: &str) -> Vec<String> {
    n.descendants()
        .filter(|d| local(*d) == name)
        .filter_map(|d| d.text())
        .map(|t| t.trim().to_string())
        .collect()
}

fn parse_process(text: &str) -> Process {
    let doc = Document::parse(text).unwrap();
    let nodes = |name: &str| -> Vec<roxmltree::Node> {
        doc.descendants().filter(|d| local(*d) == name).collect()
    };
    let id = |n: roxmltree::Node| n.attribute("id").unwrap().to_string();
    let tasks = nodes("task")
        .into_iter()
        .map(|t| Task {
            id: id(t),
            kind: texts(t, "taskType").pop().unwrap_or_default(),
            actions: texts(t, "action"),
            owned_types: [
                "signatureDataType",
                "paymentDataType",
                "paymentReceiptPdfDataType",
            ]
            .iter()
            .flat_map(|n| texts(t, n))
            .collect(),
        })
        .collect();
    Process {
        tasks,
        gateways: nodes("exclusiveGateway").into_iter().map(id).collect(),
        starts: nodes("startEvent").into_iter().map(id).collect(),
        ends: nodes("endEvent").into_iter().map(id).collect(),
        flows: nodes("sequenceFlow")
            .into_iter()
            .map(|f| Flow {
                id: f.attribute("id").unwrap().to_string(),
                from: f.attribute("sourceRef").unwrap().to_string(),
                to: f.attribute("targetRef").unwrap().to_string(),
                condition: texts(f, "conditionExpression").pop(),
            })
            .collect(),
        drawn: nodes("BPMNShape")
            .into_iter()
            .chain(nodes("BPMNEdge"))
            .filter_map(|n| n.attribute("bpmnElement").map(str::to_string))
            .collect(),
    }
}

fn parse_policy(text: &str) -> Vec<Rule> {
    let doc = Document::parse(text).unwrap();
    let matches = |rule: roxmltree::Node, category: &str| -> Vec<(String, String)> {
        rule.descendants()
            .filter(|d| local(*d) == "Match")
            .filter_map(|m| {
                let designator = m.children().find(|c| local(*c) == "AttributeDesignator")?;
                if designator.attribute("Category")? != category {
                    return None;
                }
                let value = m.children().find(|c| local(*c) == "AttributeValue")?;
                Some((
                    designator.attribute("AttributeId")?.to_string(),
                    value.text().unwrap_or("").trim().to_string(),
                ))
            })
            .collect()
    };
    doc.descendants()
        .filter(|d| local(*d) == "Rule")
        .map(|rule| Rule {
            subjects: matches(
                rule,
                "urn:oasis:names:tc:xacml:1.0:subject-category:access-subject",
            ),
            resources: matches(
                rule,
                "urn:oasis:names:tc:xacml:3.0:attribute-category:resource",
            ),
            actions: matches(
                rule,
                "urn:oasis:names:tc:xacml:3.0:attribute-category:action",
            )
            .into_iter()
            .map(|(_, v)| v)
            .collect(),
        })
        .collect()
}

fn load(dir: &Path) -> App {
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    App {
        process: parse_process(&read("App/config/process/process.bpmn")),
        rules: parse_policy(&read("App/config/authorization/policy.xml")),
        metadata: serde_json::from_str(&read("App/config/applicationmetadata.json")).unwrap(),
    }
}

/// Every flow out of an exclusive gateway has a condition.
fn gateway_flows_are_conditioned(app: &App) -> Vec<String> {
    let p = &app.process;
    p.flows
        .iter()
        .filter(|f| p.gateways.contains(&f.from) && f.condition.is_none())
        .map(|f| format!("{} → {} has no condition", f.from, f.to))
        .collect()
}

/// A task offering `reject` never flows straight to an end event, and the gateway after it
/// sends `reject` back to a data task.
fn reject_goes_back(app: &App) -> Vec<String> {
    let p = &app.process;
    let data: Vec<&str> = p
        .tasks
        .iter()
        .filter(|t| t.kind == "data")
        .map(|t| t.id.as_str())
        .collect();
    let mut found = Vec::new();
    for t in p
        .tasks
        .iter()
        .filter(|t| t.actions.iter().any(|a| a == "reject"))
    {
        for f in p.flows.iter().filter(|f| f.from == t.id) {
            if p.ends.contains(&f.to) {
                found.push(format!("{}: reject would end the process unsigned", t.id));
            } else if !p.gateways.contains(&f.to) {
                found.push(format!("{}: flows to {} without a gateway", t.id, f.to));
            } else if !p.flows.iter().any(|g| {
                g.from == f.to
                    && data.contains(&g.to.as_str())
                    && g.condition.as_deref() == Some(r#"["equals",["gatewayAction"],"reject"]"#)
            }) {
                found.push(format!(
                    "{}: {} does not send reject back to the data task",
                    t.id, f.to
                ));
            }
        }
    }
    found
}

/// The data types only the app may write are `app:owned`.
fn owned_types_are_app_owned(app: &App) -> Vec<String> {
    let types = app.metadata["dataTypes"].as_array().unwrap();
    let mut found = Vec::new();
    for t in &app.process.tasks {
        for id in &t.owned_types {
            let owned = types.iter().any(|d| {
                d["id"] == id.as_str()
                    && d["allowedContributers"] == serde_json::json!(["app:owned"])
            });
            if !owned {
                found.push(format!("{}: data type {id} is not app:owned", t.id));
            }
        }
    }
    found
}

fn task_of(rule: &Rule) -> Option<&str> {
    rule.resources
        .iter()
        .find(|(a, _)| a == "urn:altinn:task")
        .map(|(_, v)| v.as_str())
}

fn is_service_owner(rule: &Rule) -> bool {
    rule.subjects.iter().all(|(a, _)| a == "urn:altinn:org")
}

/// No end-user rule grants `write` outside a task (the service owner's rule is the template's).
fn no_app_wide_write(app: &App) -> Vec<String> {
    app.rules
        .iter()
        .filter(|r| !is_service_owner(r) && r.actions.iter().any(|a| a == "write"))
        .filter(|r| task_of(r).is_none())
        .map(|r| format!("app-wide write for {:?}", r.subjects))
        .collect()
}

/// Every action a task's type needs is granted in that task (or app-wide) to someone.
fn task_actions_are_granted(app: &App) -> Vec<String> {
    let mut found = Vec::new();
    for t in &app.process.tasks {
        let needed: &[&str] = match t.kind.as_str() {
            "data" => &["write"],
            "signing" => &["sign"],
            "payment" => &["pay", "confirm", "reject"],
            other => panic!("unknown task type {other}"),
        };
        for action in needed {
            let granted = app.rules.iter().any(|r| {
                r.actions.iter().any(|a| a == action)
                    && task_of(r).is_none_or(|task| task == t.id)
                    && !r.resources.iter().any(|(a, _)| a == "urn:altinn:end-event")
            });
            if !granted {
                found.push(format!("{}: nobody may {action}", t.id));
            }
        }
    }
    found
}

/// Studio's process editor draws only what has a diagram element.
fn everything_is_drawn(app: &App) -> Vec<String> {
    let p = &app.process;
    let mut ids: Vec<String> = p.tasks.iter().map(|t| t.id.clone()).collect();
    ids.extend(p.gateways.iter().cloned());
    ids.extend(p.ends.iter().cloned());
    ids.extend(p.starts.iter().cloned());
    ids.extend(p.flows.iter().map(|f| f.id.clone()));
    ids.into_iter()
        .filter(|id| !p.drawn.contains(id))
        .map(|id| format!("{id} has no diagram element"))
        .collect()
}

type Check = fn(&App) -> Vec<String>;

const CHECKS: &[(&str, Check)] = &[
    ("gateway flows conditioned", gateway_flows_are_conditioned),
    ("reject goes back", reject_goes_back),
    ("owned types app-owned", owned_types_are_app_owned),
    ("no app-wide write", no_app_wide_write),
    ("task actions granted", task_actions_are_granted),
    ("everything drawn", everything_is_drawn),
];

#[test]
fn every_emitted_app_keeps_the_run_time_contracts() {
    let Some(apps) = all() else { return };
    let mut failures = Vec::new();
    for emitted in apps {
        let app = load(&emitted.dir);
        for (name, check) in CHECKS {
            for finding in check(&app) {
                failures.push(format!("{} [{name}]: {finding}", emitted.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The kitchen sink has a conditional signing, a second signing and a payment.
fn kitchen_sink() -> App {
    let apps = all().expect("../shared");
    let emitted = apps
        .iter()
        .find(|a| a.name == "fixture:brg-kitchen-sink")
        .unwrap();
    load(&emitted.dir)
}

#[test]
fn each_contract_check_fails_on_an_app_that_breaks_it() {
    if all().is_none() {
        return;
    }
    let good = kitchen_sink();
    let broken = |change: &dyn Fn(&mut App), check: Check, what: &str| {
        let mut app = good.clone();
        change(&mut app);
        assert!(!check(&app).is_empty(), "{what}: the check did not notice");
    };
    broken(
        &|a| {
            let f = a
                .process
                .flows
                .iter_mut()
                .find(|f| a.process.gateways.contains(&f.from))
                .unwrap();
            f.condition = None;
        },
        gateway_flows_are_conditioned,
        "an unconditioned default flow",
    );
    broken(
        &|a| {
            let signing = a
                .process
                .tasks
                .iter()
                .find(|t| t.kind == "signing")
                .unwrap()
                .id
                .clone();
            let end = a.process.ends[0].clone();
            let f = a
                .process
                .flows
                .iter_mut()
                .find(|f| f.from == signing)
                .unwrap();
            f.to = end;
        },
        reject_goes_back,
        "a signing task flowing to the end",
    );
    broken(
        &|a| {
            for f in a.process.flows.iter_mut().filter(|f| f.to == "Task_1") {
                f.to = "Task_2".into();
            }
        },
        reject_goes_back,
        "reject routed elsewhere than the data task",
    );
    broken(
        &|a| {
            for t in a.metadata["dataTypes"].as_array_mut().unwrap() {
                t.as_object_mut().unwrap().remove("allowedContributers");
            }
        },
        owned_types_are_app_owned,
        "signature types anyone may write",
    );
    broken(
        &|a| {
            for r in a.rules.iter_mut() {
                r.resources.retain(|(attr, _)| attr != "urn:altinn:task");
            }
        },
        no_app_wide_write,
        "write granted on the whole app",
    );
    broken(
        &|a| {
            for r in a.rules.iter_mut() {
                r.actions.retain(|x| x != "pay");
            }
        },
        task_actions_are_granted,
        "payment not granted",
    );
    broken(
        &|a| a.process.drawn.clear(),
        everything_is_drawn,
        "a process without a diagram",
    );
}

#[test]
fn program_cs_configures_the_web_host_as_the_template_does() {
    let Some(apps) = all() else { return };
    for emitted in apps {
        let program = std::fs::read_to_string(emitted.dir.join("App/Program.cs")).unwrap();
        // `ConfigureAppWebHost(this IWebHostBuilder, string[])` is the only overload.
        assert!(
            program.contains("ConfigureWebHostBuilder(builder.WebHost);"),
            "{}",
            emitted.name
        );
        assert!(program.contains("void ConfigureWebHostBuilder(IWebHostBuilder webHost)"));
        assert!(program.contains("webHost.ConfigureAppWebHost(args);"));
        assert!(!program.contains("builder.ConfigureAppWebHost"));
        assert!(program.contains("/swagger"));
        let settings = std::fs::read_to_string(emitted.dir.join("App/appsettings.json")).unwrap();
        let settings: Value = serde_json::from_str(&settings).unwrap();
        // PlatformSettings has ApiPdf2Endpoint; the old key is read by nothing.
        assert!(settings["PlatformSettings"].get("ApiPdfEndpoint").is_none());
    }
}
