//! The control table: each InfoPath control kind (`xd:xctname`) into an IR control, its
//! options and a repeating table's column headers. A new control kind goes here.

use super::*;

impl<'x, 'a> Walker<'x, 'a, '_> {
    pub(super) fn control(&mut self, node: Node, kind: ControlKind, scope: &Scope) -> Control {
        let id = xd(node, "CtrlId")
            .map(str::to_string)
            .unwrap_or_else(|| self.auto_id("ctrl"));
        let mut control = Control::new(id, kind, self.xml.origin(node));
        control.conditions = scope.conditions.clone();
        control.conditions.extend(self.formatting(node, scope));
        control.read_only = xd(node, "disableEditing") == Some("yes");
        control.format = xd(node, "datafmt").and_then(data_format);
        control.date_format = xd(node, "datafmt").and_then(date_pattern);
        control.screen_tip = node
            .attribute("title")
            .map(collapse)
            .filter(|t| !t.is_empty());
        control
    }

    pub(super) fn xd_control(
        &mut self,
        node: Node<'x, 'a>,
        kind: &str,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        let place = self.place(node, root);
        let simple = |w: &mut Self, k: ControlKind| {
            let mut c = w.control(node, k, scope);
            w.bind(&mut c, node, scope);
            c
        };
        let control = match kind {
            "plaintext" => {
                let multiline =
                    xd(node, "datafmt").is_some_and(|f| f.contains("plainMultiline")) || tall(node);
                let mut c = simple(self, ControlKind::TextBox { multiline });
                if multiline {
                    c.format = None;
                }
                c
            }
            "dtpicker" => {
                let mut c = self.control(node, ControlKind::DatePicker, scope);
                match node.descendants().find(|d| {
                    xd(*d, "xctname").is_some_and(|k| k.eq_ignore_ascii_case("DTPicker_DTText"))
                }) {
                    Some(text) => {
                        self.bind(&mut c, text, scope);
                        c.format = xd(text, "datafmt").and_then(data_format);
                    }
                    None => self.bind(&mut c, node, scope),
                }
                c
            }
            "dropdown" | "listbox" | "combobox" => {
                let kind = match kind {
                    "dropdown" => ControlKind::Dropdown,
                    "listbox" => ControlKind::ListBox,
                    _ => ControlKind::ComboBox,
                };
                let mut c = self.control(node, kind, scope);
                // A combo box wraps a text box (bound) and a select.
                let bound = if xd(node, "binding").is_some() {
                    node
                } else {
                    node.descendants()
                        .find(|d| xd(*d, "binding").is_some())
                        .unwrap_or(node)
                };
                self.bind(&mut c, bound, scope);
                self.options(node, &mut c);
                c
            }
            "optionbutton" => {
                let id = xd(node, "CtrlId")
                    .map(str::to_string)
                    .unwrap_or_else(|| self.auto_id("ctrl"));
                let binding = xd(node, "binding").and_then(|b| self.resolve(b, node, scope));
                let mut conditions = scope.conditions.clone();
                conditions.extend(self.formatting(node, scope));
                return items.push(Item::Radio {
                    id,
                    binding,
                    value: xd(node, "onValue").unwrap_or("").to_string(),
                    place,
                    origin: self.xml.origin(node),
                    conditions,
                });
            }
            "checkbox" => {
                let mut c = simple(self, ControlKind::CheckBox);
                c.on_value = xd(node, "onValue").map(str::to_string);
                c.off_value = xd(node, "offValue").map(str::to_string);
                c
            }
            k if k.starts_with("multipleselectlist") || k.starts_with("multiselectlist") => {
                if k.ends_with("item") {
                    return; // an entry of the list, read with it
                }
                let mut c = self.control(node, ControlKind::MultiSelectList, scope);
                let bound = node
                    .descendants()
                    .find(|d| xd(*d, "binding").is_some())
                    .unwrap_or(node);
                let inner = Scope {
                    path: scope.path.clone(),
                    conditions: Vec::new(),
                };
                // Items bind relative to the repeating field iterated by the list.
                let context = node
                    .descendants()
                    .find(|d| is_xsl(*d, "for-each"))
                    .and_then(|f| attr(f, "select"))
                    .and_then(|s| self.resolve(s, node, &inner));
                c.binding = context
                    .or_else(|| xd(bound, "binding").and_then(|b| self.resolve(b, bound, scope)));
                self.options(node, &mut c);
                c
            }
            "richtext" => simple(self, ControlKind::RichText),
            "expressionbox" => {
                let binding = xd(node, "binding");
                let select = node
                    .descendants()
                    .find(|d| is_xsl(*d, "value-of"))
                    .and_then(|v| attr(v, "select"));
                let source = binding.or(select).unwrap_or("");
                if let Some(text) = literal(source) {
                    let id = xd(node, "CtrlId")
                        .map(str::to_string)
                        .unwrap_or_else(|| self.auto_id("text"));
                    return items.push(Item::Text {
                        id,
                        text,
                        place,
                        origin: self.xml.origin(node),
                        conditions: scope.conditions.clone(),
                    });
                }
                let mut c = self.control(
                    node,
                    ControlKind::Expression {
                        expression: xpath::parse(source),
                    },
                    scope,
                );
                c.binding = self.resolve(source, node, scope);
                c.read_only = true;
                c
            }
            "picturebutton" => {
                let id = xd(node, "CtrlId").unwrap_or("").to_string();
                if id.starts_with("HelpText") {
                    return items.push(Item::Help {
                        id,
                        place,
                        origin: self.xml.origin(node),
                    });
                }
                self.control(
                    node,
                    ControlKind::Button {
                        caption: String::new(),
                    },
                    scope,
                )
            }
            "button" => {
                let caption = attr(node, "value").unwrap_or("").to_string();
                let mut c = self.control(
                    node,
                    ControlKind::Button {
                        caption: caption.clone(),
                    },
                    scope,
                );
                if !caption.is_empty() {
                    c.label.insert(self.input.lang, caption);
                }
                c
            }
            "hyperlink" => self.hyperlink(node, scope),
            "inlineimage" | "linkedimage" => {
                let src = node
                    .descendants()
                    .find_map(|d| attr(d, "src"))
                    .unwrap_or("")
                    .to_string();
                simple(self, ControlKind::Image { src })
            }
            "fileattachment" => simple(self, ControlKind::FileAttachment),
            "repeatingtable" => {
                let (headers, title) = self.header(node);
                let iterate = node.descendants().find(|d| is_xsl(*d, "for-each"));
                match iterate {
                    Some(each) => {
                        self.repeating(
                            each,
                            node,
                            ControlKind::RepeatingTable,
                            root,
                            scope,
                            &headers,
                            items,
                        );
                        if let Some(Item::Control { control, .. }) = items.last_mut()
                            && control.kind == ControlKind::RepeatingTable
                            && control.label.is_empty()
                        {
                            control.label = title;
                        }
                    }
                    None => self.diagnostics.push(self.xml.diag(
                        Code::UnknownControl,
                        node,
                        format!(
                            "a repeating table without xsl:for-each was not read (its controls {})",
                            self.view_ids(node.parent().unwrap_or(node)).join(", ")
                        ),
                    )),
                }
                return;
            }
            // Sections are read through the apply-templates that reaches them; their own div
            // only wraps the content.
            "section" | "optionalsection" | "repeatingsection" | "dtpicker_dttext"
            | "dtpicker_dtbutton" => {
                let mut inner = scope.clone();
                inner.conditions.extend(self.formatting(node, scope));
                return self.walk(node, root, &inner, items);
            }
            other => {
                self.diagnostics.push(self.xml.diag(
                    Code::UnknownControl,
                    node,
                    format!(
                        "InfoPath control `{other}` `{}` in `{}` is not known; it was not converted",
                        xd(node, "CtrlId").unwrap_or("without an id"),
                        self.xml.file
                    ),
                ));
                return;
            }
        };
        // A control's inner parts are read with it (a combo box's text field, a date picker's
        // text and button): their ids are its own where it has none, else it stands for them.
        let mut control = control;
        let mut inner = node
            .descendants()
            .skip(1)
            .filter_map(|d| xd(d, "CtrlId"))
            .map(str::to_string);
        if xd(node, "CtrlId").is_none()
            && let Some(first) = inner.next()
        {
            control.id = first;
        }
        control.stands_for.extend(inner);
        items.push(Item::Control {
            control: Box::new(control),
            place,
        });
    }

    /// A link, drawn by InfoPath (`xd:xctname="Hyperlink"`, maybe bound) or written as a
    /// plain `<a href>`: its text is its title.
    pub(super) fn hyperlink(&mut self, node: Node, scope: &Scope) -> Control {
        let href = attr(node, "href").unwrap_or("").to_string();
        let mut c = self.control(node, ControlKind::Hyperlink { href }, scope);
        if let Some(b) = xd(node, "binding") {
            c.binding = self.resolve(b, node, scope);
        }
        let text = crate::read::xml::text(node);
        if !text.is_empty() {
            c.label.insert(self.input.lang, collapse(&text));
        }
        c
    }

    /// Static options of a select, or the data connection its `xsl:for-each` reads.
    pub(super) fn options(&mut self, node: Node, control: &mut Control) {
        if let Some(each) = node.descendants().find(|d| is_xsl(*d, "for-each")) {
            let select = attr(each, "select").unwrap_or("");
            control.options_source = get_dom_name(select);
            return;
        }
        for option in node.descendants().filter(|d| html(*d, "option")) {
            let value = attr(option, "value").unwrap_or("").to_string();
            if value.is_empty() {
                continue; // the "choose..." entry
            }
            let label: String = option
                .children()
                .filter_map(|c| {
                    if c.is_text() {
                        c.text().map(str::to_string)
                    } else if is_xsl(c, "value-of") {
                        attr(c, "select").and_then(literal)
                    } else {
                        None
                    }
                })
                .collect();
            let label = collapse(&label);
            let mut text = LangText::new();
            if !label.is_empty() {
                text.insert(self.input.lang, label);
            }
            control.options.push(ChoiceOption { value, label: text });
        }
    }

    /// The header of a repeating table (the `xdTableHeader` body of its table): its column
    /// labels, by column (a cell spanning columns names each of them), from the row right
    /// above the repeating rows; and its title, a one-cell row above those labels
    /// (`Contact Information` over `Name | Email`).
    pub(super) fn header(&self, body: Node) -> (Vec<LangText>, LangText) {
        let header = body.parent().and_then(|table| {
            table
                .children()
                .find(|t| html(*t, "tbody") && class_has(*t, "xdTableHeader"))
        });
        let rows = header.map(header_rows).unwrap_or_default();
        let Some((labels, above)) = rows.split_last() else {
            return (Vec::new(), LangText::new());
        };
        let mut by_column = Vec::new();
        for cell in cells(*labels) {
            let text = self.cell_text(cell);
            by_column.extend(std::iter::repeat_n(text, layout::span_of(cell)));
        }
        let title = above
            .iter()
            .filter(|r| cells(**r).count() == 1)
            .map(|r| self.cell_text(*r))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        (by_column, title)
    }

    /// The text of a header cell (or row): its text nodes and literal expressions, collapsed.
    fn cell_text(&self, cell: Node) -> LangText {
        let mut texts: Vec<String> = Vec::new();
        for d in cell.descendants() {
            if d.is_text()
                && d.parent()
                    .is_some_and(|p| p.tag_name().namespace().is_none())
            {
                texts.push(d.text().unwrap_or("").trim().to_string());
            } else if is_xsl(d, "value-of")
                && let Some(t) = attr(d, "select").and_then(literal)
            {
                texts.push(t);
            }
        }
        let text = collapse(&texts.join(" "));
        if text.is_empty() {
            LangText::new()
        } else {
            LangText::from([(self.input.lang, text)])
        }
    }
}

/// The cells of a table row.
fn cells<'a, 'i>(row: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    elements(row).filter(|c| html(*c, "td") || html(*c, "th"))
}

/// The rows of a table body, its own only (not those of tables nested in its cells).
fn header_rows<'a, 'i>(body: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    body.descendants()
        .filter(|r| html(*r, "tr"))
        .filter(|r| r.ancestors().skip(1).find(|a| html(*a, "tbody")) == Some(body))
        .collect()
}
