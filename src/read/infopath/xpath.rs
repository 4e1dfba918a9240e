//! A recursive-descent parser for the simple part of XPath 1.0 (see `ir::expr`). Anything
//! outside it (predicates, variables, unions, `//`, extension functions such as
//! `xdXDocument:GetDOM`) stops the parser with the offset and the reason.

use crate::ir::expr::{BinOp, Expr, Function, Path, QName, Step, Unsupported, XPath};

/// Parses `source`; never fails, the result says whether it is typed.
pub fn parse(source: &str) -> XPath {
    let expr = Parser {
        src: source,
        pos: 0,
        depth: 0,
        operators: 0,
    }
    .run();
    match expr {
        Ok(expr) => XPath {
            source: source.to_string(),
            expr: Some(expr),
            unsupported: None,
        },
        Err(u) => XPath {
            source: source.to_string(),
            expr: None,
            unsupported: Some(u),
        },
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// Parentheses, negations and call arguments open: the parser recurses on each.
    depth: usize,
    /// Binary operators so far: a chain builds a tree as deep as it is long.
    operators: usize,
}

/// Far beyond any expression InfoPath writes; a fuzzer's `((((...` or `1+1+...` is refused
/// before the recursion (or the tree's drop) can exhaust the stack.
const MAX_DEPTH: usize = 64;
const MAX_OPERATORS: usize = 512;

type Result<T> = std::result::Result<T, Unsupported>;

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

impl Parser<'_> {
    fn run(mut self) -> Result<Expr> {
        let expr = self.or()?;
        self.skip_ws();
        if self.pos < self.src.len() {
            return Err(self.fail("unexpected text after the expression"));
        }
        Ok(expr)
    }

    fn fail(&self, reason: impl Into<String>) -> Unsupported {
        Unsupported {
            offset: self.pos,
            reason: reason.into(),
        }
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn skip_ws(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.src.len() - trimmed.len();
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.rest().chars().next()
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    /// An operator word (`and`, `div`...) standing alone, not the start of a longer name.
    fn eat_word(&mut self, word: &str) -> bool {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with(word) && !rest[word.len()..].starts_with(is_name_char) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn binary(
        &mut self,
        next: fn(&mut Self) -> Result<Expr>,
        ops: &[(&str, BinOp, bool)],
    ) -> Result<Expr> {
        let mut left = next(self)?;
        'outer: loop {
            for (token, op, word) in ops {
                let matched = if *word {
                    self.eat_word(token)
                } else {
                    self.eat_symbol(token)
                };
                if matched {
                    self.operators += 1;
                    if self.operators > MAX_OPERATORS {
                        return Err(self.fail(format!(
                            "more than {MAX_OPERATORS} operators in one expression"
                        )));
                    }
                    let right = next(self)?;
                    left = Expr::Binary {
                        op: *op,
                        left: Box::new(left),
                        right: Box::new(right),
                    };
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }

    /// A symbol operator, making sure `<` does not eat the start of `<=`.
    fn eat_symbol(&mut self, token: &str) -> bool {
        self.skip_ws();
        let rest = self.rest();
        if !rest.starts_with(token) {
            return false;
        }
        if (token == "<" || token == ">") && rest[1..].starts_with('=') {
            return false;
        }
        self.pos += token.len();
        true
    }

    fn or(&mut self) -> Result<Expr> {
        self.binary(Self::and, &[("or", BinOp::Or, true)])
    }

    fn and(&mut self) -> Result<Expr> {
        self.binary(Self::equality, &[("and", BinOp::And, true)])
    }

    fn equality(&mut self) -> Result<Expr> {
        self.binary(
            Self::relational,
            &[("!=", BinOp::Ne, false), ("=", BinOp::Eq, false)],
        )
    }

    fn relational(&mut self) -> Result<Expr> {
        self.binary(
            Self::additive,
            &[
                ("<=", BinOp::Le, false),
                (">=", BinOp::Ge, false),
                ("<", BinOp::Lt, false),
                (">", BinOp::Gt, false),
            ],
        )
    }

    fn additive(&mut self) -> Result<Expr> {
        self.binary(
            Self::multiplicative,
            &[("+", BinOp::Add, false), ("-", BinOp::Sub, false)],
        )
    }

    fn multiplicative(&mut self) -> Result<Expr> {
        self.binary(
            Self::unary,
            &[
                ("*", BinOp::Mul, false),
                ("div", BinOp::Div, true),
                ("mod", BinOp::Mod, true),
            ],
        )
    }

    fn unary(&mut self) -> Result<Expr> {
        if self.depth == MAX_DEPTH {
            return Err(self.fail(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        let result = self.unary_inner();
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self) -> Result<Expr> {
        if self.eat("-") {
            let operand = self.unary()?;
            return Ok(Expr::Negate {
                operand: Box::new(operand),
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr> {
        let Some(c) = self.peek() else {
            return Err(self.fail("the expression ends too early"));
        };
        let expr = match c {
            '"' | '\'' => self.literal()?,
            '(' => {
                self.pos += 1;
                let inner = self.or()?;
                if !self.eat(")") {
                    return Err(self.fail("`)` expected"));
                }
                inner
            }
            '$' => return Err(self.fail("variables are not supported")),
            c if c.is_ascii_digit()
                || (c == '.' && self.rest()[1..].starts_with(|d: char| d.is_ascii_digit())) =>
            {
                self.number()?
            }
            _ => self.path_or_call()?,
        };
        match self.peek() {
            Some('[') => Err(self.fail("predicates are not supported")),
            Some('|') => Err(self.fail("unions are not supported")),
            _ => Ok(expr),
        }
    }

    fn literal(&mut self) -> Result<Expr> {
        let quote = self.rest().chars().next().unwrap_or('"');
        let body = &self.rest()[1..];
        let Some(end) = body.find(quote) else {
            return Err(self.fail("the string is not closed"));
        };
        let value = body[..end].to_string();
        self.pos += end + 2;
        Ok(Expr::String { value })
    }

    fn number(&mut self) -> Result<Expr> {
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(self.rest().len());
        let text = &self.rest()[..len];
        let value = text.parse::<f64>().map_err(|_| self.fail("not a number"))?;
        self.pos += len;
        Ok(Expr::Number { value })
    }

    /// A QName at the current position (`prefix:local` or `local`), not consumed on failure.
    fn qname(&mut self) -> Option<QName> {
        let rest = self.rest();
        if !rest.starts_with(is_name_start) {
            return None;
        }
        let first = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        let (prefix, local, len) = match rest[first..].strip_prefix(':') {
            Some(after) if after.starts_with(is_name_start) => {
                let second = after
                    .find(|c: char| !is_name_char(c))
                    .unwrap_or(after.len());
                (
                    Some(rest[..first].to_string()),
                    after[..second].to_string(),
                    first + 1 + second,
                )
            }
            _ => (None, rest[..first].to_string(), first),
        };
        self.pos += len;
        Some(QName { prefix, local })
    }

    fn path_or_call(&mut self) -> Result<Expr> {
        let start = self.pos;
        if self.rest().starts_with("//") {
            return Err(self.fail("`//` (any descendant) is not supported"));
        }
        let absolute = self.eat("/");
        if absolute
            && self
                .peek()
                .is_none_or(|c| !(is_name_start(c) || c == '@' || c == '.' || c == '*'))
        {
            return Ok(Expr::Path(Path {
                absolute,
                steps: Vec::new(),
            }));
        }
        let mut steps = Vec::new();
        loop {
            self.skip_ws();
            let step_start = self.pos;
            let step = if self.rest().starts_with("..") {
                self.pos += 2;
                Step::Parent
            } else if self.rest().starts_with('.') {
                self.pos += 1;
                Step::Current
            } else if self.rest().starts_with('@') {
                self.pos += 1;
                match self.qname() {
                    Some(q) => Step::Attribute(q),
                    None => return Err(self.fail("attribute name expected")),
                }
            } else if self.rest().starts_with('*') {
                return Err(self.fail("wildcards are not supported"));
            } else {
                let Some(name) = self.qname() else {
                    return Err(self.fail("a name or a value expected"));
                };
                // A function call: name followed by `(`, only as the first step.
                if steps.is_empty() && !absolute && self.rest().trim_start().starts_with('(') {
                    return self.call(name, step_start);
                }
                if self.rest().starts_with("::") {
                    return Err(Unsupported {
                        offset: step_start,
                        reason: "axes are not supported".into(),
                    });
                }
                Step::Child(name)
            };
            steps.push(step);
            if self.rest().starts_with("//") {
                return Err(self.fail("`//` (any descendant) is not supported"));
            }
            if !self.rest().starts_with('/') {
                break;
            }
            self.pos += 1;
        }
        debug_assert!(self.pos > start);
        Ok(Expr::Path(Path { absolute, steps }))
    }

    fn call(&mut self, name: QName, at: usize) -> Result<Expr> {
        let function = match (&name.prefix, Function::parse(&name.local)) {
            (None, Some(f)) => f,
            _ => {
                return Err(Unsupported {
                    offset: at,
                    reason: format!("function `{name}` is not supported"),
                });
            }
        };
        self.eat("(");
        let mut args = Vec::new();
        if !self.eat(")") {
            loop {
                args.push(self.or()?);
                if self.eat(")") {
                    break;
                }
                if !self.eat(",") {
                    return Err(self.fail("`,` or `)` expected"));
                }
            }
        }
        Ok(Expr::Call { function, args })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(src: &str) -> Expr {
        let x = parse(src);
        x.expr
            .unwrap_or_else(|| panic!("{src}: {:?}", x.unsupported))
    }

    fn reason(src: &str) -> (usize, String) {
        let u = parse(src)
            .unsupported
            .unwrap_or_else(|| panic!("{src} parsed"));
        (u.offset, u.reason)
    }

    /// Found by the `xpath` fuzz target: these overflowed the stack (no crash file could be
    /// written, so they are rebuilt here).
    #[test]
    fn deep_nesting_and_long_chains_are_refused_not_overflowed() {
        for src in [
            "(".repeat(200_000),
            "-".repeat(200_000) + "1",
            "not(".repeat(50_000),
            "1".to_string() + &" + 1".repeat(200_000),
        ] {
            let (_, why) = reason(&src);
            assert!(
                why.contains("deeper than") || why.contains("operators"),
                "{why}"
            );
        }
        let nested = format!("{}1{}", "(".repeat(60), ")".repeat(60));
        assert_eq!(typed(&nested), Expr::Number { value: 1.0 });
    }

    #[test]
    fn comparisons_paths_and_logic() {
        let e = typed(". > 0 and ../omsetning = 0");
        assert_eq!(e.to_string(), ". > 0 and ../omsetning = 0");
        let e = typed("my:Gruppe/my:Felt != \"ja\" or not(@orid)");
        assert_eq!(e.to_string(), "my:Gruppe/my:Felt != \"ja\" or not(@orid)");
        match typed("/Skjema/A-grp-1/B-datadef-2") {
            Expr::Path(p) => {
                assert!(p.absolute);
                assert_eq!(p.steps.len(), 3);
                assert_eq!(
                    p.steps[2],
                    Step::Child(QName {
                        prefix: None,
                        local: "B-datadef-2".into()
                    })
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn precedence_and_arithmetic() {
        assert_eq!(typed("1 + 2 * 3").to_string(), "1 + 2 * 3");
        assert_eq!(typed("(1 + 2) * 3").to_string(), "(1 + 2) * 3");
        assert_eq!(typed("a - (b - c)").to_string(), "a - (b - c)");
        assert_eq!(
            typed("my:Kapital * 0.001 + 250").to_string(),
            "my:Kapital * 0.001 + 250"
        );
        assert_eq!(typed("x div 2 mod 3").to_string(), "x div 2 mod 3");
        // `a-b` is one name in XPath; `a - b` is a subtraction.
        assert!(matches!(typed("a-b"), Expr::Path(_)));
        assert!(matches!(
            typed("a - b"),
            Expr::Binary { op: BinOp::Sub, .. }
        ));
        assert_eq!(typed("a<=b").to_string(), "a <= b");
    }

    #[test]
    fn functions() {
        assert_eq!(
            typed("string-length(.) = 0").to_string(),
            "string-length(.) = 0"
        );
        assert_eq!(
            typed("sum(Skjemadata/Varelinje/beloep)").to_string(),
            "sum(Skjemadata/Varelinje/beloep)"
        );
        assert_eq!(typed("count(x) > 1").to_string(), "count(x) > 1");
        assert_eq!(typed("true()").to_string(), "true()");
    }

    #[test]
    fn the_rest_is_unsupported_with_a_position() {
        assert_eq!(reason("xdXDocument:GetDOM(\"x\")/a").0, 0);
        assert!(
            reason("xdXDocument:GetDOM(\"x\")")
                .1
                .contains("xdXDocument:GetDOM")
        );
        assert_eq!(
            reason("a[@b = 1]"),
            (1, "predicates are not supported".into())
        );
        assert_eq!(reason("1 = $val").0, 4);
        assert_eq!(
            reason("//FieldPermission").1,
            "`//` (any descendant) is not supported"
        );
        assert_eq!(reason("a | b").1, "unions are not supported");
        assert_eq!(reason("\"open").1, "the string is not closed");
        assert_eq!(reason("a = ").1, "the expression ends too early");
    }
}
