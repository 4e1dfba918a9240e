//! A small typed tree for the XPath 1.0 that InfoPath writes in conditions, validations and
//! calculations. Only the simple part is typed (paths, literals, comparisons, and/or/not,
//! arithmetic, a few functions); anything else keeps its source text and the position where
//! the parser stopped, so a later stage can report it precisely.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Expr {
    String {
        value: String,
    },
    Number {
        value: f64,
    },
    Path(Path),
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Negate {
        operand: Box<Expr>,
    },
    Call {
        function: Function,
        args: Vec<Expr>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Path {
    pub absolute: bool,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "axis", content = "name")]
pub enum Step {
    /// `.`
    Current,
    /// `..`
    Parent,
    /// A child element, by local name (prefix resolved away) — `prefix` kept for printing.
    Child(QName),
    /// `@name`
    Attribute(QName),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QName {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    pub local: String,
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.prefix {
            Some(p) => write!(f, "{p}:{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "div",
            BinOp::Mod => "mod",
        }
    }

    /// Binding strength: higher binds tighter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne => 3,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 6,
        }
    }
}

/// The functions the typed tree knows. Others make the expression "not simple".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Function {
    Not,
    Count,
    StringLength,
    Sum,
    True,
    False,
    String,
    Number,
    Boolean,
    Contains,
    StartsWith,
    Concat,
    NormalizeSpace,
}

impl Function {
    pub const ALL: [Function; 13] = [
        Function::Not,
        Function::Count,
        Function::StringLength,
        Function::Sum,
        Function::True,
        Function::False,
        Function::String,
        Function::Number,
        Function::Boolean,
        Function::Contains,
        Function::StartsWith,
        Function::Concat,
        Function::NormalizeSpace,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Function::Not => "not",
            Function::Count => "count",
            Function::StringLength => "string-length",
            Function::Sum => "sum",
            Function::True => "true",
            Function::False => "false",
            Function::String => "string",
            Function::Number => "number",
            Function::Boolean => "boolean",
            Function::Contains => "contains",
            Function::StartsWith => "starts-with",
            Function::Concat => "concat",
            Function::NormalizeSpace => "normalize-space",
        }
    }

    pub fn parse(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.absolute {
            f.write_str("/")?;
        }
        for (i, step) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            match step {
                Step::Current => f.write_str(".")?,
                Step::Parent => f.write_str("..")?,
                Step::Child(q) => write!(f, "{q}")?,
                Step::Attribute(q) => write!(f, "@{q}")?,
            }
        }
        Ok(())
    }
}

/// Canonical XPath text: parsing it again gives the same tree.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::String { value } => {
                if value.contains('"') {
                    write!(f, "'{value}'")
                } else {
                    write!(f, "\"{value}\"")
                }
            }
            Expr::Number { value } => write!(f, "{value}"),
            Expr::Path(p) => write!(f, "{p}"),
            Expr::Binary { op, left, right } => {
                let side = |f: &mut fmt::Formatter<'_>, e: &Expr, tighter: bool| match e {
                    Expr::Binary { op: inner, .. }
                        if inner.precedence() < op.precedence()
                            || (tighter && inner.precedence() == op.precedence()) =>
                    {
                        write!(f, "({e})")
                    }
                    _ => write!(f, "{e}"),
                };
                side(f, left, false)?;
                write!(f, " {} ", op.symbol())?;
                side(f, right, true)
            }
            Expr::Negate { operand } => match **operand {
                Expr::Binary { .. } => write!(f, "-({operand})"),
                _ => write!(f, "-{operand}"),
            },
            Expr::Call { function, args } => {
                write!(f, "{}(", function.name())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// An XPath as found in the package: its source, and the typed tree when it is simple.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct XPath {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expr: Option<Expr>,
    /// Why it is not typed, and the byte offset in `source` where that was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsupported: Option<Unsupported>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unsupported {
    pub offset: usize,
    pub reason: String,
}
