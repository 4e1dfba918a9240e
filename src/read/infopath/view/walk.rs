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
        labels::attach(items, headers, self.input.lang)
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
            return; // read as the column labels of the repeating table
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
        control.binding = self.resolve(select, each, scope);
        if control.binding.is_none() {
            self.diagnostics.push(self.xml.diag(
                Code::UnknownControl,
                each,
                format!("repeating content over `{select}` is not a data-model path; it was not converted"),
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
                format!("template for `{select}` applies itself; the recursion was cut"),
            ));
            return;
        }
        let Some(binding) = self.resolve(select, node, scope) else {
            self.diagnostics.push(self.xml.diag(
                Code::UnknownControl,
                node,
                format!("section over `{select}` is not a data-model path"),
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
