//! The schema reader on small schemas written for each rule.

use super::*;
fn read(members: &[(&str, &str)], entry: &str) -> (Option<DataModel>, Vec<Diagnostic>) {
    let owned: Vec<(String, &str)> = members.iter().map(|(n, t)| (n.to_string(), *t)).collect();
    let input = SchemaInput {
        members: &owned,
        entry,
        root_hint: None,
        xsn: "t.xsn",
    };
    let mut diagnostics = Vec::new();
    (
        read_model(&input, &Limits::default(), &mut diagnostics),
        diagnostics,
    )
}

const HEAD: &str =
    r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">"#;

/// Chains without cycles, and cycles through attribute groups: the shapes of the stack
/// overflows the `xsd` fuzz target found (rebuilt here: a stack overflow leaves no file).
#[test]
fn long_chains_and_attribute_group_cycles_are_cut() {
    let n = 5_000;
    let types: String = (0..n)
        .map(|i| format!(r#"<xs:complexType name="T{i}"><xs:sequence><xs:element name="e" type="T{}"/></xs:sequence></xs:complexType>"#, i + 1))
        .collect();
    let refs: String = (0..n)
        .map(|i| format!(r#"<xs:element name="r{i}"><xs:complexType><xs:sequence><xs:element ref="r{}"/></xs:sequence></xs:complexType></xs:element>"#, i + 1))
        .collect();
    let simple: String = (0..n)
        .map(|i| {
            format!(
                r#"<xs:simpleType name="S{i}"><xs:restriction base="S{}"/></xs:simpleType>"#,
                i + 1
            )
        })
        .collect();
    let groups: String = (0..n)
        .map(|i| format!(r#"<xs:group name="G{i}"><xs:sequence><xs:group ref="G{}"/></xs:sequence></xs:group>"#, i + 1))
        .collect();
    for (root, body) in [
        (r#"<xs:element name="a" type="T0"/>"#, types),
        (
            r#"<xs:element name="a"><xs:complexType><xs:sequence><xs:element ref="r0"/></xs:sequence></xs:complexType></xs:element>"#,
            refs,
        ),
        (r#"<xs:element name="a" type="S0"/>"#, simple),
        (
            r#"<xs:element name="a"><xs:complexType><xs:group ref="G0"/></xs:complexType></xs:element>"#,
            groups,
        ),
    ] {
        let schema = format!("{HEAD}{root}{body}</xs:schema>");
        let (model, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
        assert!(model.is_some());
        assert_eq!(
            diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
            [Code::ModelTooDeep],
            "{root}"
        );
    }
    let cycle = format!(
        r#"{HEAD}<xs:element name="a"><xs:complexType><xs:attributeGroup ref="A"/></xs:complexType></xs:element>
        <xs:attributeGroup name="A"><xs:attribute name="x"/><xs:attributeGroup ref="B"/></xs:attributeGroup>
        <xs:attributeGroup name="B"><xs:attributeGroup ref="A"/></xs:attributeGroup></xs:schema>"#
    );
    let (model, diagnostics) = read(&[("a.xsd", &cycle)], "a.xsd");
    assert!(model.unwrap().find("/a/@x").is_some());
    assert_eq!(diagnostics[0].code, Code::XsdRecursive);
}

#[test]
fn recursive_types_are_cut_and_reported() {
    let schema = format!(
        r#"{HEAD}<xs:element name="tre" type="Node"/>
        <xs:complexType name="Node"><xs:sequence>
          <xs:element name="navn" type="xs:string"/>
          <xs:element name="barn" type="Node" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType></xs:schema>"#
    );
    let (model, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
    let model = model.unwrap();
    assert!(model.find("/tre/barn/navn").is_none());
    assert!(model.find("/tre/barn").is_some());
    assert_eq!(
        diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::XsdRecursive]
    );
}

#[test]
fn includes_choices_groups_and_extensions() {
    let main = format!(
        r#"{HEAD}<xs:include schemaLocation="Typer.XSD"/>
        <xs:element name="rot"><xs:complexType><xs:sequence>
          <xs:choice><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:int"/></xs:choice>
          <xs:group ref="Felles"/>
          <xs:element name="utvidet" type="Utvidet"/>
        </xs:sequence></xs:complexType></xs:element></xs:schema>"#
    );
    let types = format!(
        r#"{HEAD}<xs:group name="Felles"><xs:sequence><xs:element name="dato" type="xs:date"/></xs:sequence></xs:group>
        <xs:complexType name="Basis"><xs:sequence><xs:element name="id" type="Kort"/></xs:sequence></xs:complexType>
        <xs:complexType name="Utvidet"><xs:complexContent><xs:extension base="Basis">
          <xs:sequence><xs:element name="ekstra" type="xs:boolean"/></xs:sequence>
          <xs:attribute name="versjon" type="xs:string" fixed="2"/>
        </xs:extension></xs:complexContent></xs:complexType>
        <xs:simpleType name="Kort"><xs:restriction base="xs:string"><xs:maxLength value="4"/></xs:restriction></xs:simpleType>
        </xs:schema>"#
    );
    let (model, diagnostics) = read(&[("main.xsd", &main), ("typer.xsd", &types)], "main.xsd");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let model = model.unwrap();
    assert_eq!(model.files, ["main.xsd", "typer.xsd"]);
    assert!(model.find("/rot/a").unwrap().in_choice);
    assert_eq!(
        model.find("/rot/dato").unwrap().value_type.as_deref(),
        Some("date")
    );
    assert_eq!(
        model
            .find("/rot/utvidet/id")
            .unwrap()
            .restrictions
            .max_length,
        Some(4)
    );
    assert_eq!(
        model
            .find("/rot/utvidet/ekstra")
            .unwrap()
            .value_type
            .as_deref(),
        Some("boolean")
    );
    assert_eq!(
        model
            .find("/rot/utvidet/@versjon")
            .unwrap()
            .fixed
            .as_deref(),
        Some("2")
    );
}

#[test]
fn missing_imports_and_types_are_warnings() {
    let schema = format!(
        r#"{HEAD}<xs:import namespace="urn:x" schemaLocation="borte.xsd"/>
        <xs:element name="rot"><xs:complexType><xs:sequence><xs:element name="f" type="Ukjent"/></xs:sequence></xs:complexType></xs:element></xs:schema>"#
    );
    let (model, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
    assert_eq!(
        model.unwrap().find("/rot/f").unwrap().value_type.as_deref(),
        Some("string")
    );
    let codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        codes,
        [(Code::XsdUnresolved, crate::diagnostics::Severity::Warning); 2]
    );
}

#[test]
fn any_content_and_oversized_models_are_reported() {
    let schema = format!(
        r###"{HEAD}<xs:element name="rot"><xs:complexType><xs:sequence>
          <xs:any namespace="##other"/>
          <xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/><xs:element name="c" type="xs:string"/>
        </xs:sequence></xs:complexType></xs:element></xs:schema>"###
    );
    let (_, diagnostics) = read(&[("a.xsd", &schema)], "a.xsd");
    assert_eq!(diagnostics[0].code, Code::XsdUnsupported);
    let owned = vec![("a.xsd".to_string(), schema.as_str())];
    let input = SchemaInput {
        members: &owned,
        entry: "a.xsd",
        root_hint: None,
        xsn: "t.xsn",
    };
    let mut diagnostics = Vec::new();
    let limits = Limits {
        max_model_nodes: 2,
        ..Limits::default()
    };
    let model = read_model(&input, &limits, &mut diagnostics).unwrap();
    assert!(model.nodes().len() <= 3);
    assert!(diagnostics.iter().any(|d| d.code == Code::ModelTooLarge));
}
