//! A view XSL into the page's controls, in document order, wherever they stand.
//!
//! Two passes per container (the page, a section, a repeating row): first every control,
//! static text, option button and help button becomes an [`Item`] that remembers its layout
//! line (table row or block) and cell; then texts attach to controls by proximity — a label is
//! the nearest text before the control on the same line, a description the text after it, a
//! help button belongs to what precedes it on its line. What is left is static text.

use super::xpath;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::expr::{Expr, Step};
use crate::ir::form::{
    Binding, ChoiceOption, ConditionEffect, Control, ControlKind, Helper, LangText, ViewCondition,
};
use crate::ir::{Lang, Origin};
use crate::read::xml::{Xml, attr, elements};
use roxmltree::{Node, NodeId};
use std::collections::HashSet;

pub const XD: &str = "http://schemas.microsoft.com/office/infopath/2003";
const XSL: &str = "http://www.w3.org/1999/XSL/Transform";
pub const ALTINN_NS: &str = "www.altinn.no/infopath-extensions";
const MY_NS_PREFIX: &str = "http://schemas.microsoft.com/office/infopath/2003/myXSD";

/// What the view reader needs to know about the form.
pub struct ViewInput<'a> {
    pub lang: Lang,
    /// Local name of the data model's root element.
    pub root: &'a str,
    /// True when the data model is InfoPath's own `my:` schema (then `my:` is not a helper).
    pub model_is_infopath: bool,
}

pub fn read_view(xml: &Xml, input: &ViewInput, diagnostics: &mut Vec<Diagnostic>) -> Vec<Control> {
    let stylesheet = xml.root();
    let templates: Vec<Node> = elements(stylesheet)
        .filter(|t| t.tag_name().namespace() == Some(XSL) && t.tag_name().name() == "template")
        .collect();
    let main = templates
        .iter()
        .find(|t| {
            attr(**t, "mode").is_none()
                && matches_root(attr(**t, "match").unwrap_or(""), input.root)
        })
        .or_else(|| templates.iter().find(|t| attr(**t, "mode").is_none()))
        .copied();
    let Some(main) = main else {
        diagnostics.push(xml.diag(
            Code::UnexpectedRoot,
            stylesheet,
            format!("`{}` has no main template; no controls were read", xml.file),
        ));
        return Vec::new();
    };
    let context = match attr(main, "match").unwrap_or("/") {
        "/" => String::new(),
        m => format!("/{}", local(m)),
    };
    let mut walker = Walker {
        xml,
        input,
        diagnostics,
        templates,
        next_id: 0,
        modes: Vec::new(),
    };
    let scope = Scope {
        path: context,
        conditions: Vec::new(),
    };
    walker.container(main, &scope, &[])
}

fn matches_root(pattern: &str, root: &str) -> bool {
    pattern == "/" || local(pattern) == root
}

fn local(qname: &str) -> &str {
    qname
        .rsplit(':')
        .next()
        .unwrap_or(qname)
        .trim_start_matches('/')
}

#[derive(Clone)]
struct Scope {
    path: String,
    conditions: Vec<ViewCondition>,
}

/// Where an item sits in the layout.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Place {
    /// The table row, else the block (div, p...) the item is in.
    line: Option<NodeId>,
    cell: Option<NodeId>,
    column: usize,
    /// The innermost block (div, p, li...) around the item, inside its cell.
    block: Option<NodeId>,
    /// The table row and the row right above it.
    row: Option<NodeId>,
    row_above: Option<NodeId>,
}

enum Item {
    Text {
        id: String,
        text: String,
        place: Place,
        origin: Origin,
        conditions: Vec<ViewCondition>,
    },
    Control {
        control: Box<Control>,
        place: Place,
    },
    Help {
        id: String,
        place: Place,
        origin: Origin,
    },
    Radio {
        id: String,
        binding: Option<Binding>,
        value: String,
        place: Place,
        origin: Origin,
        conditions: Vec<ViewCondition>,
    },
    Placeholder {
        text: String,
    },
}

impl Item {
    fn own_text(&self) -> &str {
        if let Item::Text { text, .. } = self {
            text
        } else {
            ""
        }
    }

    fn radio_value(&self) -> &str {
        if let Item::Radio { value, .. } = self {
            value
        } else {
            ""
        }
    }
}

struct Walker<'x, 'a, 'd> {
    xml: &'x Xml<'a>,
    input: &'x ViewInput<'x>,
    diagnostics: &'d mut Vec<Diagnostic>,
    templates: Vec<Node<'x, 'a>>,
    next_id: usize,
    modes: Vec<String>,
}

fn is_xsl(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(XSL) && node.tag_name().name() == name
}

fn html(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace().is_none()
        && node.tag_name().name().eq_ignore_ascii_case(name)
}

fn xd<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((XD, name))
}

fn class_has(node: Node, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_whitespace().any(|w| w.eq_ignore_ascii_case(class)))
}

/// A literal string expression (`"text"` or `'text'`), unquoted.
fn literal(select: &str) -> Option<String> {
    match xpath::parse(select.trim()).expr {
        Some(Expr::String { value }) => Some(value),
        _ => None,
    }
}

impl<'x, 'a> Walker<'x, 'a, '_> {
    fn auto_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{}", self.next_id)
    }

    /// Static text at `at` (placed there), from the element `node`.
    fn text_item(
        &mut self,
        id: Option<String>,
        text: String,
        node: Node,
        at: Node,
        root: Node,
        scope: &Scope,
    ) -> Item {
        let id = id.unwrap_or_else(|| self.auto_id("text"));
        Item::Text {
            id,
            text,
            place: self.place(at, root),
            origin: self.xml.origin(node),
            conditions: scope.conditions.clone(),
        }
    }

    fn control(&mut self, node: Node, kind: ControlKind, scope: &Scope) -> Control {
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

    /// Binds `control` from the `xd:binding` of `node`; a bound kind without one is reported.
    fn bind(&mut self, control: &mut Control, node: Node, scope: &Scope) {
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
    fn resolve(&self, raw: &str, at: Node, scope: &Scope) -> Option<Binding> {
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

    /// Conditional formatting written as `xsl:attribute` children of `node`.
    fn formatting(&mut self, node: Node, scope: &Scope) -> Vec<ViewCondition> {
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

    fn place(&self, node: Node, root: Node) -> Place {
        let mut cell = None;
        let mut column = 0;
        let mut block = None;
        for ancestor in node.ancestors().skip(1) {
            if ancestor == root {
                break;
            }
            if html(ancestor, "td") || html(ancestor, "th") {
                if cell.is_none() {
                    cell = Some(ancestor.id());
                    column = ancestor
                        .prev_siblings()
                        .skip(1)
                        .filter(|s| html(*s, "td") || html(*s, "th"))
                        .count();
                }
            } else if html(ancestor, "tr") {
                let above = ancestor
                    .prev_siblings()
                    .skip(1)
                    .find(|s| html(*s, "tr"))
                    .map(|s| s.id());
                return Place {
                    line: Some(ancestor.id()),
                    cell,
                    column,
                    block,
                    row: Some(ancestor.id()),
                    row_above: above,
                };
            } else if block.is_none()
                && cell.is_none()
                && ["div", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6"]
                    .iter()
                    .any(|b| html(ancestor, b))
            {
                block = Some(ancestor.id());
            }
        }
        Place {
            line: block.or(cell),
            cell,
            column,
            block,
            row: None,
            row_above: None,
        }
    }

    /// Reads the controls under `root` (a template, a for-each) as one container.
    fn container(
        &mut self,
        root: Node<'x, 'a>,
        scope: &Scope,
        headers: &[LangText],
    ) -> Vec<Control> {
        let mut items = Vec::new();
        self.walk(root, root, scope, &mut items);
        attach(items, headers, self.input.lang)
    }

    fn walk(
        &mut self,
        node: Node<'x, 'a>,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        for child in node.children() {
            if child.is_text() {
                let text = child.text().unwrap_or("").trim();
                if !text.is_empty() && node.tag_name().namespace().is_none() {
                    let item = self.text_item(None, collapse(text), node, child, root, scope);
                    items.push(item);
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

    fn xsl(
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

    fn element(
        &mut self,
        node: Node<'x, 'a>,
        root: Node<'x, 'a>,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        let name = node.tag_name().name().to_ascii_lowercase();
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
            let mut control = self.control(
                node,
                ControlKind::Hyperlink {
                    href: attr(node, "href").unwrap_or("").into(),
                },
                scope,
            );
            let text = crate::read::xml::text(node);
            if !text.is_empty() {
                control.label.insert(self.input.lang, collapse(&text));
            }
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
    fn repeating_body(&self, header: Node<'x, 'a>) -> Option<Node<'x, 'a>> {
        header.parent()?.children().find(|s| {
            html(*s, "tbody")
                && xd(*s, "xctname").is_some_and(|k| k.eq_ignore_ascii_case("RepeatingTable"))
        })
    }

    fn xd_control(
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
            "hyperlink" => {
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
                let headers = self.headers(node);
                let iterate = node.descendants().find(|d| is_xsl(*d, "for-each"));
                match iterate {
                    Some(each) => self.repeating(
                        each,
                        node,
                        ControlKind::RepeatingTable,
                        root,
                        scope,
                        &headers,
                        items,
                    ),
                    None => self.diagnostics.push(self.xml.diag(
                        Code::UnknownControl,
                        node,
                        "a repeating table without xsl:for-each was not read",
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
                        "InfoPath control `{other}` in `{}` is not known; it was not converted",
                        self.xml.file
                    ),
                ));
                return;
            }
        };
        items.push(Item::Control {
            control: Box::new(control),
            place,
        });
    }

    /// Static options of a select, or the data connection its `xsl:for-each` reads.
    fn options(&mut self, node: Node, control: &mut Control) {
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

    /// Column labels of a repeating table, from the header body of its table.
    fn headers(&mut self, body: Node) -> Vec<LangText> {
        let Some(table) = body.parent() else {
            return Vec::new();
        };
        let Some(header) = table
            .children()
            .find(|t| html(*t, "tbody") && class_has(*t, "xdTableHeader"))
        else {
            return Vec::new();
        };
        let Some(row) = header.descendants().find(|r| html(*r, "tr")) else {
            return Vec::new();
        };
        elements(row)
            .filter(|c| html(*c, "td") || html(*c, "th"))
            .map(|cell| {
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
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn repeating(
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
    fn section(
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
        // The section frame: the first control element of the template (it may sit in an xsl:if).
        let frame = template.descendants().find(|c| xd(*c, "xctname").is_some());
        let kind = match frame
            .and_then(|f| xd(f, "xctname"))
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("repeatingsection") => ControlKind::RepeatingSection,
            Some("optionalsection") => ControlKind::OptionalSection,
            _ => ControlKind::Section,
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

/// `HEIGHT: 80px` in the style of a text box makes it multi-line (more than one line high).
fn tall(node: Node) -> bool {
    let style = attr(node, "style")
        .unwrap_or("")
        .to_ascii_uppercase()
        .replace(' ', "");
    style
        .split(';')
        .find_map(|d| d.strip_prefix("HEIGHT:"))
        .and_then(|h| h.trim_end_matches("PX").parse::<f64>().ok())
        .is_some_and(|h| h > 30.0)
}

/// `"number","numDigits:0;..."` → `number`; `"string","plainMultiline"` → `plainMultiline`.
fn data_format(datafmt: &str) -> Option<String> {
    let tokens: Vec<&str> = datafmt
        .split(',')
        .map(|t| t.trim().trim_matches('"'))
        .collect();
    match tokens.as_slice() {
        ["string", second, ..] if !second.is_empty() => Some((*second).to_string()),
        ["string"] | [] => None,
        [first, ..] => Some((*first).to_string()),
    }
}

/// A custom `dateFormat:` of an `xd:datafmt`, in dayjs tokens (`dd.MM.yyyy` → `DD.MM.YYYY`);
/// `None` for InfoPath's named formats (Short Date, Long Date, none).
fn date_pattern(datafmt: &str) -> Option<String> {
    let rest = &datafmt[datafmt.find("dateFormat:")? + "dateFormat:".len()..];
    let pattern = rest.split([';', '"', '&']).next()?.trim();
    let named = ["short date", "long date", "none", "system", ""];
    if named.contains(&pattern.to_lowercase().as_str()) {
        return None;
    }
    let converted: String = pattern
        .chars()
        .map(|c| match c {
            'd' => 'D',
            'y' => 'Y',
            c => c,
        })
        .collect();
    converted
        .chars()
        .all(|c| "DMY.-/ ".contains(c))
        .then_some(converted)
}

/// The data connection named in `xdXDocument:GetDOM("Name")`.
fn get_dom_name(select: &str) -> Option<String> {
    let start = select.find("GetDOM(")? + "GetDOM(".len();
    let rest = &select[start..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &rest[1..];
    Some(body[..body.find(quote)?].to_string())
}

/// Does a ScreenTip say something a person wrote (not `field1`, `my:amount`)?
fn meaningful(tip: &str) -> bool {
    let tip = tip.trim();
    !tip.is_empty()
        && (tip.contains(' ')
            || (tip.chars().next().is_some_and(char::is_uppercase)
                && tip.chars().all(char::is_alphabetic)))
}

/// Do a label and a ScreenTip say the same (`Report Date:` and `Report Date`)?
fn agrees(label: &str, tip: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_end_matches([':', '*', ' ', '?'])
            .to_lowercase()
    };
    let (a, b) = (norm(label), norm(tip));
    !a.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Attaches texts, help buttons and option labels to controls (see the module comment).
/// Index loops on purpose: every pass looks at neighbours of item `i`.
#[allow(clippy::needless_range_loop)]
fn attach(items: Vec<Item>, headers: &[LangText], lang: Lang) -> Vec<Control> {
    let n = items.len();
    let mut used = vec![false; n];
    let place = |i: usize| match &items[i] {
        Item::Text { place, .. }
        | Item::Control { place, .. }
        | Item::Help { place, .. }
        | Item::Radio { place, .. } => Some(*place),
        Item::Placeholder { .. } => None,
    };
    let same_line = |a: usize, b: usize| match (place(a), place(b)) {
        (Some(x), Some(y)) => x.line.is_some() && x.line == y.line,
        _ => false,
    };
    let is_text = |i: usize| matches!(items[i], Item::Text { .. });
    let is_anchor = |i: usize| matches!(items[i], Item::Control { .. } | Item::Radio { .. });

    let same = |a: usize, b: usize, key: fn(&Place) -> Option<NodeId>| match (place(a), place(b)) {
        (Some(x), Some(y)) => key(&x).is_some() && key(&x) == key(&y),
        _ => false,
    };
    let same_block = |a: usize, b: usize| same(a, b, |p| p.block);
    let same_cell = |a: usize, b: usize| same(a, b, |p| p.cell);
    let same_row = |a: usize, b: usize| same(a, b, |p| p.row);
    // Cells and rows that hold a control: their texts label those controls, no other.
    let mut cells_with_anchor = HashSet::new();
    let mut rows_with_anchor = HashSet::new();
    for i in (0..n).filter(|i| is_anchor(*i)) {
        if let Some(p) = place(i) {
            cells_with_anchor.extend(p.cell);
            rows_with_anchor.extend(p.row);
        }
    }

    // Option buttons: a run of radios on one field is one control; each radio's label is the
    // text beside it in its own block (InfoPath writes `Option1<input/>`), else the first
    // text after it on its line.
    let mut groups: Vec<(usize, Vec<usize>, Vec<Option<usize>>)> = Vec::new();
    for i in 0..n {
        let Item::Radio { binding, .. } = &items[i] else {
            continue;
        };
        let beside = (0..i)
            .rev()
            .take_while(|j| !is_anchor(*j) && same_block(i, *j))
            .find(|j| is_text(*j) && !used[*j])
            .or_else(|| {
                (i + 1..n)
                    .take_while(|j| !is_anchor(*j) && same_block(i, *j))
                    .find(|j| is_text(*j) && !used[*j])
            });
        let label = beside.or_else(|| {
            (i + 1..n)
                .take_while(|j| !is_anchor(*j))
                .find(|j| is_text(*j) && !used[*j] && same_line(i, *j))
        });
        if let Some(l) = label {
            used[l] = true;
        }
        match groups.last_mut() {
            Some((first, members, labels)) if matches!(&items[*first], Item::Radio { binding: b, .. } if b == binding) =>
            {
                members.push(i);
                labels.push(label);
            }
            _ => groups.push((i, vec![i], vec![label])),
        }
    }

    // Help buttons: to the nearest control or text before them on their line.
    let mut help_of: Vec<Option<String>> = vec![None; n];
    let mut loose_help = Vec::new();
    for i in 0..n {
        let Item::Help { id, .. } = &items[i] else {
            continue;
        };
        let owner = (0..i)
            .rev()
            .find(|j| same_line(i, *j) && (is_anchor(*j) || (is_text(*j) && !used[*j])));
        match owner {
            Some(o) => help_of[o] = Some(id.clone()),
            None => loose_help.push(i),
        }
    }

    // Labels, as InfoPath authors lay forms out (first match wins): the text before the
    // control in its own cell; else the nearest earlier cell of the row holding text and no
    // control; else the same column of the row above when that row holds only texts. Outside
    // tables: the text before it on its line, else a text alone on the line above. A check
    // box's text right after it in its block is its label. The ScreenTip must agree.
    let mut label_of: Vec<Option<String>> = vec![None; n];
    // Labels that are only the ScreenTip: a repeating table's column header beats them.
    let mut from_tip = vec![false; n];
    // The items that take neighbouring texts (not links, buttons, images or later radios).
    let mut takes_texts = vec![false; n];
    for i in 0..n {
        let anchor = match &items[i] {
            // Links, buttons and images carry their own text; they take no neighbours.
            Item::Control { control, .. } => {
                !matches!(control.kind, ControlKind::Text) && control.label.is_empty()
            }
            Item::Radio { .. } => groups.iter().any(|(first, ..)| *first == i),
            _ => false,
        };
        if !anchor {
            continue;
        }
        takes_texts[i] = true;
        let Some(at) = place(i) else { continue };
        let free = |j: usize, used: &[bool]| is_text(j) && !used[j];
        let checkbox = matches!(&items[i], Item::Control { control, .. } if control.kind == ControlKind::CheckBox);
        let mut candidates: Vec<usize> = Vec::new();
        if checkbox {
            candidates.extend(
                (i + 1..n)
                    .take_while(|j| {
                        !is_anchor(*j)
                            && (same_block(i, *j) || (at.block.is_none() && same_cell(i, *j)))
                    })
                    .find(|j| free(*j, &used)),
            );
        }
        if at.cell.is_some() {
            // (a) the same cell, before it
            candidates.extend(
                (0..i)
                    .rev()
                    .take_while(|j| same_cell(i, *j) && !is_anchor(*j))
                    .find(|j| free(*j, &used)),
            );
            // (b) an earlier cell of the row with text and no control
            candidates.extend((0..i).rev().take_while(|j| same_row(i, *j)).find(|j| {
                free(*j, &used)
                    && !same_cell(i, *j)
                    && place(*j)
                        .and_then(|p| p.cell)
                        .is_some_and(|c| !cells_with_anchor.contains(&c))
            }));
            // (c) the same column of the row above, when that row holds only texts
            if let Some(above) = at.row_above.filter(|r| !rows_with_anchor.contains(r)) {
                candidates.extend((0..i).rev().find(|j| {
                    free(*j, &used)
                        && place(*j).is_some_and(|p| p.row == Some(above) && p.column == at.column)
                }));
            }
        } else {
            candidates.extend(
                (0..i)
                    .rev()
                    .take_while(|j| !is_anchor(*j) || !same_line(i, *j))
                    .find(|j| free(*j, &used) && same_line(i, *j)),
            );
            if i > 0
                && free(i - 1, &used)
                && !same_line(i, i - 1)
                && (i < 2 || !same_line(i - 1, i - 2))
            {
                // A text alone on the line just above (a heading over a field or group).
                candidates.push(i - 1);
            }
        }
        let tip = match &items[i] {
            Item::Control { control, .. } => control.screen_tip.clone().filter(|t| meaningful(t)),
            _ => None,
        };
        let chosen = match &tip {
            // The first candidate that agrees with the ScreenTip, else the ScreenTip itself.
            Some(tip) => candidates
                .iter()
                .copied()
                .find(|c| agrees(items[*c].own_text(), tip)),
            None => candidates.first().copied(),
        };
        match (chosen, tip) {
            (Some(c), _) => {
                used[c] = true;
                label_of[i] = Some(items[c].own_text().to_string());
            }
            (None, Some(tip)) => {
                label_of[i] = Some(tip);
                from_tip[i] = true;
            }
            (None, None) => {}
        }
    }
    // Descriptions: texts after a control in its own cell (or on its line outside tables)
    // that no control claimed as its label.
    let mut description_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in (0..n).filter(|i| takes_texts[*i]) {
        let at = place(i);
        let in_block = at.is_some_and(|p| p.block.is_some() && p.cell.is_some());
        let in_row = at.is_some_and(|p| p.row.is_some());
        for j in i + 1..n {
            // A text in a block of its own below the control labels what follows it; in a
            // table row, later cells count until the next control (a unit such as "kroner").
            let near = if in_block {
                same_block(i, j)
            } else if in_row {
                same_row(i, j)
            } else {
                same_line(i, j)
            };
            if !near || is_anchor(j) {
                break;
            }
            if is_text(j) && !used[j] {
                description_of[i].push(j);
                used[j] = true;
            }
        }
    }

    // Values other items need once the items are consumed below.
    let texts: Vec<String> = items.iter().map(|it| it.own_text().to_string()).collect();
    let values: Vec<String> = items
        .iter()
        .map(|it| it.radio_value().to_string())
        .collect();
    let mut out: Vec<Control> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut label = label_of[i].take();
        let description = (!description_of[i].is_empty()).then(|| {
            description_of[i]
                .iter()
                .map(|d| texts[*d].clone())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let mut control = match item {
            Item::Control { control, place } => {
                let mut control = *control;
                if (label.is_none() || from_tip[i])
                    && control.label.is_empty()
                    && let Some(header) = headers.get(place.column)
                {
                    control.label = header.clone();
                    label = None;
                }
                control
            }
            Item::Radio {
                id,
                binding,
                origin,
                conditions,
                ..
            } => {
                // Only the first radio of a group makes the control.
                let Some((_, members, labels)) = groups.iter().find(|(first, ..)| *first == i)
                else {
                    continue;
                };
                let mut control = Control::new(id, ControlKind::OptionButtons, origin);
                control.binding = binding;
                control.conditions = conditions;
                for (m, l) in members.iter().zip(labels) {
                    let label = l
                        .map(|l| LangText::from([(lang, texts[l].clone())]))
                        .unwrap_or_default();
                    control.options.push(ChoiceOption {
                        value: values[*m].clone(),
                        label,
                    });
                }
                control
            }
            Item::Text {
                id,
                text,
                origin,
                conditions,
                ..
            } => {
                if used[i] {
                    continue;
                }
                let mut control = Control::new(id, ControlKind::Text, origin);
                control.label.insert(lang, text);
                control.conditions = conditions;
                control
            }
            Item::Help { id, origin, .. } => {
                if !loose_help.contains(&i) {
                    continue;
                }
                let mut control = Control::new(id.clone(), ControlKind::HelpButton, origin);
                control.help = Some(id);
                control
            }
            Item::Placeholder { text } => {
                // The "insert item" hint of the container just before it.
                if let Some(container) = out.iter_mut().rev().find(|c| c.kind.is_container()) {
                    container.description.entry(lang).or_insert(text);
                }
                continue;
            }
        };
        if let Some(label) = label {
            control.label.insert(lang, label);
        }
        if let Some(description) = description {
            control.description.insert(lang, description);
        }
        if let Some(help) = help_of[i].take() {
            control.help = Some(help);
        }
        out.push(control);
    }
    out
}

#[cfg(test)]
mod tests {
    //! Label attachment, one layout pattern each, the markup cut down from the real samples
    //! (`../shared/samples/real`): expense report, meeting agenda, the xsn example.
    use super::*;
    use crate::read::package::Limits;

    fn labels(body: &str) -> Vec<(String, String, String)> {
        let text = format!(
            r#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="urn:my"><xsl:template match="my:r"><html><body>{body}</body></html></xsl:template></xsl:stylesheet>"#
        );
        let mut diagnostics = Vec::new();
        let xml = Xml::parse("v.xsl", &text, &Limits::default(), &mut diagnostics).unwrap();
        let input = ViewInput {
            lang: Lang::En,
            root: "r",
            model_is_infopath: true,
        };
        let first = |t: &LangText| t.values().next().cloned().unwrap_or_default();
        read_view(&xml, &input, &mut diagnostics)
            .iter()
            .flat_map(|c| c.walk())
            .map(|c| {
                let described = if c.options.is_empty() {
                    first(&c.description)
                } else {
                    c.options
                        .iter()
                        .map(|o| first(&o.label))
                        .collect::<Vec<_>>()
                        .join("|")
                };
                (c.id.clone(), first(&c.label), described)
            })
            .collect()
    }

    fn text_box(id: &str, tip: &str) -> String {
        format!(
            r#"<span class="xdTextBox" title="{tip}" xd:CtrlId="{id}" xd:xctname="PlainText" xd:binding="my:{id}"/>"#
        )
    }

    #[test]
    fn a_label_in_the_same_cell_before_the_control() {
        // Expense report: "Report Date:" and "Expense Code:" above their controls, one cell each.
        let row = format!(
            "<table><tbody><tr><td><div>Report Date:</div><div>{}</div></td><td><div> </div></td><td><div>Expense Code:</div><div>{}</div></td></tr></tbody></table>",
            text_box("a", "Report Date"),
            text_box("b", "Expense Code")
        );
        let got = labels(&row);
        assert_eq!(got[0], ("a".into(), "Report Date:".into(), String::new()));
        assert_eq!(got[1], ("b".into(), "Expense Code:".into(), String::new()));
    }

    #[test]
    fn a_label_in_an_earlier_cell_of_the_row_and_a_unit_after() {
        let row = format!(
            "<table><tbody><tr><td>Amount</td><td>{}</td><td>kroner</td></tr></tbody></table>",
            text_box("a", "")
        );
        assert_eq!(
            labels(&row),
            [("a".into(), "Amount".into(), "kroner".into())]
        );
    }

    #[test]
    fn a_label_in_the_same_column_of_the_row_above() {
        let table = format!(
            "<table><tbody><tr><td>Name</td><td>E-mail</td></tr><tr><td>{}</td><td>{}</td></tr></tbody></table>",
            text_box("a", ""),
            text_box("b", "")
        );
        let got = labels(&table);
        assert_eq!((got[0].1.as_str(), got[1].1.as_str()), ("Name", "E-mail"));
    }

    #[test]
    fn labels_before_controls_on_one_line() {
        // Meeting agenda: each label in a font right before its control, one block.
        let line = format!(
            "<div><font>Title:</font>{}<font>Organizer:</font>{}</div>",
            text_box("a", ""),
            text_box("b", "")
        );
        let got = labels(&line);
        assert_eq!(
            (got[0].1.as_str(), got[1].1.as_str()),
            ("Title:", "Organizer:")
        );
        assert!(
            got[0].2.is_empty(),
            "no description taken from the next label"
        );
    }

    #[test]
    fn option_texts_beside_each_button_and_the_check_box_heading() {
        // xsn example: `Option1<input type="radio"/>` per block; "Check Box" before the box.
        let radio = |id: &str, v: &str| {
            format!(
                r#"<div>Option{v}<input type="radio" xd:xctname="OptionButton" xd:CtrlId="{id}" xd:binding="my:f6" xd:onValue="{v}"/></div>"#
            )
        };
        let cell = format!(
            r#"<table><tbody><tr><td><div>Check Box</div><div><input type="checkbox" xd:xctname="CheckBox" xd:CtrlId="cb" xd:binding="my:f5" xd:onValue="true"/></div><div><div>Option Button</div>{}{}{}</div></td></tr></tbody></table>"#,
            radio("r1", "1"),
            radio("r2", "2"),
            radio("r3", "3")
        );
        let got = labels(&cell);
        assert_eq!(got[0], ("cb".into(), "Check Box".into(), String::new()));
        assert_eq!(got[1].1, "Option Button");
        assert_eq!(got[1].2, "Option1|Option2|Option3");
    }

    #[test]
    fn declared_date_patterns_become_frontend_formats() {
        assert_eq!(
            date_pattern("\"date\",\"dateFormat:dd.MM.yyyy;\""),
            Some("DD.MM.YYYY".into())
        );
        assert_eq!(
            date_pattern("\"date\",\"dateFormat:yyyy-MM-dd;\""),
            Some("YYYY-MM-DD".into())
        );
        assert_eq!(date_pattern("\"date\",\"dateFormat:Short Date;\""), None);
        assert_eq!(
            date_pattern("\"datetime\",\"dateFormat:Short Date;timeFormat:none;\""),
            None
        );
        assert_eq!(
            date_pattern("\"date\",\"dateFormat:dddd, MMMM d;\""),
            None,
            "names of days"
        );
    }

    #[test]
    fn the_screen_tip_decides_and_fills_in() {
        // A sentence above the field disagrees with the ScreenTip: the tip wins; no label at
        // all: the tip is the title; a technical tip (`field1`) is no title.
        let body = format!(
            "<div>Please fill in the form below.</div><div>{}</div><div>{}</div><div>{}</div>",
            text_box("a", "Standard Textbox"),
            text_box("b", "Phone number"),
            text_box("c", "field3")
        );
        let got = labels(&body);
        let of = |id: &str| got.iter().find(|g| g.0 == id).unwrap().1.clone();
        assert_eq!(of("a"), "Standard Textbox");
        assert_eq!(of("b"), "Phone number");
        assert_eq!(of("c"), "");
        assert!(
            got.iter().any(|g| g.1 == "Please fill in the form below."),
            "kept as text"
        );
    }
}
