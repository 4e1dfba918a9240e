//! The reviewer's view: per page, the original InfoPath view as a blank form shows it beside a
//! sketch of the converted page, every control of the original marked with what became of it.
//!
//! The original is the view's own HTML: its literal result elements and their layout styles,
//! with what a blank form shows for the XSL instructions (templates applied in place, one row
//! of each repeating part, the first branch of each choice, empty values, literal texts). Only
//! layout markup is copied (no scripts, handlers or links), so the report stays one offline
//! file. Markers and sketch entries link to each other (`#m-…`, `#c-…`, `#f…`): the target
//! is highlighted by CSS alone.

use serde::Serialize;
use std::collections::BTreeSet;

/// One converted component as the sketch shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sketch {
    /// The anchor: `c-<page>-<component id>`.
    pub anchor: String,
    pub id: String,
    pub kind: String,
    pub title: String,
    pub binding: String,
    pub hidden: bool,
    pub required: bool,
    pub read_only: bool,
    /// Nesting depth (children of a group are indented).
    pub depth: usize,
    /// The original's marks this component stands for.
    pub marks: Vec<Link>,
}

/// A link to a mark: its anchor and the control id it shows.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub anchor: String,
    pub label: String,
}

/// One page of the review.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageReview {
    pub page: String,
    /// `<template>!<view>.xsl`.
    pub view: String,
    /// The blank form, marked (HTML, already sanitised).
    pub original: String,
    /// The view's own style sheet, scoped to `.view-<scope>` and sanitised.
    pub style: String,
    /// The class that scopes `style`.
    pub scope: String,
    pub components: Vec<Sketch>,
    /// Controls of the original, and how many became a component.
    pub controls: usize,
    pub converted: usize,
}

/// What became of a control of the view: its outcome class and the anchor it points at.
pub struct Mark {
    /// `converted`, `warned` or `by-hand`.
    pub outcome: &'static str,
    pub target: String,
    pub label: String,
}

const XSL: &str = "http://www.w3.org/1999/XSL/Transform";
const XD: &str = "http://schemas.microsoft.com/office/infopath/2003";

/// Layout elements copied from a view; everything else is left out (its text stays).
const ELEMENTS: &[&str] = &[
    "div", "span", "p", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "font", "strong",
    "b", "em", "i", "u", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "colgroup",
    "col", "hr", "sup", "sub", "center", "label",
];
const ATTRIBUTES: &[&str] = &[
    "style", "class", "colspan", "rowspan", "align", "valign", "width", "height", "color", "size",
    "face",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A style without what could fetch or run anything.
fn safe_style(style: &str) -> Option<String> {
    let lower = style.to_ascii_lowercase();
    (!lower.contains("url(") && !lower.contains("expression") && !lower.contains("import"))
        .then(|| style.to_string())
}

/// The view's `<style>` sheets, every rule scoped to `.{scope}` (a `BODY` rule styles the
/// scope itself); `@`-blocks and declarations that could fetch or run something are left out.
pub fn scoped_style(doc: &roxmltree::Document, scope: &str) -> String {
    let sheets: String = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name().eq_ignore_ascii_case("style"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut rest = sheets.as_str();
    while let Some(open) = rest.find('{') {
        let selectors = rest[..open].trim();
        // The block's end, nested blocks (`@media { … { } }`) counted.
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let body = &rest[open + 1..end.min(rest.len())];
        rest = rest.get(end + 1..).unwrap_or("");
        if selectors.starts_with('@') || selectors.contains('<') || body.contains('{') {
            continue;
        }
        let scoped: Vec<String> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.eq_ignore_ascii_case("body") || s.eq_ignore_ascii_case("html") {
                    format!(".{scope}")
                } else {
                    format!(".{scope} {s}")
                }
            })
            .collect();
        let declarations: Vec<&str> = body
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .filter(|d| {
                let lower = d.to_ascii_lowercase().replace(' ', "");
                !["url(", "expression", "behavior", "@import", "<", "}"]
                    .iter()
                    .any(|bad| lower.contains(bad))
            })
            .collect();
        if !scoped.is_empty() && !declarations.is_empty() {
            out.push_str(&format!(
                "{} {{ {} }}\n",
                scoped.join(", "),
                declarations.join("; ")
            ));
        }
    }
    out
}

/// A view's stylesheet, parsed once for both its original and its style (no DTD: a view
/// is untrusted input).
pub fn parse_view(xsl: &str) -> Option<roxmltree::Document<'_>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xsl, options).ok()
}

/// The blank form of a view, every control marked by `mark` (by its `xd:CtrlId`).
pub fn original(
    doc: &roxmltree::Document,
    root_name: &str,
    scope: &str,
    mark: &dyn Fn(&str) -> Option<Mark>,
) -> (String, Vec<String>) {
    let templates: Vec<roxmltree::Node> = doc
        .root_element()
        .children()
        .filter(|t| t.tag_name().namespace() == Some(XSL) && t.tag_name().name() == "template")
        .collect();
    let local = |m: &str| {
        m.rsplit(':')
            .next()
            .unwrap_or(m)
            .trim_start_matches('/')
            .to_string()
    };
    let main = templates
        .iter()
        .find(|t| {
            t.attribute("mode").is_none()
                && t.attribute("match")
                    .is_some_and(|m| m == "/" || local(m) == root_name)
        })
        .or_else(|| templates.iter().find(|t| t.attribute("mode").is_none()));
    let mut out = String::new();
    let mut marked = Vec::new();
    let mut writer = Writer {
        templates: &templates,
        mark,
        seen: BTreeSet::new(),
        marked: &mut marked,
        depth: 0,
        scope,
    };
    if let Some(main) = main {
        writer.children(*main, &mut out);
    }
    (out, marked)
}

struct Writer<'a, 'd, 'i> {
    templates: &'a [roxmltree::Node<'d, 'i>],
    mark: &'a dyn Fn(&str) -> Option<Mark>,
    /// Control ids marked already: an id is anchored once.
    seen: BTreeSet<String>,
    marked: &'a mut Vec<String>,
    depth: usize,
    /// The page's scope: marks are anchored `m-<scope>-<control>` (views share ids).
    scope: &'a str,
}

impl<'d, 'i> Writer<'_, 'd, 'i> {
    fn children(&mut self, node: roxmltree::Node<'d, 'i>, out: &mut String) {
        if self.depth > 48 {
            return;
        }
        self.depth += 1;
        for child in node.children() {
            if child.is_text() {
                let text = child.text().unwrap_or("");
                // A stylesheet's white-space-only text is no output.
                if !text.trim().is_empty() && node.tag_name().namespace() != Some(XSL) {
                    out.push_str(&escape(text));
                }
            } else if child.is_element() {
                self.element(child, out);
            }
        }
        self.depth -= 1;
    }

    fn element(&mut self, node: roxmltree::Node<'d, 'i>, out: &mut String) {
        if node.tag_name().namespace() == Some(XSL) {
            return self.instruction(node, out);
        }
        let name = node.tag_name().name().to_ascii_lowercase();
        let control = node.attribute((XD, "CtrlId")).map(str::to_string);
        if let Some(id) = &control {
            self.marker(id, out);
        }
        // Form controls show as an empty control of their kind.
        match name.as_str() {
            "input" => {
                let kind = match node.attribute("type").unwrap_or("text") {
                    "checkbox" => "checkbox",
                    "radio" => "radio",
                    "button" | "submit" => "button",
                    _ => "text",
                };
                let value = node.attribute("value").map(escape).unwrap_or_default();
                out.push_str(&format!(
                    "<input type=\"{kind}\" disabled value=\"{value}\">"
                ));
                return;
            }
            "select" => {
                out.push_str("<select disabled><option></option></select>");
                return;
            }
            "img" | "script" | "style" | "head" | "title" | "meta" | "link" | "object" => return,
            _ => {}
        }
        let copied = ELEMENTS.contains(&name.as_str());
        if copied {
            out.push('<');
            out.push_str(&name);
            for attribute in node.attributes().filter(|a| a.namespace().is_none()) {
                let key = attribute.name().to_ascii_lowercase();
                if !ATTRIBUTES.contains(&key.as_str()) {
                    continue;
                }
                let value = match key.as_str() {
                    "style" => match safe_style(attribute.value()) {
                        Some(v) => v,
                        None => continue,
                    },
                    _ => attribute.value().to_string(),
                };
                out.push_str(&format!(" {key}=\"{}\"", escape(&value)));
            }
            if control.is_some() {
                out.push_str(" data-control=\"yes\"");
            }
            out.push('>');
        }
        if name != "br" && name != "col" && name != "hr" {
            self.children(node, out);
            if copied {
                out.push_str(&format!("</{name}>"));
            }
        }
    }

    fn marker(&mut self, id: &str, out: &mut String) {
        let first = self.seen.insert(id.to_string());
        let anchor = mark_anchor(self.scope, id);
        let id_attribute = if first {
            self.marked.push(id.to_string());
            format!(" id=\"{anchor}\"")
        } else {
            String::new()
        };
        match (self.mark)(id) {
            Some(m) => out.push_str(&format!(
                "<a class=\"mark {}\"{id_attribute} data-ctrl=\"{}\" data-target=\"{}\" href=\"#{}\">{}</a>",
                m.outcome,
                escape(id),
                escape(&m.target),
                escape(&m.target),
                escape(&m.label)
            )),
            None => out.push_str(&format!(
                "<a class=\"mark unknown\"{id_attribute} data-ctrl=\"{}\">{} ?</a>",
                escape(id),
                escape(id)
            )),
        }
    }

    fn instruction(&mut self, node: roxmltree::Node<'d, 'i>, out: &mut String) {
        match node.tag_name().name() {
            "for-each" | "if" => self.children(node, out),
            "choose" => {
                if let Some(branch) = node.children().find(|c| c.is_element()) {
                    self.children(branch, out);
                }
            }
            "value-of" => {
                let select = node.attribute("select").unwrap_or("").trim();
                let quoted = |q: char| {
                    select
                        .strip_prefix(q)
                        .and_then(|s| s.strip_suffix(q))
                        .filter(|s| !s.contains(q))
                };
                if let Some(text) = quoted('"').or_else(|| quoted('\'')) {
                    out.push_str(&escape(text));
                }
            }
            "text" => out.push_str(&escape(node.text().unwrap_or(""))),
            "apply-templates" => {
                let select = node.attribute("select").unwrap_or(".");
                let mode = node.attribute("mode").unwrap_or("");
                let target = select.rsplit('/').next().unwrap_or(select);
                let target = target.rsplit(':').next().unwrap_or(target);
                let template = self
                    .templates
                    .iter()
                    .find(|t| {
                        t.attribute("mode").unwrap_or("") == mode
                            && t.attribute("match")
                                .is_some_and(|m| m.rsplit(':').next() == Some(target))
                    })
                    .or_else(|| {
                        self.templates
                            .iter()
                            .find(|t| !mode.is_empty() && t.attribute("mode") == Some(mode))
                    })
                    .copied();
                if let Some(template) = template {
                    self.children(template, out);
                }
            }
            _ => {}
        }
    }
}

/// Does a finding's message name this control by its whole id (`CTRL5`, not `CTRL50`)?
pub fn names_control(message: &str, id: &str) -> bool {
    message.match_indices(id).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + id.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
        boundary(before) && boundary(after)
    })
}

/// The anchor of a control's mark in a page's original.
pub fn mark_anchor(scope: &str, id: &str) -> String {
    format!("m-{scope}-{}", anchor_part(id))
}

/// The anchor of a package's finding: `f-<package>-<index>`.
pub fn finding_anchor(package: &str, index: usize) -> String {
    format!("f-{}-{index}", anchor_part(package))
}

/// A control or component id as part of an anchor (letters, digits, `-`, `_`).
pub fn anchor_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_its_blank_form_with_every_control_marked() {
        let xsl = r#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="urn:my">
  <xsl:template match="my:r"><html><head><script>alert(1)</script></head><body onload="x()">
    <table><tr><td style="color: red; background: url(http://x)">Name</td><td><span class="xdTextBox" xd:CtrlId="CTRL1" onclick="evil()"><xsl:value-of select="my:name"/></span></td></tr></table>
    <xsl:apply-templates select="my:rows" mode="_1"/>
    <div><xsl:value-of select="&quot;Literal&quot;"/></div>
  </body></html></xsl:template>
  <xsl:template match="my:rows" mode="_1"><div xd:CtrlId="CTRL2"><xsl:for-each select="my:row"><span xd:CtrlId="CTRL3"/></xsl:for-each></div></xsl:template>
</xsl:stylesheet>"#;
        let mark = |id: &str| {
            (id != "CTRL3").then(|| Mark {
                outcome: "converted",
                target: format!("c-{id}"),
                label: id.to_lowercase(),
            })
        };
        let doc = parse_view(xsl).expect("the test view is well-formed");
        let (html, marked) = original(&doc, "r", "v1", &mark);
        assert_eq!(marked, ["CTRL1", "CTRL2", "CTRL3"]);
        assert!(html.contains("href=\"#c-CTRL1\""), "{html}");
        assert!(html.contains("mark unknown"), "{html}");
        assert!(html.contains("Literal") && html.contains("Name"), "{html}");
        for banned in ["script", "alert", "onclick", "onload", "url("] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
    }

    #[test]
    fn a_views_style_sheet_is_scoped_and_sanitised() {
        let xsl = r#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><html><head><style>@media screen { BODY{margin-left:21px;} } BODY{color:windowtext;} .xdTextBox, .xdRichTextBox{border: 1pt solid #dcdcdc; BEHAVIOR: url(#default#x)} TABLE { BEHAVIOR: url (#x) }</style></head></html></xsl:template></xsl:stylesheet>"#;
        let doc = parse_view(xsl).expect("the test view is well-formed");
        let css = scoped_style(&doc, "view-1");
        assert_eq!(
            css,
            ".view-1 { color:windowtext }\n.view-1 .xdTextBox, .view-1 .xdRichTextBox { border: 1pt solid #dcdcdc }\n"
        );
    }
}
