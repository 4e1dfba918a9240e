//! Walking the XSL: templates, for-each, sections and repeating containers into items.

use super::*;

impl<'x, 'a> Walker<'x, 'a, '_> {
    /// Reads the controls under `root` (a template, a for-each) as one container.
    pub(super) fn container(
        &mut self,
        root: Node<'x, 'a>,
        scope: &Scope,
        headers: &[LangText],
    ) -> Vec<Control> {
        let mut items = Vec::new();
        self.walk(root, root, scope, &mut items);
        let mut controls = labels::attach(items, headers, self.input.lang);
        controls.iter_mut().for_each(labels::list_of_one_field);
        controls
    }

    pub(super) fn walk(
        &mut self,
        node: Node<'x, 'a>,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        for child in node.children() {
            if child.is_text() {
                let raw = child.text().unwrap_or("");
                if !raw.trim().is_empty() && node.tag_name().namespace().is_none() {
                    self.text_run(raw, node, child, root, scope, items);
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            if child.tag_name().namespace() == Some(XSL) {
                self.xsl(child, root, scope, items);
            } else {
                self.element(child, root, scope, items);
            }
        }
    }

    pub(super) fn xsl(
        &mut self,
        node: Node<'x, 'a>,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        match node.tag_name().name() {
            "apply-templates" => self.section(node, root, scope, items),
            "for-each" => {
                let kind = if node.ancestors().any(|a| class_has(a, "xdRepeatingTable")) {
                    ControlKind::RepeatingTable
                } else {
                    ControlKind::RepeatingSection
                };
                self.repeating(node, node, kind, root, scope, &[], items);
            }
            "if" => {
                let mut inner = scope.clone();
                inner.conditions.push(ViewCondition {
                    effect: ConditionEffect::ShowWhen,
                    when: xpath::parse(attr(node, "test").unwrap_or("")),
                    context: scope.path.clone(),
                });
                self.walk(node, root, &inner, items);
            }
            "choose" => {
                let mut previous: Vec<String> = Vec::new();
                for branch in elements(node) {
                    let test = match branch.tag_name().name() {
                        "when" => attr(branch, "test").unwrap_or("").to_string(),
                        _ if previous.is_empty() => String::new(),
                        _ => previous.iter().map(|t| format!("not({t})")).collect::<Vec<_>>().join(" and "),
                    };
                    let mut inner = scope.clone();
                    if !test.is_empty() {
                        inner.conditions.push(ViewCondition {
                            effect: ConditionEffect::ShowWhen,
                            when: xpath::parse(&test),
                            context: scope.path.clone(),
                        });
                    }
                    if branch.tag_name().name() == "when" {
                        previous.push(attr(branch, "test").unwrap_or("").to_string());
                    }
                    self.walk(branch, root, &inner, items);
                }
            }
            "value-of" => {
                let select = attr(node, "select").unwrap_or("");
                match literal(select) {
                    Some(text) => {
                        let item = self.text_item(None, text, node, node, root, scope);
                        items.push(item)
                    }
                    None => {
                        let mut control = self.control(node, ControlKind::Expression { expression: xpath::parse(select) }, scope);
                        control.binding = self.resolve(select, node, scope);
                        control.read_only = true;
                        items.push(Item::Control { control: Box::new(control), place: self.place(node, root) });
                    }
                }
            }
            "text" => {
                let text = crate::read::xml::text(node);
                if !text.is_empty() {
                    let item = self.text_item(None, text, node, node, root, scope);
                    items.push(item);
                }
            }
            // Presentation, or handled by the element that holds them.
            "attribute" | "variable" | "param" | "comment" | "output" | "sort" => {}
            other => self.diagnostics.push(self.xml.diag(
                Code::UnknownElement,
                node,
                format!("`xsl:{other}` in view `{}` is not understood; what it renders was not converted", self.xml.file),
            )),
        }
    }

    pub(super) fn element(
        &mut self,
        node: Node<'x, 'a>,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        let name = node.tag_name().name().to_ascii_lowercase();
        if name == "br" {
            self.breaks += 1;
        }
        if [
            "head", "style", "script", "meta", "title", "colgroup", "col", "link",
        ]
        .contains(&name.as_str())
        {
            return;
        }
        if let Some(kind) = xd(node, "xctname") {
            return self.xd_control(node, &kind.to_ascii_lowercase(), root, scope, items);
        }
        let place = self.place(node, root);
        if name == "a" && attr(node, "href").is_some() {
            let control = self.hyperlink(node, scope);
            return items.push(Item::Control {
                control: Box::new(control),
                place,
            });
        }
        if name == "img" {
            let src = attr(node, "src").unwrap_or("");
            if !src.starts_with("res://") {
                let mut control = self.control(node, ControlKind::Image { src: src.into() }, scope);
                if let Some(alt) = attr(node, "alt").filter(|a| !a.is_empty()) {
                    control.label.insert(self.input.lang, alt.to_string());
                }
                items.push(Item::Control {
                    control: Box::new(control),
                    place,
                });
            }
            return;
        }
        if name == "div" && class_has(node, "optionalPlaceholder") {
            let text = collapse(&crate::read::xml::text(node));
            if !text.is_empty() {
                items.push(Item::Placeholder { text });
            }
            return;
        }
        if name == "tbody"
            && class_has(node, "xdTableHeader")
            && self.repeating_body(node).is_some()
        {
            // Its texts are the column labels of the repeating table; a control there (the
            // filter fields InfoPath puts over a filtered table) stands before the table.
            let (next_id, breaks, last_run) = (self.next_id, self.breaks, self.last_run);
            let mut header = Vec::new();
            self.walk(node, root, scope, &mut header);
            header.retain(|i| !matches!(i, Item::Text { .. } | Item::Placeholder { .. }));
            if header.is_empty() {
                // Only labels: the walk leaves no trace (the ids of later texts stay as they were).
                (self.next_id, self.breaks, self.last_run) = (next_id, breaks, last_run);
            }
            items.extend(header);
            return;
        }
        let mut inner = scope.clone();
        inner.conditions.extend(self.formatting(node, scope));
        self.walk(node, root, &inner, items);
    }

    /// The `RepeatingTable` body of the table that holds `header`, if any.
    pub(super) fn repeating_body(&self, header: Node<'x, 'a>) -> Option<Node<'x, 'a>> {
        header.parent()?.children().find(|s| {
            html(*s, "tbody")
                && xd(*s, "xctname").is_some_and(|k| k.eq_ignore_ascii_case("RepeatingTable"))
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn repeating(
        &mut self,
        each: Node<'x, 'a>,
        at: Node<'x, 'a>,
        kind: ControlKind,
        root: Node<'x, 'a>,
        scope: &Scope,
        headers: &[LangText],
        items: &mut Vec<Item>,
    ) {
        let select = attr(each, "select").unwrap_or("");
        let mut control = self.control(at, kind, scope);
        // InfoPath names a repeating table on its `<table>`; the body that repeats has no id.
        if xd(at, "CtrlId").is_none()
            && let Some(id) = at
                .ancestors()
                .find(|a| html(*a, "table"))
                .and_then(|t| xd(t, "CtrlId"))
        {
            control.id = id.to_string();
        }
        // InfoPath's row filter is a predicate on the group: the rows are the group's.
        let (group, filter) = split_filter(select);
        control.binding = self.resolve(group, each, scope);
        if let (Some(_), Some(filter)) = (&control.binding, filter) {
            self.diagnostics.push(self.xml.diag(
                Code::RowFilter,
                each,
                format!(
                    "{} `{}` shows only the rows of `{group}` where `{filter}`; the repeating group shows every row",
                    control.kind.name(),
                    control.id
                ),
            ));
        }
        if control.binding.is_none() {
            self.diagnostics.push(self.xml.diag(
                Code::UnknownControl,
                each,
                format!(
                    "{} `{}` over `{select}` is not a data-model path; it and its controls ({}) were not converted",
                    control.kind.name(),
                    control.id,
                    self.view_ids(each).join(", ")
                ),
            ));
            return;
        }
        let inner = Scope {
            path: control
                .binding
                .as_ref()
                .map(|b| b.path.clone())
                .unwrap_or_default(),
            conditions: Vec::new(),
        };
        control.children = self.container(each, &inner, headers);
        items.push(Item::Control {
            control: Box::new(control),
            place: self.place(at, root),
        });
    }

    /// `xsl:apply-templates`: a section template, walked in the group's context.
    pub(super) fn section(
        &mut self,
        node: Node<'x, 'a>,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        let select = attr(node, "select").unwrap_or(".");
        let mode = attr(node, "mode").unwrap_or("");
        let target = local(select.rsplit('/').next().unwrap_or(select));
        let template = self
            .templates
            .iter()
            .find(|t| {
                attr(**t, "mode").unwrap_or("") == mode
                    && local(attr(**t, "match").unwrap_or("")) == target
            })
            .or_else(|| {
                self.templates
                    .iter()
                    .find(|t| !mode.is_empty() && attr(**t, "mode") == Some(mode))
            })
            .copied();
        let Some(template) = template else {
            self.diagnostics.push(self.xml.diag(
                Code::TemplateMissing,
                node,
                format!("no template renders `{select}` (mode `{mode}`); its controls were not converted"),
            ));
            return;
        };
        let key = format!("{mode}#{select}");
        if self.modes.contains(&key) || self.modes.len() > 32 {
            self.diagnostics.push(self.xml.diag(
                Code::TemplateMissing,
                node,
                format!("template for `{select}` applies itself; the recursion was cut (its controls {} are read once)", self.view_ids(template).join(", ")),
            ));
            return;
        }
        let Some(binding) = self.resolve(select, node, scope) else {
            self.diagnostics.push(self.xml.diag(
                Code::UnknownControl,
                node,
                format!("section over `{select}` is not a data-model path; its controls ({}) were not converted", self.view_ids(template).join(", ")),
            ));
            return;
        };
        // The section frame: the first control element of the template (it may sit in an
        // xsl:if). A template without one (InfoPath's `xd:preserve` templates, a table of its
        // own) is no container: its content renders in place, in the selected node's context.
        let frame = template.descendants().find(|c| xd(*c, "xctname").is_some());
        let kind = match frame
            .and_then(|f| xd(f, "xctname"))
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("repeatingsection") => ControlKind::RepeatingSection,
            Some("optionalsection") => ControlKind::OptionalSection,
            Some(name) if name.ends_with("section") => ControlKind::Section,
            _ => {
                self.modes.push(key);
                let inner = Scope {
                    path: binding.path,
                    conditions: scope.conditions.clone(),
                };
                self.walk(template, template, &inner, items);
                self.modes.pop();
                return;
            }
        };
        let mut control = self.control(frame.unwrap_or(node), kind, scope);
        control.origin = self.xml.origin(frame.unwrap_or(template));
        control.binding = Some(binding.clone());
        self.modes.push(key);
        let inner = Scope {
            path: binding.path,
            conditions: Vec::new(),
        };
        control.children = self.container(template, &inner, &[]);
        self.modes.pop();
        items.push(Item::Control {
            control: Box::new(control),
            place: self.place(node, root),
        });
    }
}

/// `path [ predicate ]` → (`path`, `predicate`): a for-each's select split at its last
/// top-level predicate (brackets in strings do not count); a select without one is all path.
fn split_filter(select: &str) -> (&str, Option<&str>) {
    let trimmed = select.trim();
    if !trimmed.ends_with(']') {
        return (trimmed, None);
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut open = None;
    for (i, c) in trimmed.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            (None, ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    match open {
        Some(at) if depth == 0 && !trimmed[..at].trim().is_empty() => (
            trimmed[..at].trim_end(),
            Some(trimmed[at + 1..trimmed.len() - 1].trim()),
        ),
        _ => (trimmed, None),
    }
}

#[cfg(test)]
mod tests {
    use super::split_filter;

    /// From the Travel Request's merge view and the Status Report's work items.
    #[test]
    fn a_row_filter_is_split_from_its_group() {
        assert_eq!(
            split_filter(
                "my:trips/my:trip [ ../../my:filter = \"\" or ../../my:filter = my:destination ] "
            ),
            (
                "my:trips/my:trip",
                Some("../../my:filter = \"\" or ../../my:filter = my:destination")
            )
        );
        assert_eq!(split_filter("my:group1"), ("my:group1", None));
        assert_eq!(split_filter("my:a[1]/my:b"), ("my:a[1]/my:b", None));
        assert_eq!(split_filter("my:a[@x = ']']"), ("my:a", Some("@x = ']'")));
    }
}
