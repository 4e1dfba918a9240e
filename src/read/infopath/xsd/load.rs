//! Loading the schema documents of a template: the entry schema and everything it imports or
//! includes, in document order, and which of them the app's copy of the model needs.

use super::*;

/// Every schema the document at `start` reaches through imports and includes, in reading order.
pub(super) fn imported_by(docs: &[Doc], start: usize) -> Vec<SchemaFile> {
    let index = |name: &str| docs.iter().position(|d| d.member.to_lowercase() == name);
    let mut reached = vec![false; docs.len()];
    reached[start] = true;
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        for name in &docs[i].refers_to {
            if let Some(j) = index(name).filter(|j| !reached[*j]) {
                reached[j] = true;
                stack.push(j);
            }
        }
    }
    docs.iter()
        .enumerate()
        .filter(|(i, _)| reached[*i] && *i != start)
        .map(|(_, d)| SchemaFile {
            name: d.member.clone(),
            text: d.xml.doc.input_text().to_string(),
        })
        .collect()
}

/// Parses the entry schema and everything it imports or includes, in order.
pub(super) fn load<'a>(
    input: &SchemaInput<'a>,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Doc<'a>> {
    let mut docs: Vec<Doc<'a>> = Vec::new();
    let mut queue = vec![(
        input.entry.to_string(),
        None::<String>,
        None::<(String, Option<std::num::NonZeroU32>)>,
    )];
    let mut seen = HashSet::new();
    while let Some((name, inherited_ns, from)) = queue.pop() {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        if !seen.insert(file.to_lowercase()) {
            continue;
        }
        let Some((member, text)) = input
            .members
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(&file))
        else {
            let mut d = Diagnostic::new(
                Code::XsdUnresolved,
                format!(
                    "schema `{name}` is not in `{}`; its types are unknown",
                    input.xsn
                ),
            );
            d = match from {
                Some((f, line)) => d.at(crate::diagnostics::Location {
                    file: f,
                    line,
                    column: None,
                    span: None,
                }),
                None => d.in_file(input.xsn),
            };
            diagnostics.push(d);
            continue;
        };
        let shown = format!("{}!{member}", input.xsn);
        let Some(xml) = Xml::parse(&shown, text, limits, diagnostics) else {
            continue;
        };
        let root = xml.root();
        if !(is(root, "schema") && root.tag_name().namespace() == Some(XS)) {
            diagnostics.push(xml.diag(
                Code::XsdUnsupported,
                root,
                format!("`{member}` is not an XML Schema"),
            ));
            continue;
        }
        let namespace = attr(root, "targetNamespace")
            .map(str::to_string)
            .or(inherited_ns);
        let qualified = attr(root, "elementFormDefault") == Some("qualified");
        let attributes_qualified = attr(root, "attributeFormDefault") == Some("qualified");
        // Queue in reverse so imports are read in document order.
        let mut next = Vec::new();
        let mut refers_to = Vec::new();
        for child in elements(root) {
            let name = child.tag_name().name();
            if name == "import" || name == "include" || name == "redefine" {
                if name == "redefine" {
                    diagnostics.push(xml.diag(
                        Code::XsdUnsupported,
                        child,
                        "`xsd:redefine` is not supported; the original types are used",
                    ));
                }
                if let Some(location) = attr(child, "schemaLocation") {
                    refers_to.push(
                        location
                            .rsplit(['/', '\\'])
                            .next()
                            .unwrap_or(location)
                            .to_lowercase(),
                    );
                    let chameleon = (name != "import").then(|| namespace.clone()).flatten();
                    next.push((
                        location.to_string(),
                        chameleon,
                        Some((shown.clone(), xml.loc(child).line)),
                    ));
                } else if attr(child, "namespace") != Some(XS) {
                    // An import without a location names a namespace only; nothing to read.
                }
            }
        }
        queue.extend(next.into_iter().rev());
        docs.push(Doc {
            member: member.clone(),
            xml,
            namespace,
            qualified,
            attributes_qualified,
            refers_to,
        });
    }
    docs
}
