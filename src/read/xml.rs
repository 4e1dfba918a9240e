//! XML parsing with positions, and the tolerant accessors the package readers share.
//!
//! The TUL format is partly assumed, so readers match names case-insensitively, accept an
//! attribute or a child element for a value, and accept `File` lists with or without their
//! `Files` wrapper. DTDs are refused outright (no entity expansion, no external fetch).

use super::package::Limits;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::ir::Origin;
use roxmltree::{Document, Node, ParsingOptions};
use std::cell::Cell;

/// A parsed XML file and its name inside the package, for locations.
pub struct Xml<'i> {
    pub file: String,
    pub doc: Document<'i>,
    /// Byte offset of each line start: positions by binary search, not by rescanning the text
    /// for every node (which made large views quadratic).
    lines: Vec<usize>,
    /// (line start, offset, column) of the last position asked for; see [`Xml::pos`].
    last_column: Cell<(usize, usize, usize)>,
}

/// The deepest nesting, from each node's parent in document order (no recursion: the
/// walk is the guard against stack exhaustion further on).
fn depth(doc: &Document) -> usize {
    let mut depths: Vec<u32> = Vec::new();
    let mut deepest = 0;
    for node in doc.root().descendants() {
        let depth = node.parent().map_or(0, |p| {
            depths.get(p.id().get_usize()).copied().unwrap_or(0) + 1
        });
        let id = node.id().get_usize();
        if depths.len() <= id {
            depths.resize(id + 1, 0);
        }
        depths[id] = depth;
        deepest = deepest.max(depth as usize);
    }
    deepest
}

impl<'i> Xml<'i> {
    /// Parses `text`; on failure pushes a positioned diagnostic and returns `None`.
    pub fn parse(
        file: &str,
        text: &'i str,
        limits: &Limits,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Self> {
        if let Some(count) = too_many_attributes(text, MAX_ATTRIBUTES) {
            diagnostics.push(
                Diagnostic::new(
                    Code::XmlTooManyAttributes,
                    format!("`{file}` has an element with {count} or more attributes (at most {MAX_ATTRIBUTES}); it was not read"),
                )
                .in_file(file),
            );
            return None;
        }
        let options = ParsingOptions {
            allow_dtd: false,
            nodes_limit: limits.max_xml_nodes,
            ..Default::default()
        };
        match Document::parse_with_options(text, options) {
            Ok(doc) if depth(&doc) > limits.max_xml_depth => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::XmlTooDeep,
                        format!(
                            "`{file}` nests elements deeper than {} levels; it was not read",
                            limits.max_xml_depth
                        ),
                    )
                    .in_file(file),
                );
                None
            }
            Ok(doc) => {
                let lines = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                Some(Xml {
                    file: file.to_string(),
                    doc,
                    lines,
                    last_column: Cell::new((0, 0, 0)),
                })
            }
            Err(e) => {
                let pos = e.pos();
                let (code, message) = match e {
                    roxmltree::Error::DtdDetected => (
                        Code::DtdRefused,
                        format!("`{file}` declares a DTD; it was refused and not read"),
                    ),
                    roxmltree::Error::EntityReferenceLoop(_) => (
                        Code::DtdRefused,
                        format!("`{file}` has recursive entities; it was not read"),
                    ),
                    other => (
                        Code::MalformedXml,
                        format!("`{file}` is not well-formed XML: {other}"),
                    ),
                };
                let offset = offset_of(text, pos.row, pos.col);
                let location = Location::at(file, pos.row, pos.col).with_span(offset, offset);
                diagnostics.push(Diagnostic::new(code, message).at(location));
                None
            }
        }
    }

    pub fn root(&self) -> Node<'_, 'i> {
        self.doc.root_element()
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|&start| start <= offset).max(1)
    }

    /// 1-based line and column (in characters) of a byte offset. Columns are counted on from
    /// the last one asked for when it is earlier on the same line, so walking a file of one
    /// long line (minified XML) in document order stays linear.
    fn pos(&self, offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.lines[line - 1];
        let text = self.doc.input_text();
        let (from, counted) = match self.last_column.get() {
            (line_start, at, column) if line_start == start && at <= offset => (at, column),
            _ => (start, 0),
        };
        let column = counted + text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last_column.set((start, offset, column));
        (line as u32, column as u32 + 1)
    }

    /// The location of a node: its start line and column, and its start tag as span.
    pub fn loc(&self, node: Node) -> Location {
        let range = node.range();
        let (row, col) = self.pos(range.start);
        let tag_end = if node.is_element() {
            self.doc.input_text()[range.clone()]
                .find('>')
                .map_or(range.end, |i| range.start + i + 1)
        } else {
            range.end
        };
        Location::at(&self.file, row, col).with_span(range.start, tag_end)
    }

    pub fn origin(&self, node: Node) -> Origin {
        Origin {
            file: self.file.clone(),
            line: std::num::NonZeroU32::new(self.line_of(node.range().start) as u32),
        }
    }

    pub fn diag(&self, code: Code, node: Node, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, message).at(self.loc(node))
    }

    /// The one diagnostic for an element a reader does not know: never drop silently.
    pub fn unknown(&self, node: Node, within: &str) -> Diagnostic {
        self.diag(
            Code::UnknownElement,
            node,
            format!(
                "unknown element `{}` in {within} was not converted",
                node.tag_name().name()
            ),
        )
    }

    /// Checks the root element's local name; pushes [`Code::UnexpectedRoot`] when it differs.
    pub fn expect_root(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let root = self.root();
        if is(root, name) {
            return true;
        }
        diagnostics.push(self.diag(
            Code::UnexpectedRoot,
            root,
            format!(
                "`{}` has root element `{}`, expected `{name}`",
                self.file,
                root.tag_name().name()
            ),
        ));
        false
    }
}

/// Byte offset of a 1-based row/column (columns count characters).
fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line.char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// An element whose local name is `name`, ignoring case.
pub fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

/// Element children.
pub fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

/// Element children named `name` (case-insensitive).
pub fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    elements(node).filter(move |c| is(*c, name))
}

pub fn child<'a, 'i: 'a>(node: Node<'a, 'i>, name: &'a str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

/// An attribute by local name, ignoring case.
pub fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name().eq_ignore_ascii_case(name))
        .map(|a| a.value())
}

/// A value given as an attribute or as a child element's text.
pub fn value(node: Node, name: &str) -> Option<String> {
    attr(node, name)
        .map(str::to_string)
        .or_else(|| child(node, name).map(text))
}

/// All text below a node, trimmed.
pub fn text(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// The value of a `Property`: `@value`, else a `Value` child, else its own text.
pub fn property_value(node: Node) -> String {
    value(node, "value").unwrap_or_else(|| text(node))
}

/// `File` elements in `node`, whether or not they sit in a `Files` wrapper.
pub fn files<'a, 'i: 'a>(node: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    elements(node)
        .flat_map(|c| {
            if is(c, "files") {
                elements(c).filter(|f| is(*f, "file")).collect()
            } else if is(c, "file") {
                vec![c]
            } else {
                vec![]
            }
        })
        .collect()
}

/// Parses the common boolean spellings (`true`, `1`, `yes`, `ja`).
/// Attributes one element may have; the parser's duplicate check is quadratic in them.
pub const MAX_ATTRIBUTES: usize = 1000;

/// `Some(n)` when a start tag holds more than `max` attributes, found in one linear pass
/// (quotes tracked, so `>` and `=` inside values do not count).
fn too_many_attributes(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/' | b'?' | b'!') | None => continue,
            _ => {}
        }
        let mut quote = 0u8;
        let mut count = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match (quote, b) {
                (0, b'"' | b'\'') => quote = b,
                (0, b'=') => {
                    count += 1;
                    if count > max {
                        return Some(count);
                    }
                }
                (0, b'>') => break,
                (q, b) if q == b => quote = 0,
                _ => {}
            }
        }
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "ja" => Some(true),
        "false" | "0" | "no" | "nei" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_with_too_many_attributes_are_found_in_one_pass() {
        let many: String = (0..1001).map(|i| format!(" a{i}=\"x\"")).collect();
        assert_eq!(
            too_many_attributes(&format!("<r{many}/>"), 1000),
            Some(1001)
        );
        assert_eq!(
            too_many_attributes("<r a=\"1>2=3\" b='x'>t = u</r>", 1),
            Some(2)
        );
        assert_eq!(too_many_attributes("<r a=\"1>2=3\">t = u</r>", 1), None);
        let mut diags = Vec::new();
        assert!(
            Xml::parse(
                "m.xml",
                &format!("<r{many}/>"),
                &Limits::default(),
                &mut diags
            )
            .is_none()
        );
        assert_eq!(diags[0].code, Code::XmlTooManyAttributes);
    }

    #[test]
    fn dtd_is_refused_with_a_code() {
        let mut diags = Vec::new();
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>";
        assert!(Xml::parse("f.xml", text, &Limits::default(), &mut diags).is_none());
        assert_eq!(diags[0].code, Code::DtdRefused);
    }

    #[test]
    fn malformed_xml_points_at_the_error() {
        let mut diags = Vec::new();
        let text = "<a>\n  <b></c>\n</a>";
        assert!(Xml::parse("f.xml", text, &Limits::default(), &mut diags).is_none());
        let loc = diags[0].location.as_ref().unwrap();
        assert_eq!(
            (diags[0].code, loc.line.map(|l| l.get())),
            (Code::MalformedXml, Some(2))
        );
        assert_eq!(&text[loc.span.unwrap().0..][..2], "</");
    }

    #[test]
    fn tolerant_accessors() {
        let text = r#"<R><Files><File Name="a"/></Files><file name="b"/><Property name="P"><Value> v </Value></Property></R>"#;
        let mut diags = Vec::new();
        let xml = Xml::parse("f.xml", text, &Limits::default(), &mut diags).unwrap();
        let names: Vec<_> = files(xml.root())
            .iter()
            .map(|f| attr(*f, "name").unwrap())
            .collect();
        assert_eq!(names, ["a", "b"]);
        let prop = child(xml.root(), "property").unwrap();
        assert_eq!(property_value(prop), "v");
        assert_eq!(xml.loc(prop).column.map(|c| c.get()), Some(51));
    }
}
