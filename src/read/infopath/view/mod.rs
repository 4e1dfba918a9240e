//! A view XSL into the page's controls, in document order, wherever they stand.
//!
//! Two passes per container (the page, a section, a repeating row): first every control,
//! static text, option button and help button becomes an [`Item`] that remembers where it sits
//! (table row and cell, column, block, the row above); then texts attach to controls as
//! InfoPath authors lay forms out (`labels.rs`), help buttons to what precedes them on their
//! line. What is left is static text.
//! The files: `walk.rs` (the XSL walk), `controls.rs` (the control table), `binding.rs`,
//! `formatting.rs` (conditional formatting), `layout.rs` (layout geometry), `labels.rs`
//! (label attachment).

mod binding;
mod controls;
mod formatting;
mod labels;
mod layout;
mod walk;

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
        breaks: 0,
        last_run: None,
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
    /// In the title row of InfoPath's layout table (`<tr class="xdTitleRow">`): the form's
    /// title is there, and it labels nothing outside that row.
    title_row: bool,
    /// The column of the outermost cell in the container (a repeating table's column).
    outer_column: usize,
    /// The outermost cell in the container and its row: where a layout table nested in a
    /// cell stands in the form's own grid.
    outer_cell: Option<NodeId>,
    outer_row: Option<NodeId>,
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

    /// The item's id: the view's `xd:CtrlId` where it has one.
    fn id(&self) -> &str {
        match self {
            Item::Text { id, .. } | Item::Help { id, .. } | Item::Radio { id, .. } => id,
            Item::Control { control, .. } => &control.id,
            Item::Placeholder { .. } => "",
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
    /// Line breaks (`<br>`) walked so far: a run of text continues only on its own line.
    breaks: usize,
    /// The text run pushed last, when it holds a letter or digit: its index in the items,
    /// the breaks before it, and whether its source ended in white space.
    last_run: Option<(usize, usize, bool)>,
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
    /// The view's ids of every control at or under `node`: what a finding about content that
    /// is not converted names, so that no control goes unaccounted.
    fn view_ids(&self, node: Node) -> Vec<String> {
        let ids: Vec<String> = node
            .descendants()
            .filter_map(|d| xd(d, "CtrlId"))
            .map(str::to_string)
            .collect();
        if ids.is_empty() {
            vec!["none".to_string()]
        } else {
            ids
        }
    }

    fn auto_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{}", self.next_id)
    }

    /// A text node of the view: it continues the text run before it when nothing but inline
    /// markup stands between them (InfoPath styles a first letter in its own `<font>`:
    /// `<font>W</font><font>hat would you like…</font>` reads "What would you like…"), else
    /// it starts a text item of its own. A separator (`|`) joins nothing: it stands between
    /// labels. XSLT drops white-space-only text of a stylesheet, so only the runs' own edges
    /// say whether a space separates them.
    fn text_run(
        &mut self,
        raw: &str,
        node: Node,
        at: Node,
        root: Node,
        scope: &Scope,
        items: &mut Vec<Item>,
    ) {
        let text = collapse(raw);
        let place = self.place(at, root);
        // The id is taken either way, so the ids of later items do not depend on the join.
        let id = self.auto_id("text");
        let starts_spaced = raw.starts_with(char::is_whitespace);
        let ends_spaced = raw.ends_with(char::is_whitespace);
        let words = text.chars().any(char::is_alphanumeric);
        if let Some((index, breaks, spaced)) = self.last_run.filter(|_| words)
            && index + 1 == items.len()
            && breaks == self.breaks
            && let Some(Item::Text {
                text: previous,
                place: previous_place,
                conditions,
                ..
            }) = items.last_mut()
            && *previous_place == place
            && *conditions == scope.conditions
        {
            if spaced || starts_spaced {
                previous.push(' ');
            }
            previous.push_str(&text);
            self.last_run = Some((index, breaks, ends_spaced));
            return;
        }
        let item = self.text_item(Some(id), text, node, at, root, scope);
        items.push(item);
        self.last_run = words.then(|| (items.len() - 1, self.breaks, ends_spaced));
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
}

/// Is `node` in the title row of InfoPath's layout table (`<tr class="xdTitleRow">`)?
fn in_title_row(node: Node) -> bool {
    node.ancestors()
        .any(|a| html(a, "tr") && class_has(a, "xdTitleRow"))
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
    // InfoPath's named formats follow the reader's locale: no pattern of the form's own.
    let named = ["short date", "long date", "none", "system", ""];
    (!named.contains(&pattern.to_lowercase().as_str())).then(|| pattern.to_string())
}

/// The data connection named in `xdXDocument:GetDOM("Name")`.
fn get_dom_name(select: &str) -> Option<String> {
    let start = select.find("GetDOM(")? + "GetDOM(".len();
    let rest = &select[start..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &rest[1..];
    Some(body[..body.find(quote)?].to_string())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
