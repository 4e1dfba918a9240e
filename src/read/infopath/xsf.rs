//! `manifest.xsf`, the InfoPath form definition: views, the root schema, data connections
//! (code lists, field authorization, other services), validations, calculations, rules and
//! code-behind. Elements are matched by local name (xsf, xsf2 and xsf3 namespaces alike).

use super::xpath;
use crate::ir::Lang;
use crate::ir::expr::{Expr, Step};
use crate::ir::form::{
    Calculation, ConnectionSource, DataConnection, DesignerFile, DesignerPurpose, FormLogic, Rule,
    RuleAction, RuleSet, Validation,
};
use crate::read::xml::{Xml, attr, elements, is, text};
use roxmltree::Node;
use std::collections::BTreeMap;

/// What one language's `manifest.xsf` says.
#[derive(Debug, Default)]
pub struct Xsf {
    pub default_view: Option<String>,
    /// (view name, caption, transform XSL, print view)
    pub views: Vec<(String, String, String, bool)>,
    pub root_schema: Option<String>,
    pub root_element: Option<String>,
    pub logic: FormLogic,
    /// Query input files of data connections: (connection name, member name).
    pub query_files: Vec<(String, String)>,
    /// `xmlToEdit` name → item path, for placeholders and insert buttons.
    pub xml_to_edit: BTreeMap<String, String>,
}

/// Elements of manifest.xsf that carry nothing the conversion needs.
const IGNORED: &[&str] = &[
    "importParameters",
    "documentVersionUpgrade",
    "applicationParameters",
    "fileNew",
    "package",
    "listProperties",
    "schemaErrorMessages",
    "taskpane",
    "roles",
    "hwsWorkflow",
];

pub fn read(xml: &Xml, lang: Lang, diagnostics: &mut Vec<crate::diagnostics::Diagnostic>) -> Xsf {
    let mut xsf = Xsf::default();
    let mut triggers: Vec<(String, String)> = Vec::new();
    let mut package_objects: Vec<(String, String)> = Vec::new();
    let root = xml.root();
    for child in elements(root) {
        let name = child.tag_name().name();
        match name {
            "views" => views(child, &mut xsf),
            "documentSchemas" => {
                xsf.logic.schemas.extend(
                    elements(child)
                        .filter_map(|s| attr(s, "location"))
                        .filter_map(|l| l.split_whitespace().last())
                        .map(str::to_string),
                );
                let root_schema = elements(child)
                    .find(|s| attr(*s, "rootSchema") == Some("yes"))
                    .or_else(|| elements(child).next())
                    .and_then(|s| attr(s, "location"));
                // `location` may be "<namespace> <file>": the file is the last token.
                xsf.root_schema = root_schema
                    .and_then(|l| l.split_whitespace().last())
                    .map(str::to_string);
            }
            "dataObjects" => {
                for object in elements(child).filter(|o| is(*o, "dataObject")) {
                    data_object(xml, object, &mut xsf);
                }
            }
            "customValidation" => {
                for condition in elements(child).filter(|c| is(*c, "errorCondition")) {
                    xsf.logic.validations.push(validation(xml, condition, lang));
                }
            }
            "calculations" => {
                for field in elements(child).filter(|c| is(*c, "calculatedField")) {
                    xsf.logic.calculations.push(Calculation {
                        target: absolute(attr(field, "target").unwrap_or("")),
                        expression: xpath::parse(attr(field, "expression").unwrap_or("")),
                        refresh: attr(field, "refresh").map(str::to_string),
                        origin: xml.origin(field),
                    });
                }
            }
            "rules" | "ruleSets" => {
                for set in elements(child).filter(|s| is(*s, "ruleSet")) {
                    xsf.logic.rule_sets.push(rule_set(xml, set));
                }
            }
            "domEventHandlers" => {
                for handler in elements(child) {
                    let rule_set = attr(handler, "ruleSet").map(str::to_string).or_else(|| {
                        elements(handler).find_map(|a| attr(a, "ruleSet").map(str::to_string))
                    });
                    if let (Some(set), Some(field)) = (rule_set, attr(handler, "match")) {
                        triggers.push((set, absolute(field)));
                    }
                }
            }
            "extensions" => {
                for managed in child
                    .descendants()
                    .filter(|d| d.is_element() && d.tag_name().name() == "managedCode")
                {
                    let assembly = managed
                        .descendants()
                        .find_map(|d| attr(d, "rootAssembly"))
                        .or_else(|| attr(managed, "projectPath"))
                        .unwrap_or("FormCode");
                    xsf.logic.managed_code = Some(assembly.to_string());
                }
            }
            _ if IGNORED.contains(&name) => {
                if name == "package" {
                    xsf.root_element = root_element_property(child);
                    package_objects = data_object_files(child);
                }
                designer_files(xml, child, &mut xsf.logic.designer_files);
            }
            _ => diagnostics.push(xml.unknown(child, "manifest.xsf")),
        }
    }
    // A file of the package whose properties name a data object belongs to that connection
    // (the schemas a data object's own schema imports).
    for (member, object) in &package_objects {
        if let Some(c) = xsf
            .logic
            .data_connections
            .iter_mut()
            .find(|c| &c.name == object)
            && !c.members.contains(member)
        {
            c.members.push(member.clone());
        }
    }
    for (set, field) in triggers {
        if let Some(rule_set) = xsf.logic.rule_sets.iter_mut().find(|s| s.name == set) {
            rule_set.triggers.push(field);
        }
    }
    xsf
}

/// The members InfoPath names for its own use: the version-upgrade transform and the
/// designer's sample data.
fn designer_files(xml: &Xml, node: Node, out: &mut Vec<DesignerFile>) {
    let mut push = |member: &str, purpose, at: Node| {
        out.push(DesignerFile {
            member: member.to_string(),
            purpose,
            origin: xml.origin(at),
        })
    };
    if is(node, "documentVersionUpgrade") {
        for transform in node.descendants().filter(|d| is(*d, "useTransform")) {
            if let Some(member) = attr(transform, "transform") {
                push(member, DesignerPurpose::VersionUpgrade, transform);
            }
        }
    }
    if is(node, "package") {
        for file in node.descendants().filter(|d| is(*d, "file")) {
            let sample = file.descendants().any(|p| {
                is(p, "property")
                    && attr(p, "name") == Some("fileType")
                    && attr(p, "value") == Some("sampleData")
            });
            if let (true, Some(member)) = (sample, attr(file, "name")) {
                push(member, DesignerPurpose::SampleData, file);
            }
        }
    }
}

/// (member, data object) for every file of the package whose properties name a data object.
fn data_object_files(package: Node) -> Vec<(String, String)> {
    package
        .descendants()
        .filter(|d| is(*d, "file"))
        .filter_map(|file| {
            let object = file
                .descendants()
                .filter(|p| is(*p, "property"))
                .find(|p| attr(*p, "name") == Some("dataObject"))
                .and_then(|p| attr(p, "value"))?;
            Some((attr(file, "name")?.to_string(), object.to_string()))
        })
        .collect()
}

fn root_element_property(package: Node) -> Option<String> {
    package
        .descendants()
        .filter(|d| is(*d, "property"))
        .find(|p| attr(*p, "name") == Some("rootElement"))
        .and_then(|p| attr(p, "value"))
        .map(str::to_string)
}

fn views(node: Node, xsf: &mut Xsf) {
    xsf.default_view = attr(node, "default").map(str::to_string);
    for view in elements(node).filter(|v| is(*v, "view")) {
        let transform = view
            .descendants()
            .find(|d| is(*d, "mainpane"))
            .and_then(|m| attr(m, "transform"))
            .unwrap_or("")
            .to_string();
        for edit in view.descendants().filter(|d| is(*d, "xmlToEdit")) {
            if let (Some(name), Some(item)) = (attr(edit, "name"), attr(edit, "item")) {
                xsf.xml_to_edit.insert(name.to_string(), absolute(item));
            }
        }
        xsf.views.push((
            attr(view, "name").unwrap_or("").to_string(),
            attr(view, "caption").unwrap_or("").to_string(),
            transform,
            attr(view, "printView") == Some("yes"),
        ));
    }
}

fn data_object(xml: &Xml, object: Node, xsf: &mut Xsf) {
    let name = attr(object, "name").unwrap_or("").to_string();
    if let Some(schema) = attr(object, "schema") {
        xsf.logic.schemas.push(schema.to_string());
    }
    let adapter = object
        .descendants()
        .find(|d| d.is_element() && d.tag_name().name().ends_with("Adapter"));
    let source = match adapter {
        Some(a) if a.tag_name().name() == "webServiceAdapter" => {
            let operation = elements(a).find(|o| is(*o, "operation"));
            if let Some(input) = operation
                .and_then(|o| elements(o).find(|i| is(*i, "input")))
                .and_then(|i| attr(i, "source"))
            {
                xsf.query_files.push((name.clone(), input.to_string()));
            }
            ConnectionSource::WebService {
                url: operation
                    .and_then(|o| attr(o, "serviceUrl"))
                    .or_else(|| attr(a, "wsdlUrl"))
                    .unwrap_or("")
                    .to_string(),
                operation: operation
                    .and_then(|o| attr(o, "name"))
                    .unwrap_or("")
                    .to_string(),
            }
        }
        Some(a) if a.tag_name().name() == "xmlFileAdapter" => ConnectionSource::XmlFile {
            file: attr(a, "fileUrl").unwrap_or("").to_string(),
        },
        Some(a) => ConnectionSource::Other {
            adapter: a.tag_name().name().to_string(),
        },
        None => ConnectionSource::Other {
            adapter: "none".into(),
        },
    };
    let query = xsf
        .query_files
        .iter()
        .find(|(c, _)| *c == name)
        .map(|(_, f)| f.clone());
    let mut members: Vec<String> = attr(object, "schema")
        .map(str::to_string)
        .into_iter()
        .collect();
    // An adapter that reads a file of the template names it `x-soln:///<member>`.
    members.extend(
        object
            .descendants()
            .flat_map(|d| d.attributes())
            .filter_map(|a| {
                a.value()
                    .strip_prefix("x-soln:///")
                    .map(|m| m.trim_start_matches('/').to_string())
            }),
    );
    xsf.logic.data_connections.push(DataConnection {
        name,
        source,
        query,
        members,
        origin: xml.origin(object),
    });
}

/// Refines a web-service connection from its query input file: code lists and field
/// authorization are Altinn services with known shapes.
pub fn classify_query(connection: &mut DataConnection, query: &Xml) {
    let root = query.root();
    let child_text = |name: &str| {
        elements(root)
            .find(|c| c.tag_name().name().eq_ignore_ascii_case(name))
            .map(text)
            .unwrap_or_default()
    };
    match root.tag_name().name() {
        "GetCodeList" | "GetFilteredCodeList" => {
            let mut filters = BTreeMap::new();
            for c in elements(root) {
                let n = c.tag_name().name();
                let value = text(c);
                let lower = n.to_ascii_lowercase();
                if !value.is_empty() && (lower.contains("filter") || lower == "code") {
                    filters.insert(n.to_string(), value);
                }
            }
            connection.source = ConnectionSource::CodeList {
                list: child_text("codeListName"),
                version: Some(child_text("codeListVersion"))
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| "0".into()),
                filters,
            };
        }
        "GetFieldAuthorization" => connection.source = ConnectionSource::FieldAuthorization,
        _ => {}
    }
}

fn validation(xml: &Xml, condition: Node, lang: Lang) -> Validation {
    let message_node = elements(condition).find(|m| is(*m, "errorMessage"));
    let long = message_node.map(text).unwrap_or_default();
    let short = message_node
        .and_then(|m| attr(m, "shortMessage"))
        .unwrap_or("")
        .to_string();
    let soft = short.starts_with("_MYK_") || long.starts_with("_MYK_");
    let strip = |s: String| s.strip_prefix("_MYK_").map(str::to_string).unwrap_or(s);
    let field = absolute(attr(condition, "match").unwrap_or(""));
    let context = attr(condition, "expressionContext").unwrap_or(".");
    let expression = attr(condition, "expression").unwrap_or("");
    // The expression is relative to `match`/`expressionContext`; keep both in the source.
    let source = if context == "." {
        expression.to_string()
    } else {
        format!("{context}/({expression})")
    };
    let one = |s: String| {
        if s.is_empty() {
            BTreeMap::new()
        } else {
            BTreeMap::from([(lang, s)])
        }
    };
    Validation {
        field,
        condition: xpath::parse(&source),
        message: one(strip(long)),
        short_message: one(strip(short)),
        soft,
        origin: xml.origin(condition),
    }
}

fn rule_set(xml: &Xml, set: Node) -> RuleSet {
    let rules = elements(set)
        .filter(|r| is(*r, "rule"))
        .map(|rule| Rule {
            caption: attr(rule, "caption").unwrap_or("").to_string(),
            condition: attr(rule, "condition")
                .filter(|c| !c.is_empty())
                .map(xpath::parse),
            enabled: attr(rule, "isEnabled") != Some("no"),
            actions: elements(rule)
                .map(|a| RuleAction {
                    kind: a.tag_name().name().trim_end_matches("Action").to_string(),
                    target: attr(a, "targetField")
                        .or_else(|| attr(a, "adapter"))
                        .or_else(|| attr(a, "view"))
                        .map(str::to_string),
                    expression: attr(a, "expression").map(xpath::parse),
                })
                .collect(),
            origin: xml.origin(rule),
        })
        .collect();
    RuleSet {
        name: attr(set, "name").unwrap_or("").to_string(),
        triggers: Vec::new(),
        rules,
    }
}

/// `/my:a/my:b` → `/a/b`: prefixes dropped from a simple absolute path; other text kept.
pub fn absolute(path: &str) -> String {
    match xpath::parse(path).expr {
        Some(Expr::Path(p)) if p.absolute => p
            .steps
            .iter()
            .map(|s| match s {
                Step::Child(q) => format!("/{}", q.local),
                Step::Attribute(q) => format!("/@{}", q.local),
                Step::Current => String::new(),
                Step::Parent => "/..".into(),
            })
            .collect(),
        _ => path.to_string(),
    }
}

/// Merges another language's texts into the main language's logic, by position.
pub fn merge_texts(main: &mut FormLogic, other: &FormLogic) {
    for (m, o) in main.validations.iter_mut().zip(&other.validations) {
        m.message.extend(o.message.clone());
        m.short_message.extend(o.short_message.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of real templates (Expense Report, Meeting Agenda, BaseLine): the upgrade
    /// transform, and a file whose `fileType` property is `sampleData`.
    #[test]
    fn the_members_infopath_keeps_for_itself_are_named() {
        let text = r#"<xsf:xDocumentClass xmlns:xsf="http://schemas.microsoft.com/office/infopath/2003/solutionDefinition">
  <xsf:package><xsf:files>
    <xsf:file name="sampledata.xml"><xsf:fileProperties><xsf:property name="fileType" type="string" value="sampleData"></xsf:property></xsf:fileProperties></xsf:file>
    <xsf:file name="view1.xsl"><xsf:fileProperties><xsf:property name="mode" type="string" value="view1"></xsf:property></xsf:fileProperties></xsf:file>
  </xsf:files></xsf:package>
  <xsf:documentVersionUpgrade><xsf:useTransform transform="upgrade.xsl" minVersionToUpgrade="0.0.0.0" maxVersionToUpgrade="1.0.0.2"></xsf:useTransform></xsf:documentVersionUpgrade>
</xsf:xDocumentClass>"#;
        let mut diagnostics = Vec::new();
        let limits = crate::read::package::Limits::default();
        let xml = Xml::parse("manifest.xsf", text, &limits, &mut diagnostics).unwrap();
        let xsf = read(&xml, Lang::Nb, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let found: Vec<(&str, DesignerPurpose, u32)> = xsf
            .logic
            .designer_files
            .iter()
            .map(|d| (d.member.as_str(), d.purpose, d.origin.line.unwrap().get()))
            .collect();
        assert_eq!(
            found,
            [
                ("sampledata.xml", DesignerPurpose::SampleData, 3),
                ("upgrade.xsl", DesignerPurpose::VersionUpgrade, 6)
            ]
        );
    }
}
