//! `hidden` and `readOnly` from the view's conditions: XPath → Altinn expressions.

use super::super::Context;
use super::super::names::binding_path;
use super::at;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::expr::{BinOp, Expr, Function, Step};
use crate::ir::form::{ConditionEffect, Control, ViewCondition};
use serde_json::{Value, json};

/// `hidden` and `readOnly` expressions from the view's conditions.
pub(super) fn conditions(cx: &mut Context, control: &Control) -> (Option<Value>, Option<Value>) {
    let mut hidden = Vec::new();
    let mut read_only = Vec::new();
    for condition in &control.conditions {
        if condition.effect == ConditionEffect::FieldAuthorization {
            cx.push(
                Diagnostic::new(
                    Code::FieldAuthorization,
                    format!("{} `{}` is hidden or read-only by field-level authorization; Altinn 3 has no such rights", control.kind.name(), control.id),
                )
                .at(at(&control.origin)),
            );
            continue;
        }
        match translate(cx, condition) {
            Some(expr) => match condition.effect {
                ConditionEffect::ShowWhen => hidden.push(json!(["not", expr])),
                ConditionEffect::HideWhen => hidden.push(expr),
                ConditionEffect::ReadOnlyWhen => read_only.push(expr),
                ConditionEffect::FieldAuthorization => {}
            },
            None => cx.push(
                Diagnostic::new(
                    Code::ConditionNotConverted,
                    format!(
                        "the condition `{}` on {} `{}` has no Altinn 3 expression{}; set `{}` by hand",
                        condition.when.source,
                        control.kind.name(),
                        control.id,
                        condition.when.unsupported.as_ref().map(|u| format!(" ({})", u.reason)).unwrap_or_default(),
                        if condition.effect == ConditionEffect::ReadOnlyWhen { "readOnly" } else { "hidden" }
                    ),
                )
                .at(at(&control.origin)),
            ),
        }
    }
    let combine = |mut list: Vec<Value>| match list.len() {
        0 => None,
        1 => list.pop(),
        _ => Some(json!(
            ["or"]
                .into_iter()
                .map(Value::from)
                .chain(list)
                .collect::<Vec<_>>()
        )),
    };
    (combine(hidden), combine(read_only))
}

/// An XPath condition as an Altinn expression, when it has one.
pub fn translate(cx: &Context, condition: &ViewCondition) -> Option<Value> {
    expression(cx, condition.when.expr.as_ref()?, &condition.context)
}

fn expression(cx: &Context, expr: &Expr, context: &str) -> Option<Value> {
    Some(match expr {
        Expr::String { value } => json!(value),
        Expr::Number { value } => json!(value),
        Expr::Path(path) => {
            let mut parts: Vec<String> = if path.absolute {
                Vec::new()
            } else {
                context
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            for step in &path.steps {
                match step {
                    Step::Current => {}
                    Step::Parent => {
                        parts.pop()?;
                    }
                    Step::Child(q) => parts.push(q.local.clone()),
                    Step::Attribute(q) => parts.push(format!("@{}", q.local)),
                }
            }
            let absolute = format!("/{}", parts.join("/"));
            cx.model.find(&absolute)?;
            json!(["dataModel", binding_path(cx.model, &absolute)])
        }
        Expr::Negate { operand } => json!(["minus", 0, expression(cx, operand, context)?]),
        Expr::Binary { op, left, right } => {
            let name = match op {
                BinOp::Or => "or",
                BinOp::And => "and",
                BinOp::Eq => "equals",
                BinOp::Ne => "notEquals",
                BinOp::Lt => "lessThan",
                BinOp::Le => "lessThanEq",
                BinOp::Gt => "greaterThan",
                BinOp::Ge => "greaterThanEq",
                BinOp::Add => "plus",
                BinOp::Sub => "minus",
                BinOp::Mul => "multiply",
                BinOp::Div => "divide",
                BinOp::Mod => return None,
            };
            json!([
                name,
                expression(cx, left, context)?,
                expression(cx, right, context)?
            ])
        }
        Expr::Call { function, args } => {
            let arg = |i: usize| args.get(i).and_then(|a| expression(cx, a, context));
            match function {
                Function::Not => json!(["not", arg(0)?]),
                Function::StringLength => json!(["stringLength", arg(0)?]),
                Function::True => json!(true),
                Function::False => json!(false),
                Function::String | Function::NormalizeSpace => arg(0)?,
                Function::Contains => json!(["contains", arg(0)?, arg(1)?]),
                Function::StartsWith => json!(["startsWith", arg(0)?, arg(1)?]),
                Function::Concat => {
                    let mut list = vec![json!("concat")];
                    for a in args {
                        list.push(expression(cx, a, context)?);
                    }
                    Value::Array(list)
                }
                Function::Count | Function::Sum | Function::Number | Function::Boolean => {
                    return None;
                }
            }
        }
    })
}
