//! Reading a XACML policy into the sites an upgrade works on: every subject that matches a
//! role code, with the byte ranges an edit needs, and the packages each rule already grants.

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::read::package::Limits;
use crate::read::xml::Xml;
use roxmltree::Node;
use std::collections::BTreeSet;
use std::ops::Range;

pub const XACML_NS: &str = "urn:oasis:names:tc:xacml:3.0:core:schema:wd-17";
pub const ROLE_CODE: &str = "urn:altinn:rolecode";
pub const ACCESS_PACKAGE: &str = "urn:altinn:accesspackage";
const ACCESS_SUBJECT: &str = "urn:oasis:names:tc:xacml:1.0:subject-category:access-subject";
const ACTION_ID: &str = "urn:oasis:names:tc:xacml:1.0:action:action-id";

/// One `AllOf` whose match names a role code.
#[derive(Debug, Clone)]
pub struct RoleSite {
    pub rule_id: String,
    /// The actions the rule grants (`action-id` values).
    pub actions: Vec<String>,
    /// Index into [`Scan::any_ofs`]: the subject group the site belongs to.
    pub any_of: usize,
    /// The role code as written (may be empty or oddly cased).
    pub code: String,
    pub all_of: Range<usize>,
    /// From the line break before the `AllOf` to its start: the file's own indentation.
    pub lead: Range<usize>,
    /// The `AttributeId` value of the role's designator.
    pub attribute_id: Range<usize>,
    /// The content of the role's `AttributeValue` (empty range when it is empty).
    pub value: Range<usize>,
    pub location: Location,
}

/// One subject that names an access package, with the range of its value.
#[derive(Debug, Clone)]
pub struct PackageSite {
    pub rule_id: String,
    pub any_of: usize,
    /// The value as written.
    pub package: String,
    pub value: Range<usize>,
    pub location: Location,
}

/// The result of reading one policy.
#[derive(Debug, Default)]
pub struct Scan {
    pub rules: usize,
    pub sites: Vec<RoleSite>,
    pub packages: Vec<PackageSite>,
    /// For each subject `AnyOf`: the access packages it already grants (lower case).
    pub any_ofs: Vec<BTreeSet<String>>,
}

fn is_xacml(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(XACML_NS)
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| is_xacml(*c, name))
}

/// Parses `text` (without a byte-order mark) and finds its role subjects.
pub fn scan(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Scan> {
    let mut parse_errors = Vec::new();
    let Some(xml) = Xml::parse(file, text, &Limits::default(), &mut parse_errors) else {
        diagnostics.extend(parse_errors.into_iter().map(|mut d| {
            d.message = format!("{} (the policy was not read)", d.message);
            d.code = Code::PolicyUnreadable;
            d.severity = Code::PolicyUnreadable.rule().severity;
            d
        }));
        return None;
    };
    let root = xml.root();
    if !is_xacml(root, "Policy") {
        diagnostics.push(xml.diag(
            Code::PolicyUnreadable,
            root,
            format!(
                "the root element is `{}`, not a XACML 3.0 Policy",
                root.tag_name().name()
            ),
        ));
        return None;
    }
    let mut scan = Scan::default();
    for rule in children(root, "Rule") {
        scan.rules += 1;
        let rule_id = rule.attribute("RuleId").unwrap_or("").to_string();
        let actions: Vec<String> = rule
            .descendants()
            .filter(|d| is_xacml(*d, "AttributeDesignator"))
            .filter(|d| d.attribute("AttributeId") == Some(ACTION_ID))
            .filter_map(|d| d.parent())
            .filter_map(|m| children(m, "AttributeValue").next())
            .map(|v| v.text().unwrap_or("").trim().to_string())
            .collect();
        for any_of in children(rule, "Target").flat_map(|t| children(t, "AnyOf")) {
            let index = scan.any_ofs.len();
            let mut packages = BTreeSet::new();
            let mut sites = Vec::new();
            for all_of in children(any_of, "AllOf") {
                for m in children(all_of, "Match") {
                    let (Some(value), Some(designator)) = (
                        children(m, "AttributeValue").next(),
                        children(m, "AttributeDesignator").next(),
                    ) else {
                        continue;
                    };
                    if designator.attribute("Category") != Some(ACCESS_SUBJECT) {
                        continue;
                    }
                    let content = value.text().unwrap_or("").trim().to_string();
                    match designator.attribute("AttributeId") {
                        Some(ACCESS_PACKAGE) => {
                            packages.insert(crate::access::package_key(&content));
                            scan.packages.push(PackageSite {
                                rule_id: rule_id.clone(),
                                any_of: index,
                                package: content.clone(),
                                value: content_range(text, value),
                                location: xml.loc(value),
                            });
                        }
                        Some(ROLE_CODE) => {
                            let Some(attribute_id) = designator
                                .attributes()
                                .find(|a| a.name() == "AttributeId")
                                .map(|a| a.range_value())
                            else {
                                continue;
                            };
                            sites.push(RoleSite {
                                rule_id: rule_id.clone(),
                                actions: actions.clone(),
                                any_of: index,
                                code: content,
                                all_of: all_of.range(),
                                lead: lead(text, all_of.range().start),
                                attribute_id,
                                value: content_range(text, value),
                                location: xml.loc(value),
                            });
                        }
                        _ => {}
                    }
                }
            }
            scan.any_ofs.push(packages);
            scan.sites.extend(sites);
        }
    }
    Some(scan)
}

/// The whitespace before `start`, from its last line break: what a sibling inserted after
/// the element must start with to sit on its own line, indented the same way.
fn lead(text: &str, start: usize) -> Range<usize> {
    let before = &text[..start];
    let ws_start = before.trim_end_matches([' ', '\t', '\r', '\n']).len();
    let ws = &before[ws_start..];
    match ws.rfind('\n') {
        Some(i) => {
            let mut from = ws_start + i;
            if from > ws_start && text.as_bytes()[from - 1] == b'\r' {
                from -= 1;
            }
            from..start
        }
        None => start..start,
    }
}

/// The raw content of an element with text only: the text node's range, or the empty range
/// between `<x ...>` and `</x>`; a self-closing element has none.
fn content_range(text: &str, element: Node) -> Range<usize> {
    if let Some(child) = element.first_child() {
        let start = child.range().start;
        let end = element
            .last_child()
            .map_or(child.range().end, |c| c.range().end);
        return start..end;
    }
    let range = element.range();
    let source = &text[range.clone()];
    if source.ends_with("/>") {
        return range.end..range.end;
    }
    // The element is `<x ...></x>`: its content starts where its end tag does.
    let end_tag = source.rfind("</").map_or(range.end, |i| range.start + i);
    end_tag..end_tag
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1.0\" RuleCombiningAlgId=\"x\">\r\n  <xacml:Target/>\r\n  <xacml:Rule RuleId=\"r1\" Effect=\"Permit\">\r\n    <xacml:Target>\r\n      <xacml:AnyOf>\r\n        <xacml:AllOf>\r\n          <xacml:Match MatchId=\"m\"><xacml:AttributeValue DataType=\"s\">utinn</xacml:AttributeValue><xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"s\" MustBePresent=\"false\"/></xacml:Match>\r\n        </xacml:AllOf>\r\n        <xacml:AllOf><xacml:Match MatchId=\"m\"><xacml:AttributeValue DataType=\"s\"></xacml:AttributeValue><xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"s\" MustBePresent=\"false\"/></xacml:Match></xacml:AllOf>\r\n        <xacml:AllOf><xacml:Match MatchId=\"m\"><xacml:AttributeValue DataType=\"s\">Skatt-Naering</xacml:AttributeValue><xacml:AttributeDesignator AttributeId=\"urn:altinn:accesspackage\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"s\" MustBePresent=\"false\"/></xacml:Match></xacml:AllOf>\r\n      </xacml:AnyOf>\r\n    </xacml:Target>\r\n  </xacml:Rule>\r\n</xacml:Policy>\r\n";

    #[test]
    fn sites_carry_the_ranges_an_edit_needs() {
        let mut diagnostics = Vec::new();
        let scan = scan("policy.xml", POLICY, &mut diagnostics).unwrap();
        assert!(diagnostics.is_empty());
        assert_eq!(scan.rules, 1);
        assert_eq!(scan.sites.len(), 2);
        let first = &scan.sites[0];
        assert_eq!(first.code, "utinn");
        assert_eq!(&POLICY[first.value.clone()], "utinn");
        assert_eq!(&POLICY[first.attribute_id.clone()], "urn:altinn:rolecode");
        assert_eq!(&POLICY[first.lead.clone()], "\r\n        ");
        assert!(POLICY[first.all_of.clone()].starts_with("<xacml:AllOf>"));
        assert!(POLICY[first.all_of.clone()].ends_with("</xacml:AllOf>"));
        assert_eq!(first.location.line.map(|l| l.get()), Some(7));
        // The empty value: its content range sits just before the end tag.
        let empty = &scan.sites[1];
        assert_eq!(empty.code, "");
        assert!(POLICY[empty.value.start..].starts_with("</xacml:AttributeValue>"));
        assert!(scan.any_ofs[0].contains("skatt-naering"));
    }

    #[test]
    fn other_roots_and_bad_xml_are_unreadable() {
        for text in ["<Policy/>", "<xacml:Policy", "\u{0}"] {
            let mut diagnostics = Vec::new();
            assert!(scan("p.xml", text, &mut diagnostics).is_none());
            assert_eq!(diagnostics.len(), 1, "{text}");
            assert_eq!(diagnostics[0].code, Code::PolicyUnreadable);
        }
    }
}
