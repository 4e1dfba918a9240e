//! The code catalogue: for every active code the fixtures do not produce, the smallest input
//! that does. The coverage test runs the fixtures, the wrapped real samples and every case
//! through the binary with `--format json` and reads the codes from that output: a code
//! counts as tested when some input *produces* it, not when a test mentions it.

use crate::builder::{
    NB_TRANSLATION, SSB_SCHEMA, TRANSLATION, Test, cabinet_declaring, manifest, schema,
};
use crate::support::{fixtures, root, shared, visible_notice};
use std::collections::BTreeSet;
use tul2studio::diagnostics::Code;
use tul2studio::diagnostics::registry::Status;
use tul2studio::pack::{build_cabinet, build_zip};

/// One input and the codes its run must produce.
pub struct Case {
    pub produces: &'static [Code],
    pub test: Test,
}

fn case(produces: &'static [Code], test: Test) -> Case {
    Case { produces, test }
}

/// `check {input} --format json`, the default run of a case.
fn check(test: Test) -> Test {
    test.args(&["check", "{input}", "--format", "json"])
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let owned: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|(n, d)| (n.to_string(), d.to_vec()))
        .collect();
    build_zip(&owned).unwrap()
}

/// A manifest naming `names` as form templates (languages 1044, 2068, …).
fn templates(names: &[&str]) -> String {
    let files: String = names
        .iter()
        .zip(["1044", "2068", "1033"])
        .map(|(name, lang)| {
            format!(r#"<File fileType="FormTemplate" language="{lang}" name="{name}"/>"#)
        })
        .collect();
    manifest(
        &format!(
            r#"    <DataArea type="Form"><LogicalForm><Files>{files}</Files></LogicalForm></DataArea>"#
        ),
        NB_TRANSLATION,
    )
}

/// An app policy in Studio's shape, one rule granting `read` to `subjects`
/// (`(value, attribute id)`).
pub fn policy(subjects: &[(&str, &str)]) -> String {
    policy_of(1, subjects)
}

/// An app policy of `rules` rules, each granting `read` to `subjects`.
pub fn policy_of(rules: usize, subjects: &[(&str, &str)]) -> String {
    let all_of: String = subjects
        .iter()
        .map(|(value, id)| {
            format!(
                "\n        <xacml:AllOf>\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">{value}</xacml:AttributeValue>\n            <xacml:AttributeDesignator AttributeId=\"{id}\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\n          </xacml:Match>\n        </xacml:AllOf>"
            )
        })
        .collect();
    let rule = |i: usize| {
        format!(
            "  <xacml:Rule RuleId=\"urn:altinn:example:ruleid:{i}\" Effect=\"Permit\">\n    <xacml:Target>\n      <xacml:AnyOf>{all_of}\n      </xacml:AnyOf>\n    </xacml:Target>\n  </xacml:Rule>\n"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"urn:altinn:example:policyid:1\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\n  <xacml:Target/>\n{}</xacml:Policy>\n",
        (1..=rules).map(rule).collect::<String>()
    )
}

pub const ROLE: &str = "urn:altinn:rolecode";
const PACKAGE: &str = "urn:altinn:accesspackage";

fn policy_run(command: &[&str], text: &str) -> Test {
    let mut args = vec!["policy"];
    args.extend_from_slice(command);
    args.extend(["--format", "json", "{scratch}/policy.xml"]);
    Test::new().beside("policy.xml", text).args(&args)
}

/// A package with one of each smaller problem.
pub fn odds_and_ends() -> Test {
    let my = "http://schemas.microsoft.com/office/infopath/2003/myXSD/2026-01-01T00:00:00";
    let manifest = r#"<ServiceEditionVersion>
  <DataAreas>
    <DataArea type="Service">
      <Property name="ServiceOwnerCode" value="TST"/>
      <Property name="ServiceType" value="Survey"/>
    </DataArea>
    <DataArea type="ServiceEdition">
      <Property name="AllowedPartyTypes" value="Person,Alien"/>
    </DataArea>
    <DataArea type="Form"><LogicalForm><Files>
      <File fileType="FormTemplate" language="1044" name="skjema.xsn"/>
      <File fileType="FormPageMetadata" name="pages.xml"/>
      <File fileType="FormTrack"/>
    </Files></LogicalForm></DataArea>
    <DataArea type="AttachmentTypes"><Files><File fileType="AttachmentTypes" name="vedlegg.xml"/></Files></DataArea>
    <DataArea type="Workflow"><Files><File fileType="WorkflowDefinition" name="flyt.xml"/></Files></DataArea>
  </DataAreas>
  <Translations><Files>
    <File language="1044" name="nb.xml"/>
    <File language="2068" name="nn.xml"/>
  </Files></Translations>
</ServiceEditionVersion>"#;
    let nn = r#"<Translation language="2068"><DataAreas><DataArea type="Service"><Texts>
  <Text textType="ServiceName" textCode="1">Test</Text>
  <Text textType="ServiceName" textCode="1">Test igjen</Text>
</Texts></DataArea></DataAreas></Translation>"#;
    let pages = r#"<FormPages>
  <Page name="A"><Property name="Transform" value="view1.xsl"/><Property name="Sequence" value="1"/></Page>
  <Page name="B"><Property name="Transform" value="borte.xsl"/><Property name="Sequence" value="2"/></Page>
</FormPages>"#;
    let xsf = r#"<xsf:xDocumentClass xmlns:xsf="http://schemas.microsoft.com/office/infopath/2003/solutionDefinition">
  <xsf:views default="A"><xsf:view name="A"><xsf:mainpane transform="view1.xsl"/></xsf:view></xsf:views>
  <xsf:documentSchemas><xsf:documentSchema rootSchema="yes" location="myschema.xsd"/></xsf:documentSchemas>
  <xsf:dataObjects><xsf:dataObject name="Kommuner"><xsf:query><xsf:xmlFileAdapter fileUrl="kommuner.xml"/></xsf:query></xsf:dataObject></xsf:dataObjects>
</xsf:xDocumentClass>"#;
    let xsd = format!(
        r#"<xsd:schema targetNamespace="{my}" xmlns:my="{my}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xsd:element name="Skjema"><xsd:complexType><xsd:sequence>
    <xsd:element name="Felt" type="xsd:string" minOccurs="0"/>
    <xsd:element name="Tall" type="xsd:decimal" minOccurs="0"/>
  </xsd:sequence></xsd:complexType></xsd:element>
</xsd:schema>"#
    );
    let view = format!(
        r#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="{my}" xmlns:xdDate="http://schemas.microsoft.com/office/infopath/2003/xslt/Date">
  <xsl:template match="my:Skjema"><html><body>
    <div>Uten binding <span xd:xctname="PlainText" xd:CtrlId="CTRL1"/></div>
    <div>Felt <span xd:xctname="PlainText" xd:CtrlId="CTRL2" xd:binding="my:Felt"/><button xd:xctname="PictureButton" xd:CtrlId="HelpText_Felt"/></div>
    <div><span xd:xctname="ExpressionBox" xd:CtrlId="CTRL3"><xsl:value-of select="sum(my:Tall) * 2"/></span></div>
    <xsl:if test="xdDate:Today() &gt; '2026-01-01'"><div>Tall <span xd:xctname="PlainText" xd:CtrlId="CTRL4" xd:binding="my:Tall"/></div></xsl:if>
  </body></html></xsl:template>
</xsl:stylesheet>"#
    );
    Test::new()
        .file("manifest.xml", manifest)
        .file("nb.xml", TRANSLATION)
        .file("nn.xml", nn)
        .file("pages.xml", pages)
        .file("vedlegg.xml", "<Attachments/>")
        .file("flyt.xml", "<Workflow WorkflowId=\"Tom\"/>")
        .file("skjema.xsn/manifest.xsf", xsf)
        .file("skjema.xsn/myschema.xsd", xsd)
        .file("skjema.xsn/view1.xsl", view)
        .file("skjema.xsn/kommuner.xml", "<Kommuner/>")
}

/// The ssb fixture with the phone row dropped from the English view only.
pub fn without_the_english_phone_row() -> Test {
    Test::fixture("ssb-ra9901").edit("form/1033/skjema.xsn/view1.xsl", |text| {
        let start = text.find("<td><span class=\"xdExpressionBox xdDataBindingUI\" xd:xctname=\"ExpressionBox\" xd:CtrlId=\"CTRL13\"").unwrap();
        let end = text[start..].find("</tr>").unwrap() + start;
        format!("{}{}", &text[..start], &text[end..])
    })
}

/// The ssb fixture with its industry code list renamed to one that is none of Altinn's
/// common lists.
pub fn with_a_code_list_not_in_the_package() -> Test {
    let rename = |t: &str| t.replace("SSB_Naeringskoder", "SSB_Bransjeregister");
    Test::fixture("ssb-ra9901")
        .edit("form/1044/skjema.xsn/KodelisteNaering.xml", rename)
        .edit("form/1033/skjema.xsn/KodelisteNaering.xml", rename)
}

/// The ssb fixture with a form track: Side2 only when there is a change (`harEndring`).
pub fn with_a_form_track() -> Test {
    Test::fixture("ssb-ra9901")
        .file(
            "form/formtrack.xml",
            r#"<?xml version="1.0" encoding="utf-8"?>
<FormTracks>
  <Track page="Side1" field="/melding/Skjemadata/harEndring">
    <Choice value="ja"><Page name="Side2"/></Choice>
    <Choice value="nei"><Page name="Kvittering"/></Choice>
  </Track>
</FormTracks>
"#,
        )
        .edit("manifest.xml", |m| {
            m.replace(
                r#"<File fileType="FormPageMetadata" name="form/formpages.xml"/>"#,
                r#"<File fileType="FormPageMetadata" name="form/formpages.xml"/>
          <File fileType="FormTrack" name="form/formtrack.xml"/>"#,
            )
        })
}

/// The ssb fixture whose table of goods shows only the lines with an amount (InfoPath's
/// row filter: a predicate on the for-each).
fn with_a_row_filter() -> Test {
    Test::fixture("ssb-ra9901").edit("form/1044/skjema.xsn/view2.xsl", |t| {
        t.replace(
            r#"<xsl:for-each select="Skjemadata/Varelinje">"#,
            r#"<xsl:for-each select="Skjemadata/Varelinje[beloep != '']">"#,
        )
    })
}

/// The ssb fixture whose first page shows the contact's name twice (a second text box on
/// the same field).
fn with_a_field_shown_twice() -> Test {
    Test::fixture("ssb-ra9901").edit("form/1044/skjema.xsn/view1.xsl", |t| {
        t.replace(
            r#"<xsl:value-of select="Kontaktperson/navn"/></span></td>"#,
            r#"<xsl:value-of select="Kontaktperson/navn"/></span><span class="xdTextBox" xd:xctname="PlainText" xd:CtrlId="CTRL99" xd:binding="Kontaktperson/navn"><xsl:value-of select="Kontaktperson/navn"/></span></td>"#,
        )
    })
}

/// The ssb fixture whose contact's phone element is named with a dot (`telefon.nr`): legal
/// XML, two steps to the frontend.
fn with_a_dotted_name() -> Test {
    Test::fixture("ssb-ra9901")
        .edit("form/1044/skjema.xsn/RA-9901_M.xsd", |t| {
            t.replace(r#"name="telefon""#, r#"name="telefon.nr""#)
        })
        .edit("form/1044/skjema.xsn/view1.xsl", |t| {
            t.replace("Kontaktperson/telefon", "Kontaktperson/telefon.nr")
        })
}

/// The ssb fixture whose contact's name is required by the schema and read-only in the view,
/// with nothing to fill it.
fn with_a_required_read_only_field() -> Test {
    Test::fixture("ssb-ra9901")
        .edit("form/1044/skjema.xsn/RA-9901_M.xsd", |t| {
            t.replace(
                r#"<xsd:element name="Kontaktperson" type="Kontaktperson" minOccurs="0"/>"#,
                r#"<xsd:element name="Kontaktperson" type="Kontaktperson"/>"#,
            )
            .replace(
                r#"<xsd:element name="navn" type="Tekst100" minOccurs="0" nillable="true"/>"#,
                r#"<xsd:element name="navn" type="Tekst100"/>"#,
            )
        })
        .edit("form/1044/skjema.xsn/view1.xsl", |t| {
            t.replace(
                r#"xd:CtrlId="CTRL10" tabIndex="0""#,
                r#"xd:CtrlId="CTRL10" xd:disableEditing="yes" tabIndex="0""#,
            )
        })
}

/// The kitchen sink with its imported schema renamed like the model's own file.
pub fn with_an_import_named_like_the_model() -> Test {
    Test::fixture("brg-kitchen-sink")
        .setup(|s| {
            let xsn = s.join("input/form/1044/skjema.xsn");
            std::fs::rename(xsn.join("altinn_namespace.xsd"), xsn.join("Melding.xsd")).unwrap();
        })
        .edit("form/1044/skjema.xsn/myschema.xsd", |t| {
            t.replace("altinn_namespace.xsd", "Melding.xsd")
        })
}

/// A form whose first page shows one repeating element in two tables, each with a field of
/// its own, and whose second page shows it again.
fn two_views_of_one_repeating_element() -> Test {
    let my = "http://schemas.microsoft.com/office/infopath/2003/myXSD/2026-01-01T00:00:00";
    let xsf = r#"<xsf:xDocumentClass xmlns:xsf="http://schemas.microsoft.com/office/infopath/2003/solutionDefinition">
  <xsf:views default="A"><xsf:view name="A"><xsf:mainpane transform="view1.xsl"/></xsf:view><xsf:view name="B"><xsf:mainpane transform="view2.xsl"/></xsf:view></xsf:views>
  <xsf:documentSchemas><xsf:documentSchema rootSchema="yes" location="myschema.xsd"/></xsf:documentSchemas>
</xsf:xDocumentClass>"#;
    let xsd = format!(
        r#"<xsd:schema targetNamespace="{my}" xmlns:my="{my}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xsd:element name="Skjema"><xsd:complexType><xsd:sequence>
    <xsd:element name="Rader"><xsd:complexType><xsd:sequence>
      <xsd:element name="Rad" minOccurs="0" maxOccurs="unbounded"><xsd:complexType><xsd:sequence>
        <xsd:element name="Navn" type="xsd:string" minOccurs="0"/>
        <xsd:element name="Belop" type="xsd:decimal" minOccurs="0"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:sequence></xsd:complexType></xsd:element>
  </xsd:sequence></xsd:complexType></xsd:element>
</xsd:schema>"#
    );
    // Two tables over one repeating element in one view; a second view shows it again.
    let table = |field: &str, id: &str| {
        format!(
            r#"<table xd:xctname="RepeatingTable" xd:CtrlId="{id}"><thead><tr><td>{field}</td></tr></thead>
      <tbody xd:xctname="RepeatingTable"><xsl:for-each select="my:Rader/my:Rad"><tr><td><span xd:xctname="PlainText" xd:CtrlId="{id}_f" xd:binding="my:{field}"/></td></tr></xsl:for-each></tbody></table>"#
        )
    };
    let view = |tables: String| {
        format!(
            r#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="{my}">
  <xsl:template match="my:Skjema"><html><body>
    {tables}
  </body></html></xsl:template>
</xsl:stylesheet>"#
        )
    };
    let pages = r#"<FormPages>
  <Page name="A"><Property name="Transform" value="view1.xsl"/><Property name="Sequence" value="1"/></Page>
  <Page name="B"><Property name="Transform" value="view2.xsl"/><Property name="Sequence" value="2"/></Page>
</FormPages>"#;
    let areas = r#"    <DataArea type="Form"><LogicalForm><Files><File fileType="FormTemplate" language="1044" name="skjema.xsn"/><File fileType="FormPageMetadata" name="pages.xml"/></Files></LogicalForm></DataArea>"#;
    Test::minimal()
        .file("manifest.xml", manifest(areas, NB_TRANSLATION))
        .file("pages.xml", pages)
        .file("skjema.xsn/manifest.xsf", xsf)
        .file("skjema.xsn/myschema.xsd", xsd)
        .file(
            "skjema.xsn/view1.xsl",
            view(table("Navn", "CTRL1") + &table("Belop", "CTRL2")),
        )
        .file("skjema.xsn/view2.xsl", view(table("Belop", "CTRL3")))
}

/// Every case, in code order as far as one input allows.
pub fn cases() -> Vec<Case> {
    use Code::*;
    let one_package = zip(&[
        ("manifest.xml", manifest("", NB_TRANSLATION).as_bytes()),
        ("t/1044.xml", TRANSLATION.as_bytes()),
    ]);
    let quantum = {
        let mut cab = build_cabinet(&[("a.xml".into(), b"<a/>".to_vec())]).unwrap();
        // CFFOLDER.typeCompress, after the 36-byte header, coffCabStart and cCFData.
        cab[42..44].copy_from_slice(&0x1022u16.to_le_bytes());
        cab
    };
    let lossy_name = {
        let mut cab = build_cabinet(&[("a.xml".into(), b"<a/>".to_vec())]).unwrap();
        let at = cab.windows(6).position(|w| w == b"a.xml\0").unwrap();
        cab[at] = 0xE6; // `æ` in windows-1252, not UTF-8
        cab
    };
    let many_folders = cabinet_declaring(65);
    // Ten elements of type T1, each of ten of T2, …: a small schema past 200,000 nodes.
    let wide: String = (1..=6)
        .map(|level| {
            let children: String = (0..10)
                .map(|i| format!(r#"<xsd:element name="e{i}" type="T{}"/>"#, level + 1))
                .collect();
            format!(r#"<xsd:complexType name="T{level}"><xsd:sequence>{children}</xsd:sequence></xsd:complexType>"#)
        })
        .collect::<String>()
        + r#"<xsd:simpleType name="T7"><xsd:restriction base="xsd:string"/></xsd:simpleType><xsd:element name="melding" type="T1"/>"#;
    let deep: String = (1..=25)
        .map(|level| {
            format!(r#"<xsd:complexType name="D{level}"><xsd:sequence><xsd:element name="d" type="D{}" minOccurs="0"/></xsd:sequence></xsd:complexType>"#, level + 1)
        })
        .collect::<String>()
        + r#"<xsd:simpleType name="D26"><xsd:restriction base="xsd:string"/></xsd:simpleType><xsd:element name="melding" type="D1"/>"#;
    let attributes: String = (0..2_000).map(|i| format!(" a{i}=\"x\"")).collect();
    let old_access_data = r#"[{"urn": "urn:altinn:accesspackage:mine-sider-kommune", "name": "Mine sider hos kommunen"}]"#;

    vec![
        case(&[InputUnreadable], Test::new().args(&["check", "{scratch}/nope", "--format", "json"])),
        case(&[NotAPackage], Test::new().beside("notes.txt", "just text").args(&["check", "{scratch}/notes.txt", "--format", "json"])),
        case(&[ManifestMissing], check(Test::new().file("readme.txt", "hello"))),
        case(&[ArchiveCorrupt], Test::new().beside("half.zip", &one_package[..one_package.len() / 2]).args(&["check", "{scratch}/half.zip", "--format", "json"])),
        case(&[UnsafeEntryName], Test::new()
            .beside("slip.zip", zip(&[("manifest.xml", manifest("", NB_TRANSLATION).as_bytes()), ("t/1044.xml", TRANSLATION.as_bytes()), ("../../evil.txt", b"x")]))
            .args(&["check", "{scratch}/slip.zip", "--format", "json"])),
        case(&[SizeLimitExceeded], check(Test::minimal().file("big.bin", vec![b' '; 3 * 1024 * 1024]).zipped()).arg("--max-package-size").arg("1")),
        case(&[MissingFile], check(Test::minimal().file("manifest.xml", manifest(
            r#"    <DataArea type="Workflow"><Files><File fileType="WorkflowDefinition" name="workflow.xml"/></Files></DataArea>"#,
            NB_TRANSLATION)))),
        case(&[DuplicateEntry], Test::new()
            .beside("twins.zip", zip(&[("manifest.xml", manifest("", NB_TRANSLATION).as_bytes()), ("t/1044.xml", TRANSLATION.as_bytes()), ("T/1044.XML", b"<x/>")]))
            .args(&["check", "{scratch}/twins.zip", "--format", "json"])),
        case(&[SymlinkSkipped], check(Test::minimal().setup(|s| {
            std::os::unix::fs::symlink("/etc/hostname", s.join("input/lenke.txt")).unwrap();
        }))),
        case(&[SpecialFileSkipped], check(Test::minimal().setup(|s| {
            let made = std::process::Command::new("mkfifo").arg(s.join("input/notes.pipe")).status().unwrap();
            assert!(made.success());
        }))),
        case(&[OutputNotWritten], Test::fixture("skd-rf1399").beside("foreign/notes.txt", "mine")
            .args(&["convert", "{input}", "-o", "{scratch}/foreign", "--format", "json"])),
        case(&[AccessMapInvalid], Test::fixture("ssb-ra9901").beside("map.json", r#"{"roles": {"UTINN": {"packages": ["nope"]}}}"#)
            .args(&["check", "{input}", "--access-map", "{scratch}/map.json", "--format", "json"])),
        case(&[OutputCollision], Test::new()
            .setup(|s| {
                let bytes = tul2studio::pack::pack_dir(&root().join("fixtures/skd-rf1399")).unwrap();
                crate::support::write_tree(&s.join("in"), &[("a.zip", &bytes), ("b.zip", &bytes)]);
            })
            .args(&["batch", "{scratch}/in", "-o", "{scratch}/out", "--jobs", "1", "--format", "json"])),
        case(&[InternalError], Test::fixture("skd-rf1399").planted_panic("input")
            .args(&["batch", "{input}", "-o", "{scratch}/out", "--format", "json"])),
        case(&[AccessDataInvalid], Test::fixture("ssb-ra9901").beside("bad.json", "{ \"packages\": ")
            .args(&["check", "{input}", "--access-data", "{scratch}/bad.json", "--format", "json"])),
        case(&[AccessDataOlder], Test::minimal().beside("old.json", old_access_data)
            .args(&["check", "{input}", "--access-data", "{scratch}/old.json", "--format", "json"])),
        case(&[XmlTooManyAttributes], check(Test::minimal().edit("manifest.xml", |m| {
            m.replacen("<ServiceEditionVersion>", &format!("<ServiceEditionVersion{attributes}>"), 1)
        }))),
        case(&[LeftoverReclaimed], Test::fixture("skd-rf1399")
            .beside(".out.tul2studio-tmp-999999998-1-0", "partial")
            .args(&["convert", "{input}", "-o", "{scratch}/out", "--format", "json"])),
        case(&[RepositoryIdentityKept], Test::fixture("ssb-ra9901")
            .setup(|s| crate::overlay::studio_repository(&s.join("repo")))
            .args(&["convert", "{input}", "-o", "{scratch}/repo", "--content-only", "--format", "json"])),
        case(&[OverlayKept], Test::fixture("ssb-ra9901")
            .setup(|s| {
                let repo = s.join("repo");
                crate::overlay::studio_repository(&repo);
                let first = crate::support::run(&["convert", s.join("input").to_str().unwrap(), "-o", repo.to_str().unwrap(), "--content-only"]);
                assert_eq!(first.status.code(), Some(0), "{}", crate::support::stderr(&first));
                std::fs::write(repo.join("App/ui/form/layouts/Side2.json"), "{\"data\":{\"layout\":[]}}\n").unwrap();
            })
            .args(&["convert", "{input}", "-o", "{scratch}/repo", "--content-only", "--format", "json"])),
        case(&[MalformedXml], check(Test::minimal().file("manifest.xml", "<ServiceEditionVersion>\n  <DataAreas>\n  </DataArea>\n</ServiceEditionVersion>"))),
        case(&[DtdRefused], check(Test::minimal().file("t/1044.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<Translation language=\"1044\">&lol;</Translation>"))),
        case(&[TextDecoding], check(Test::minimal().file("t/1044.xml",
            &b"<Translation language=\"1044\"><DataAreas><DataArea type=\"Service\"><Texts><Text textType=\"ServiceName\" textCode=\"1\">Bad \xff byte</Text></Texts></DataArea></DataAreas></Translation>"[..]))),
        case(&[XmlTooDeep], check(Test::minimal().file("t/1044.xml", format!("{}{}", "<a>".repeat(300), "</a>".repeat(300))))),
        case(&[CabinetCorrupt], check(Test::new().file("manifest.xml", templates(&["a.xsn"])).file("t/1044.xml", TRANSLATION).file("a.xsn", "MSCF\0\0\0\0garbage"))),
        case(&[CabinetTooLarge], check(Test::new().file("manifest.xml", templates(&["a.xsn"])).file("t/1044.xml", TRANSLATION).file("a.xsn", many_folders))),
        case(&[CabinetCompression, CabinetMemberName], check(Test::new()
            .file("manifest.xml", templates(&["a.xsn", "b.xsn"])).file("t/1044.xml", TRANSLATION)
            .file("a.xsn", quantum).file("b.xsn", lossy_name))),
        case(&[FormTemplateMissing, DuplicatePage], check(Test::minimal()
            .file("manifest.xml", manifest(
                r#"    <DataArea type="Form"><LogicalForm><Files><File fileType="FormPageMetadata" name="pages.xml"/></Files></LogicalForm></DataArea>"#,
                NB_TRANSLATION))
            .file("pages.xml", r#"<FormPages><Page name="A"><Property name="Sequence" value="1"/></Page><Page name="a"><Property name="Sequence" value="2"/></Page></FormPages>"#))),
        case(&[
            IdentityMissing, UnknownServiceType, UnknownPartyType, DuplicateText, MissingAttribute,
            UnexpectedRoot, LanguageWithoutTemplate, PageViewMissing, ControlWithoutBinding,
            HelpTextMissing, ComputedExpression, ConditionNotConverted, DataConnection,
            NoAuthorizationRules, WorkflowWithoutSteps, MissingTranslation,
        ], check(odds_and_ends())),
        case(&[LanguageStructureDiffers], check(without_the_english_phone_row())),
        case(&[CodeListNotInPackage], check(with_a_code_list_not_in_the_package())),
        case(&[FormTrackConverted], check(with_a_form_track())),
        case(&[RowFilter], check(with_a_row_filter())),
        case(&[RequiredNotReachable], check(with_a_required_read_only_field())),
        case(&[ModelNameRenamed], check(with_a_dotted_name())),
        case(&[FieldShownTwice], check(with_a_field_shown_twice())),
        case(&[RepeatingGroupMerged], check(two_views_of_one_repeating_element())),
        // The ssb form's manifest.xsf names upgrade.xsl as its version-upgrade transform.
        case(&[InfoPathOnlyMember], check(Test::fixture("ssb-ra9901")
            .file("form/1044/skjema.xsn/upgrade.xsl", "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/>"))),
        case(&[ModelMissing], check(Test::minimal()
            .file("manifest.xml", templates(&["s.xsn"]))
            .file("s.xsn/manifest.xsf", "<xsf:xDocumentClass xmlns:xsf=\"http://schemas.microsoft.com/office/infopath/2003/solutionDefinition\"/>"))),
        case(&[XsdUnsupported, XsdUnresolved], check(Test::fixture("ssb-ra9901").file(SSB_SCHEMA, schema(
            r###"<xsd:element name="melding"><xsd:complexType><xsd:sequence><xsd:any namespace="##other"/><xsd:element name="navn" type="Borte"/></xsd:sequence></xsd:complexType></xsd:element>"###)))),
        case(&[XsdRecursive], check(Test::fixture("ssb-ra9901").file(SSB_SCHEMA, schema(
            r#"<xsd:element name="melding" type="Node"/><xsd:complexType name="Node"><xsd:sequence><xsd:element name="navn" type="xsd:string"/><xsd:element name="barn" type="Node" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>"#)))),
        case(&[ModelTooLarge], check(Test::fixture("ssb-ra9901").file(SSB_SCHEMA, schema(&wide)))),
        case(&[ModelTooDeep], check(Test::fixture("ssb-ra9901").file(SSB_SCHEMA, schema(&deep)))),
        case(&[ImportedSchemaNotWritten], check(with_an_import_named_like_the_model())),
        case(&[UnconfirmedAccessMap], Test::fixture("ssb-ra9901")
            .beside("map.json", r#"{"roles": {"REGNA": {"packages": ["urn:altinn:accesspackage:regnskap-okonomi-rapport"]}}}"#)
            .args(&["check", "{input}", "--access-map", "{scratch}/map.json", "--format", "json"])),
        case(&[ErRoleWithoutPackage], policy_run(&["check"], &policy(&[("KONT", ROLE)]))),
        case(&[PolicyUnreadable], policy_run(&["check"], "<Policy/>")),
        case(&[PolicyNotFound], Test::new().beside("empty/readme.txt", "no policy here")
            .args(&["policy", "check", "--format", "json", "{scratch}/empty"])),
        case(&[UpgradeRejected], policy_run(&["upgrade"], &policy(&[("a0239", ROLE)]).replacen(
            "<xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">", "<xacml:Match>", 1))),
        case(&[AccessPackageAdded], policy_run(&["upgrade"], &policy(&[("a0240", ROLE)]))),
        case(&[Altinn2RoleDropped], policy_run(&["upgrade", "--drop-altinn2-roles"], &policy(&[("a0240", ROLE)]))),
        case(&[PackageRenamed, UnknownPackage], policy_run(&["check"], &policy(&[("mine-sider-kommune", PACKAGE), ("ingen-slik-pakke", PACKAGE)]))),
    ]
}

/// Codes in a `--format json` report of `check` on the fixtures and the wrapped real samples.
fn produced_by_the_corpus() -> BTreeSet<String> {
    let mut inputs: Vec<String> = fixtures()
        .iter()
        .map(|f| root().join("fixtures").join(f).display().to_string())
        .collect();
    let wrapped = tempfile::tempdir().unwrap();
    match shared() {
        Some(shared) => inputs.extend(
            crate::apps::wrap_real_samples(&shared, wrapped.path())
                .into_iter()
                .map(|(_, p)| p.display().to_string()),
        ),
        None => visible_notice("the real samples' codes are not counted"),
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend(inputs.iter().map(String::as_str));
    let ran = Test::new().args(&args).run();
    ran.codes().into_iter().collect()
}

#[test]
fn every_active_code_is_produced_by_the_fixtures_or_a_catalogue_case() {
    // Two workers (the machine has two cores) beside the corpus; each run is its own process.
    let queue = std::sync::Mutex::new(cases());
    let (mut produced, found): (BTreeSet<String>, Vec<Vec<String>>) = std::thread::scope(|scope| {
        let corpus = scope.spawn(produced_by_the_corpus);
        let worker = || {
            let mut codes = Vec::new();
            while let Some(case) = queue.lock().unwrap().pop() {
                codes.extend(case.test.run().produces(case.produces));
            }
            codes
        };
        let workers: Vec<_> = (0..2).map(|_| scope.spawn(worker)).collect();
        let found = workers.into_iter().map(|w| w.join().unwrap()).collect();
        (corpus.join().unwrap(), found)
    });
    produced.extend(found.into_iter().flatten());
    let mut missing = Vec::new();
    for code in Code::ALL {
        let rule = code.rule();
        match rule.status {
            Status::Active if !produced.contains(rule.code) => {
                missing.push(format!("{code} ({code:?})"))
            }
            Status::Retired { .. } => assert!(
                !produced.contains(rule.code),
                "{code} is retired but still produced"
            ),
            _ => {}
        }
    }
    assert!(
        missing.is_empty(),
        "active codes no input produces (add a case to tests/integration/catalogue.rs): {missing:?}"
    );
}
