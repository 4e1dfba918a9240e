//! Binding resolution: `xd:binding` against the repeating context and the data model.

use super::*;

impl<'x, 'a> Walker<'x, 'a, '_> {
    /// Binds `control` from the `xd:binding` of `node`; a bound kind without one is reported.
    pub(super) fn bind(&mut self, control: &mut Control, node: Node, scope: &Scope) {
        match xd(node, "binding") {
            Some(raw) => control.binding = self.resolve(raw, node, scope),
            None => self.diagnostics.push(self.xml.diag(
                Code::ControlWithoutBinding,
                node,
                format!(
                    "{} `{}` has no xd:binding; it is kept without a field",
                    control.kind.name(),
                    control.id
                ),
            )),
        }
    }

    /// An XPath relative to the scope, as an absolute model path with prefixes resolved.
    pub(super) fn resolve(&self, raw: &str, at: Node, scope: &Scope) -> Option<Binding> {
        let Some(Expr::Path(path)) = xpath::parse(raw).expr else {
            return None;
        };
        let mut parts: Vec<String> = if path.absolute {
            Vec::new()
        } else {
            scope
                .path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut helper = None;
        for step in &path.steps {
            match step {
                Step::Current => {}
                Step::Parent => {
                    parts.pop();
                }
                Step::Child(q) | Step::Attribute(q) => {
                    let ns = at.lookup_namespace_uri(q.prefix.as_deref());
                    if ns == Some(ALTINN_NS) {
                        helper = Some(Helper::Altinn);
                    } else if !self.input.model_is_infopath
                        && ns.is_some_and(|n| n.starts_with(MY_NS_PREFIX))
                    {
                        helper.get_or_insert(Helper::My);
                    }
                    let at_sign = if matches!(step, Step::Attribute(_)) {
                        "@"
                    } else {
                        ""
                    };
                    parts.push(format!("{at_sign}{}", q.local));
                }
            }
        }
        Some(Binding {
            path: format!("/{}", parts.join("/")),
            helper,
        })
    }
}
