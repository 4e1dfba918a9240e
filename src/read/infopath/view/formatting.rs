//! Conditional formatting: `xsl:if` around a control's attributes into show/hide/read-only
//! conditions.

use super::*;

impl<'x, 'a> Walker<'x, 'a, '_> {
    /// Conditional formatting written as `xsl:attribute` children of `node`.
    pub(super) fn formatting(&mut self, node: Node, scope: &Scope) -> Vec<ViewCondition> {
        let mut out = Vec::new();
        for attribute in elements(node).filter(|c| is_xsl(*c, "attribute")) {
            let name = attr(attribute, "name").unwrap_or("").to_ascii_lowercase();
            for when in attribute
                .descendants()
                .filter(|d| is_xsl(*d, "when") || is_xsl(*d, "if"))
            {
                let test = attr(when, "test").unwrap_or("");
                let value: String = when
                    .descendants()
                    .filter(|t| t.is_text())
                    .filter_map(|t| t.text())
                    .collect();
                let value = value.to_ascii_lowercase().replace(' ', "");
                let effect = if test.contains("GetFieldAuthorization") {
                    Some(ConditionEffect::FieldAuthorization)
                } else if name == "style" && value.contains("display:none") {
                    Some(ConditionEffect::HideWhen)
                } else if (name == "xd:disableediting" && value == "yes")
                    || (name == "contenteditable" && value == "false")
                    || (name == "disabled" && !value.is_empty())
                {
                    Some(ConditionEffect::ReadOnlyWhen)
                } else {
                    None // colours, widths: presentation only
                };
                if let Some(effect) = effect {
                    out.push(ViewCondition {
                        effect,
                        when: xpath::parse(test),
                        context: scope.path.clone(),
                    });
                }
            }
        }
        out
    }
}
