//! A synthetic catalogue of TUL packages for benchmarks and scale tests: realistic, varied,
//! deterministic by seed. Sizes run from a one-page form to a 30-page form with about 2,000
//! fields, in 1 to 4 languages, with repeating groups, rules, prefill, workflows, attachment
//! types and authorization rules. Each package is a zip with real MSZIP cabinets.

use crate::pack::{build_cabinet, build_zip};
use std::fmt::Write;

/// A small deterministic generator (xorshift64*), so catalogues are the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The shape of one generated package.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub pages: usize,
    pub fields_per_page: usize,
    pub languages: usize,
    pub repeating: bool,
}

impl Shape {
    /// A varied shape: mostly small forms, some large ones, a few at the 30-page maximum.
    pub fn random(rng: &mut Rng) -> Shape {
        let pages = match rng.range(0, 99) {
            0..=59 => rng.range(1, 3),
            60..=89 => rng.range(4, 10),
            _ => rng.range(11, 30),
        };
        Shape {
            pages,
            fields_per_page: rng.range(5, if pages > 10 { 66 } else { 30 }),
            languages: rng.range(1, 4),
            repeating: rng.chance(60),
        }
    }
}

const LANGS: [(&str, &str); 4] = [
    ("1044", "Felt"),
    ("1033", "Field"),
    ("2068", "Felt"),
    ("1083", "Gieddi"),
];
const ROLES: [&str; 6] = ["DAGL", "REGNA", "UTINN", "LEDE", "PRIV", "REVI"];

/// One package as zip bytes, and a name for it.
pub fn package(index: usize, shape: Shape, rng: &mut Rng) -> (String, Vec<u8>) {
    let owner = ["SSB", "SKD", "BRG", "NAV", "KRT"][index % 5];
    let code = 5000 + index;
    let name = format!("RA-{code:04} Generert skjema {index}");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let langs = &LANGS[..shape.languages];

    let mut manifest = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ServiceEditionVersion>\n  <PackageInfo><Property name=\"CreatedBy\" value=\"generator\"/></PackageInfo>\n  <DataAreas>\n",
    );
    let _ = write!(
        manifest,
        "    <DataArea type=\"Service\">\n      <Property name=\"ServiceOwnerCode\" value=\"{owner}\"/>\n      <Property name=\"ServiceName\" value=\"{name}\"/>\n      <Property name=\"ServiceCode\" value=\"{code}\"/>\n      <Property name=\"ServiceType\" value=\"FormTask\"/>\n      <Property name=\"LastUpdated\" value=\"01.02.2026\"/>\n    </DataArea>\n"
    );
    let _ = write!(
        manifest,
        "    <DataArea type=\"ServiceEdition\">\n      <Property name=\"ServiceEditionCode\" value=\"{}\"/>\n      <Property name=\"MainLanguage\" value=\"1044\"/>\n      <Property name=\"SecurityLevel\" value=\"{}\"/>\n      <Property name=\"AllowedPartyTypes\" value=\"Organisation,SubUnit\"/>\n    </DataArea>\n",
        rng.range(1, 9),
        rng.range(2, 3)
    );
    manifest.push_str("    <DataArea type=\"Form\"><LogicalForm><Files>\n");
    for (lcid, _) in langs {
        let _ = writeln!(
            manifest,
            "      <File fileType=\"FormTemplate\" language=\"{lcid}\" name=\"form/{lcid}/skjema.xsn\"/>"
        );
    }
    manifest.push_str("      <File fileType=\"FormPageMetadata\" name=\"form/pages.xml\"/>\n      <File fileType=\"FormFieldPrefill\" name=\"form/prefill.xml\"/>\n    </Files></LogicalForm></DataArea>\n");
    manifest.push_str("    <DataArea type=\"AttachmentTypes\"><Files><File fileType=\"AttachmentTypes\" name=\"attachments.xml\"/></Files></DataArea>\n");
    manifest.push_str("    <DataArea type=\"Security\"><Files><File fileType=\"AuthorizationRules\" name=\"rules.xml\"/></Files></DataArea>\n");
    manifest.push_str("    <DataArea type=\"Workflow\"><Files><File fileType=\"WorkflowDefinition\" name=\"workflow.xml\"/></Files></DataArea>\n  </DataAreas>\n  <Translations><Files>\n");
    for (lcid, _) in langs {
        let _ = writeln!(
            manifest,
            "    <File language=\"{lcid}\" name=\"translations/{lcid}.xml\"/>"
        );
    }
    manifest.push_str("  </Files></Translations>\n</ServiceEditionVersion>\n");
    files.push(("manifest.xml".into(), manifest.into_bytes()));

    // The data model: one group per page, fields in it, one repeating group per page when asked.
    let mut xsd = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:seres=\"http://seres.no/xsd/forvaltningsdata\" elementFormDefault=\"qualified\">\n  <xsd:element name=\"melding\" type=\"Melding\"/>\n  <xsd:complexType name=\"Melding\"><xsd:sequence>\n",
    );
    for p in 0..shape.pages {
        let _ = writeln!(
            xsd,
            "    <xsd:element name=\"Del{p}\" type=\"Del{p}\" minOccurs=\"0\"/>"
        );
    }
    xsd.push_str("  </xsd:sequence>\n    <xsd:attribute name=\"dataFormatProvider\" type=\"xsd:string\" fixed=\"SERES\"/>\n    <xsd:attribute name=\"dataFormatId\" type=\"xsd:string\" fixed=\"9000\"/>\n    <xsd:attribute name=\"dataFormatVersion\" type=\"xsd:string\" fixed=\"1\"/>\n  </xsd:complexType>\n");
    for p in 0..shape.pages {
        let _ = writeln!(xsd, "  <xsd:complexType name=\"Del{p}\"><xsd:sequence>");
        for f in 0..shape.fields_per_page {
            let t = ["Tekst", "xsd:decimal", "xsd:date", "JaNei"][f % 4];
            let _ = writeln!(
                xsd,
                "    <xsd:element name=\"felt{f}\" type=\"{t}\" minOccurs=\"0\" nillable=\"true\"/>"
            );
        }
        if shape.repeating {
            let _ = writeln!(
                xsd,
                "    <xsd:element name=\"Linje\" minOccurs=\"0\" maxOccurs=\"unbounded\"><xsd:complexType><xsd:sequence><xsd:element name=\"tekst\" type=\"Tekst\" minOccurs=\"0\"/><xsd:element name=\"beloep\" type=\"xsd:decimal\" minOccurs=\"0\"/></xsd:sequence></xsd:complexType></xsd:element>"
            );
        }
        xsd.push_str("  </xsd:sequence></xsd:complexType>\n");
    }
    xsd.push_str("  <xsd:simpleType name=\"Tekst\"><xsd:restriction base=\"xsd:string\"><xsd:maxLength value=\"200\"/></xsd:restriction></xsd:simpleType>\n  <xsd:simpleType name=\"JaNei\"><xsd:restriction base=\"xsd:string\"><xsd:enumeration value=\"ja\"/><xsd:enumeration value=\"nei\"/></xsd:restriction></xsd:simpleType>\n</xsd:schema>\n");

    for (lcid, word) in langs {
        let mut members: Vec<(String, Vec<u8>)> = Vec::new();
        let mut xsf = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsf:xDocumentClass xmlns:xsf=\"http://schemas.microsoft.com/office/infopath/2003/solutionDefinition\">\n  <xsf:views>\n",
        );
        for p in 0..shape.pages {
            let _ = writeln!(
                xsf,
                "    <xsf:view name=\"Side{p}\"><xsf:mainpane transform=\"view{p}.xsl\"/></xsf:view>"
            );
        }
        xsf.push_str("  </xsf:views>\n  <xsf:documentSchemas><xsf:documentSchema rootSchema=\"yes\" location=\"myschema.xsd\"/></xsf:documentSchemas>\n  <xsf:customValidation>\n    <xsf:errorCondition match=\"/melding/Del0/felt1\" expressionContext=\".\" expression=\". &lt; 0\"><xsf:errorMessage shortMessage=\"_MYK_Negativ\">Negativt beløp?</xsf:errorMessage></xsf:errorCondition>\n  </xsf:customValidation>\n</xsf:xDocumentClass>\n");
        members.push(("manifest.xsf".into(), xsf.into_bytes()));
        members.push(("myschema.xsd".into(), b"<?xml version=\"1.0\"?>\n<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><xsd:import schemaLocation=\"model.xsd\"/></xsd:schema>\n".to_vec()));
        members.push(("model.xsd".into(), xsd.clone().into_bytes()));
        members.push(("template.xml".into(), b"<?xml version=\"1.0\"?><melding dataFormatProvider=\"SERES\" dataFormatId=\"9000\" dataFormatVersion=\"1\"/>".to_vec()));
        for p in 0..shape.pages {
            members.push((format!("view{p}.xsl"), view(p, shape, word).into_bytes()));
        }
        files.push((
            format!("form/{lcid}/skjema.xsn"),
            build_cabinet(&members).unwrap_or_default(),
        ));
        let mut texts = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Translation language=\"{lcid}\"><DataAreas>\n  <DataArea type=\"Service\"><Texts><Text textType=\"ServiceName\" textCode=\"{code}\">{name}</Text></Texts></DataArea>\n  <DataArea type=\"Form\"><LogicalForm><Texts>\n"
        );
        for p in 0..shape.pages {
            let _ = writeln!(
                texts,
                "    <Text textType=\"PageDisplayName\" textCode=\"Side{p}\">Side {p}</Text>"
            );
        }
        texts.push_str("  </Texts></LogicalForm></DataArea>\n</DataAreas></Translation>\n");
        files.push((format!("translations/{lcid}.xml"), texts.into_bytes()));
    }
    let mut pages = String::from("<?xml version=\"1.0\"?>\n<FormPages>\n");
    for p in 0..shape.pages {
        let _ = writeln!(
            pages,
            "  <Page name=\"Side{p}\"><Property name=\"Caption\" textCode=\"Side{p}\"/><Property name=\"Transform\" value=\"view{p}.xsl\"/><Property name=\"Sequence\" value=\"{p}\"/><Property name=\"PageType\" value=\"Web\"/></Page>"
        );
    }
    pages.push_str("</FormPages>\n");
    files.push(("form/pages.xml".into(), pages.into_bytes()));
    files.push((
        "form/prefill.xml".into(),
        b"<?xml version=\"1.0\"?>\n<FormRegisterPrefill><Register name=\"ER\"><field xPath=\"/melding/Del0/felt0\" page=\"Side0\" contextType=\"ChosenOrgNr\" registerField=\"Name\"/></Register></FormRegisterPrefill>\n".to_vec(),
    ));
    files.push((
        "attachments.xml".into(),
        b"<?xml version=\"1.0\"?>\n<AttachmentTypes><AttachmentType name=\"Vedlegg\" minCount=\"0\" maxCount=\"5\" maxSizeMB=\"10\" allowedExtensions=\"pdf\"><Text lcid=\"1044\">Vedlegg</Text></AttachmentType></AttachmentTypes>\n".to_vec(),
    ));
    let signing = rng.chance(50);
    let mut workflow = String::from(
        "<?xml version=\"1.0\"?>\n<Workflow WorkflowId=\"Generert\">\n  <Step activityId=\"1\" activityType=\"FormFilling\"/>\n",
    );
    if signing {
        workflow.push_str("  <Step activityId=\"2\" activityType=\"Signing\"><AuthorizationRequirements>DAGL</AuthorizationRequirements></Step>\n");
    }
    workflow.push_str("  <Step activityId=\"3\" activityType=\"SendIn\"/>\n</Workflow>\n");
    files.push(("workflow.xml".into(), workflow.into_bytes()));
    let mut rules = String::from(
        "<?xml version=\"1.0\"?>\n<Policy xmlns=\"urn:oasis:names:tc:xacml:2.0:policy:schema:os\" PolicyId=\"g\">\n",
    );
    for (n, action) in ["Read", "Write", "Sign"].iter().enumerate() {
        let role = ROLES[rng.range(0, ROLES.len() - 1)];
        let _ = writeln!(
            rules,
            "  <Rule RuleId=\"R{n}\" Effect=\"Permit\"><Target><Subjects><Subject><SubjectMatch MatchId=\"urn:oasis:names:tc:xacml:1.0:function:string-equal\"><AttributeValue>{role}</AttributeValue><SubjectAttributeDesignator AttributeId=\"urn:oasis:names:tc:xacml:2.0:subject:urn:altinn:rolecode\"/></SubjectMatch></Subject></Subjects><Actions><Action><ActionMatch MatchId=\"urn:oasis:names:tc:xacml:1.0:function:string-equal\"><AttributeValue>{action}</AttributeValue><ActionAttributeDesignator AttributeId=\"urn:oasis:names:tc:xacml:1.0:action:action-id\"/></ActionMatch></Action></Actions></Target></Rule>"
        );
    }
    rules.push_str("</Policy>\n");
    files.push(("rules.xml".into(), rules.into_bytes()));
    (
        format!("{}-{code}.zip", owner.to_lowercase()),
        build_zip(&files).unwrap_or_default(),
    )
}

fn view(page: usize, shape: Shape, word: &str) -> String {
    let mut v = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" xmlns:xd=\"http://schemas.microsoft.com/office/infopath/2003\">\n  <xsl:template match=\"melding\"><html><body>\n    <table><tbody>\n",
    );
    for f in 0..shape.fields_per_page {
        let id = page * 1000 + f;
        let control = match f % 4 {
            2 => format!(
                "<div xd:xctname=\"DTPicker\" xd:CtrlId=\"C{id}\"><span xd:xctname=\"DTPicker_DTText\" xd:binding=\"Del{page}/felt{f}\"/></div>"
            ),
            3 => format!(
                "<select xd:xctname=\"dropdown\" xd:CtrlId=\"C{id}\" xd:binding=\"Del{page}/felt{f}\"><option value=\"ja\">Ja</option><option value=\"nei\">Nei</option></select>"
            ),
            _ => format!(
                "<span class=\"xdTextBox\" xd:xctname=\"PlainText\" xd:CtrlId=\"C{id}\" xd:binding=\"Del{page}/felt{f}\"><xsl:value-of select=\"Del{page}/felt{f}\"/></span>"
            ),
        };
        let _ = writeln!(
            v,
            "      <tr><td><span xd:xctname=\"ExpressionBox\" xd:CtrlId=\"L{id}\"><xsl:value-of select=\"&quot;{word} {f}&quot;\"/></span></td><td>{control}</td></tr>"
        );
    }
    v.push_str("    </tbody></table>\n");
    if shape.repeating {
        let _ = writeln!(
            v,
            "    <table class=\"xdRepeatingTable\"><tbody class=\"xdTableHeader\"><tr><td>Tekst</td><td>Beløp</td></tr></tbody><tbody xd:xctname=\"RepeatingTable\"><xsl:for-each select=\"Del{page}/Linje\"><tr><td><span xd:xctname=\"PlainText\" xd:CtrlId=\"R{page}a\" xd:binding=\"tekst\"/></td><td><span xd:xctname=\"PlainText\" xd:CtrlId=\"R{page}b\" xd:binding=\"beloep\"/></td></tr></xsl:for-each></tbody></table>"
        );
    }
    v.push_str("  </body></html></xsl:template>\n</xsl:stylesheet>\n");
    v
}

/// `count` packages from `seed`: (file name, zip bytes).
pub fn catalogue(count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let shape = Shape::random(&mut rng);
            package(i, shape, &mut rng)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_are_deterministic_and_varied() {
        let a = catalogue(12, 7);
        let b = catalogue(12, 7);
        assert_eq!(a, b);
        assert_ne!(a, catalogue(12, 8));
        let sizes: std::collections::BTreeSet<usize> = a.iter().map(|(_, z)| z.len()).collect();
        assert!(sizes.len() > 6, "{sizes:?}");
    }

    #[test]
    fn the_largest_shape_has_about_two_thousand_fields() {
        let shape = Shape {
            pages: 30,
            fields_per_page: 66,
            languages: 4,
            repeating: true,
        };
        let (_, zip) = package(0, shape, &mut Rng::new(1));
        assert!(zip.len() > 50_000);
        assert!(shape.pages * shape.fields_per_page >= 1_980);
    }
}
