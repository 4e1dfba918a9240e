//! Every app the tests check at run time: the fixtures' apps and the real samples', each
//! converted once per test run (in memory, then written to a temporary directory) and shared
//! by the run-time and contract tests.
//!
//! The real samples are no TUL packages: each InfoPath form is wrapped into one (a manifest
//! naming the `.xsn`, one page per view), and each real SERES/OR schema into a form template
//! holding only that schema (no views), so the data model is converted as a service's would be.

use crate::support::{files_with_ext, fixtures, root, shared};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tul2studio::ir::model::DataModel;
use tul2studio::read::package::Limits;

pub struct EmittedApp {
    /// `fixture:<name>` or `real:<file>`.
    pub name: String,
    /// The TUL package it was converted from.
    pub package: PathBuf,
    /// The app as written.
    pub dir: PathBuf,
    pub model: DataModel,
    /// The data type id (`App/models/<data_type>.*`).
    pub data_type: String,
    /// The form's initial data, when the template has one.
    pub template_xml: Option<String>,
    /// Codes of every diagnostic of the conversion.
    pub codes: Vec<&'static str>,
    /// (code, message) of every diagnostic.
    pub messages: Vec<(&'static str, String)>,
    pub diagnostics: Vec<tul2studio::diagnostics::Diagnostic>,
    /// The components made from view controls.
    pub components: Vec<tul2studio::emit::ComponentOrigin>,
    /// The main language's views that are pages: (`<template>!<view>.xsl`, its text).
    pub views: Vec<(String, String)>,
}

struct Converted {
    _tmp: tempfile::TempDir,
    apps: Vec<EmittedApp>,
}

/// Every app, or `None` (with the visible skip of `shared()`) without ../shared.
pub fn all() -> Option<&'static [EmittedApp]> {
    static APPS: OnceLock<Option<Converted>> = OnceLock::new();
    APPS.get_or_init(|| {
        let shared = shared()?;
        let tmp = tempfile::tempdir().unwrap();
        let mut packages: Vec<(String, PathBuf)> = fixtures()
            .into_iter()
            .filter(|f| f != "nav-vedtaksbrev")
            .map(|f| (format!("fixture:{f}"), root().join("fixtures").join(f)))
            .collect();
        packages.extend(wrap_real_samples(&shared, &tmp.path().join("packages")));
        let names = tmp.path().join("packages/names");
        write_names_form(&names);
        packages.push(("synthetic:names".into(), names));
        let track = tmp.path().join("packages/track");
        write_track_form(&track);
        packages.push(("synthetic:track".into(), track));
        let apps = packages
            .into_iter()
            .map(|(name, package)| convert(&name, &package, &tmp.path().join("apps")))
            .collect();
        Some(Converted { _tmp: tmp, apps })
    })
    .as_ref()
    .map(|c| c.apps.as_slice())
}

fn convert(name: &str, package: &Path, out: &Path) -> EmittedApp {
    let (outcome, app) =
        tul2studio::convert_package(package, &Limits::default(), &Default::default());
    let app = app.unwrap_or_else(|| panic!("{name}: no app: {:?}", outcome.diagnostics));
    let service = outcome.service.as_ref().unwrap();
    let form = service.form.as_ref().unwrap();
    let model = form.model.clone().unwrap();
    let dir = out.join(name.replace(':', "-"));
    for (path, bytes) in &app.files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    let main = form
        .templates
        .iter()
        .find(|t| Some(t.lang) == service.edition.main_language)
        .or(form.templates.first());
    let views = main
        .map(|t| {
            form.pages
                .iter()
                // A page that is no form page is one finding as a whole (TUL1005).
                .filter(|p| p.page_type == tul2studio::ir::PageType::Form)
                .filter_map(|p| p.transform.as_deref())
                .filter_map(|view| {
                    let member = t
                        .members
                        .iter()
                        .find(|m| m.name.eq_ignore_ascii_case(view))?;
                    Some((
                        format!("{}!{}", t.file, member.name),
                        tul2studio::read::text::decode(&member.data, &member.name, &mut Vec::new()),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let template_xml = main
        .and_then(|t| {
            t.members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case("template.xml"))
        })
        .map(|m| String::from_utf8_lossy(&m.data).into_owned());
    EmittedApp {
        name: name.to_string(),
        package: package.to_path_buf(),
        dir,
        data_type: tul2studio::emit::model_name(&model),
        model,
        template_xml,
        codes: outcome
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect(),
        messages: outcome
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.message.clone()))
            .collect(),
        diagnostics: outcome.diagnostics.clone(),
        components: app.components.clone(),
        views,
    }
}

/// The real InfoPath forms as `(file name, cabinet bytes)`, sorted; FormMasters, shipped
/// unpacked, packed from its three members into `FormMasters.xsn`, last.
pub fn real_forms(shared: &Path) -> Vec<(String, Vec<u8>)> {
    let real = shared.join("samples/real");
    let files = files_with_ext(&real, "xsn");
    // Two forms may share a file name (`TaskForm.xsn`): those are named after their folder too.
    let shared_name = |f: &Path| {
        files
            .iter()
            .filter(|g| file_name(g) == file_name(f))
            .count()
            > 1
    };
    let mut forms: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let name = if shared_name(f) {
                let folder = f.strip_prefix(&real).unwrap().components().nth(1).unwrap();
                format!("{}--{}", folder.as_os_str().to_string_lossy(), file_name(f))
            } else {
                file_name(f)
            };
            (name, std::fs::read(f).unwrap())
        })
        .collect();
    let masters = real.join("FormMasters");
    let members: Vec<(String, Vec<u8>)> = ["manifest.xsf", "view1.xsl", "myschema.xsd"]
        .iter()
        .map(|m| (m.to_string(), std::fs::read(masters.join(m)).unwrap()))
        .collect();
    forms.push((
        "FormMasters.xsn".into(),
        tul2studio::pack::build_cabinet(&members).unwrap(),
    ));
    forms
}

/// The real samples as TUL packages under `dir`: (name, package directory).
pub fn wrap_real_samples(shared: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let real = shared.join("samples/real");
    let masters = real.join("FormMasters");
    let mut forms = real_forms(shared);
    for xsd in files_with_ext(&real, "xsd") {
        if xsd.starts_with(&masters) {
            continue;
        }
        let name = file_name(&xsd);
        let manifest = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<xsf:xDocumentClass xmlns:xsf="http://schemas.microsoft.com/office/infopath/2003/solutionDefinition">
  <xsf:documentSchemas><xsf:documentSchema location="{name}" rootSchema="yes"/></xsf:documentSchemas>
</xsf:xDocumentClass>"#
        );
        let members = vec![
            ("manifest.xsf".to_string(), manifest.into_bytes()),
            (name.clone(), std::fs::read(&xsd).unwrap()),
        ];
        forms.push((name, tul2studio::pack::build_cabinet(&members).unwrap()));
    }
    forms
        .into_iter()
        .enumerate()
        .map(|(i, (name, xsn))| {
            let package = dir.join(format!("{i:02}"));
            write_package(&package, &name, &xsn, i);
            (format!("real:{name}"), package)
        })
        .collect()
}

/// A TUL package holding one English form template, one page per view of its manifest.
fn write_package(package: &Path, name: &str, xsn: &[u8], n: usize) {
    let form = tul2studio::read::infopath::read_standalone(
        xsn,
        name,
        tul2studio::ir::Lang::En,
        &Limits::default(),
    );
    let pages: String = form
        .views
        .iter()
        .enumerate()
        .map(|(i, (view, transform, _))| {
            format!(
                "  <Page name=\"{view}\">\n    <Property name=\"Transform\" value=\"{transform}\"/>\n    <Property name=\"Sequence\" value=\"{}\"/>\n    <Property name=\"PageType\" value=\"Web\"/>\n  </Page>\n",
                i + 1
            )
        })
        .collect();
    let manifest = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ServiceEditionVersion>
  <DataAreas>
    <DataArea type="Service">
      <Property name="ServiceOwnerCode" value="TST"/>
      <Property name="ServiceName" value="{name}"/>
      <Property name="ServiceCode" value="{code}"/>
      <Property name="ServiceType" value="FormTask"/>
    </DataArea>
    <DataArea type="ServiceEdition">
      <Property name="ServiceEditionCode" value="1"/>
      <Property name="MainLanguage" value="1033"/>
    </DataArea>
    <DataArea type="Form">
      <LogicalForm>
        <Files>
          <File fileType="FormTemplate" language="1033" name="form/1033/skjema.xsn"/>
          <File fileType="FormPageMetadata" name="form/formpages.xml"/>
        </Files>
      </LogicalForm>
    </DataArea>
  </DataAreas>
</ServiceEditionVersion>
"#,
        code = 9000 + n
    );
    let formpages = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<FormPages formatVersion=\"1.0\">\n{pages}</FormPages>\n"
    );
    crate::support::write_tree(
        package,
        &[
            ("manifest.xml", manifest.as_bytes()),
            ("form/formpages.xml", formpages.as_bytes()),
            ("form/1033/skjema.xsn", xsn),
        ],
    );
}

/// A form whose XML names are legal XML but no data-model step or C# member as they are:
/// dots (in an element, an attribute, a repeating group and its field, a simple-content value),
/// a name equal to another after cleaning, a C# keyword, a member named like its class; and
/// an `xsd:all` group of an `int`, a `double` and texts, whose children come in any order.
fn write_names_form(package: &Path) {
    let my = "http://schemas.microsoft.com/office/infopath/2003/myXSD/2026-12-07T00:00:00";
    let xsd = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema targetNamespace="{my}" xmlns:my="{my}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xsd:element name="Skjema"><xsd:complexType><xsd:sequence>
    <xsd:element name="patient"><xsd:complexType><xsd:sequence>
      <xsd:element name="patient.family_name" type="xsd:string" minOccurs="0"/>
      <xsd:element name="patient_family_name" type="xsd:string" minOccurs="0"/>
      <xsd:element name="class" type="xsd:string" minOccurs="0"/>
      <xsd:element name="patient" type="xsd:string" minOccurs="0"/>
      <xsd:element name="weight.kg" minOccurs="0"><xsd:complexType><xsd:simpleContent>
        <xsd:extension base="xsd:decimal"><xsd:attribute name="unit.code" type="xsd:string"/></xsd:extension>
      </xsd:simpleContent></xsd:complexType></xsd:element>
    </xsd:sequence></xsd:complexType></xsd:element>
    <xsd:element name="address" minOccurs="0"><xsd:complexType><xsd:all>
      <xsd:element name="street" type="xsd:string" minOccurs="0"/>
      <xsd:element name="postcode" type="xsd:int" minOccurs="0"/>
      <xsd:element name="town" type="xsd:string" minOccurs="0"/>
      <xsd:element name="distance" type="xsd:double" minOccurs="0"/>
    </xsd:all></xsd:complexType></xsd:element>
    <xsd:element name="visits"><xsd:complexType><xsd:sequence>
      <xsd:element name="visit.row" minOccurs="0" maxOccurs="unbounded"><xsd:complexType><xsd:sequence>
        <xsd:element name="visit.date" type="xsd:date" minOccurs="0"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:sequence></xsd:complexType></xsd:element>
  </xsd:sequence></xsd:complexType></xsd:element>
</xsd:schema>
"#
    );
    let field = |id: &str, label: &str, binding: &str| {
        format!(
            r#"<tr><td>{label}</td><td><span class="xdTextBox" xd:xctname="PlainText" xd:CtrlId="{id}" xd:binding="{binding}"><xsl:value-of select="{binding}"/></span></td></tr>"#
        )
    };
    let rows: String = [
        ("CTRL1", "Family name", "my:patient/my:patient.family_name"),
        (
            "CTRL2",
            "Family name (plain)",
            "my:patient/my:patient_family_name",
        ),
        ("CTRL3", "Class", "my:patient/my:class"),
        ("CTRL4", "Patient", "my:patient/my:patient"),
        ("CTRL5", "Weight", "my:patient/my:weight.kg"),
        ("CTRL6", "Unit", "my:patient/my:weight.kg/@my:unit.code"),
    ]
    .iter()
    .map(|(id, label, binding)| field(id, label, binding))
    .collect();
    let view = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="{my}">
  <xsl:template match="my:Skjema"><html><body>
    <table class="xdFormLayout"><tbody>{rows}</tbody></table>
    <table class="xdRepeatingTable" xd:CtrlId="CTRL7"><tbody class="xdTableHeader"><tr><td>Visit date</td></tr></tbody>
      <tbody xd:xctname="RepeatingTable"><xsl:for-each select="my:visits/my:visit.row"><tr><td><span class="xdTextBox" xd:xctname="PlainText" xd:CtrlId="CTRL8" xd:binding="my:visit.date"><xsl:value-of select="my:visit.date"/></span></td></tr></xsl:for-each></tbody></table>
  </body></html></xsl:template>
</xsl:stylesheet>
"#
    );
    let xsf = r#"<?xml version="1.0" encoding="UTF-8"?>
<xsf:xDocumentClass xmlns:xsf="http://schemas.microsoft.com/office/infopath/2003/solutionDefinition">
  <xsf:views default="View 1"><xsf:view name="View 1"><xsf:mainpane transform="view1.xsl"/></xsf:view></xsf:views>
  <xsf:documentSchemas><xsf:documentSchema rootSchema="yes" location="myschema.xsd"/></xsf:documentSchemas>
</xsf:xDocumentClass>
"#;
    let template = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><my:Skjema xmlns:my="{my}"><my:patient><my:patient.family_name/><my:patient_family_name/><my:class/><my:patient/></my:patient><my:visits/></my:Skjema>"#
    );
    let members: Vec<(String, Vec<u8>)> = [
        ("manifest.xsf", xsf.to_string()),
        ("myschema.xsd", xsd),
        ("view1.xsl", view),
        ("template.xml", template),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.into_bytes()))
    .collect();
    let xsn = tul2studio::pack::build_cabinet(&members).unwrap();
    write_package(package, "names.xsn", &xsn, 99);
}

/// A TUL-made application in three pages whose first page holds a form track (sporvalg):
/// the kind of application (`Soknadstype` 1 or 2) decides whether the second page is shown;
/// the track lists its own page too, as real tracks do.
fn write_track_form(package: &Path) {
    let my = "http://schemas.microsoft.com/office/infopath/2003/myXSD/2026-12-07T01:00:00";
    let xsd = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema targetNamespace="{my}" xmlns:my="{my}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xsd:element name="Soknad"><xsd:complexType><xsd:sequence>
    <xsd:element name="Soknadstype" minOccurs="0"><xsd:simpleType><xsd:restriction base="xsd:string">
      <xsd:enumeration value="1"/><xsd:enumeration value="2"/>
    </xsd:restriction></xsd:simpleType></xsd:element>
    <xsd:element name="Navn" type="xsd:string" minOccurs="0"/>
    <xsd:element name="Begrunnelse" type="xsd:string"/>
    <xsd:element name="Belop" type="xsd:decimal" minOccurs="0"/>
  </xsd:sequence></xsd:complexType></xsd:element>
</xsd:schema>
"#
    );
    let view = |body: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="{my}">
  <xsl:template match="my:Soknad"><html><body><table class="xdFormLayout"><tbody>{body}</tbody></table></body></html></xsl:template>
</xsl:stylesheet>
"#
        )
    };
    let text_box = |id: &str, label: &str, field: &str| {
        format!(
            r#"<tr><td>{label}</td><td><span class="xdTextBox" xd:xctname="PlainText" xd:CtrlId="{id}" xd:binding="my:{field}"><xsl:value-of select="my:{field}"/></span></td></tr>"#
        )
    };
    let radio = |id: &str, value: &str| {
        format!(
            r#"<input type="radio" xd:xctname="OptionButton" xd:CtrlId="{id}" xd:binding="my:Soknadstype" xd:onValue="{value}"/>"#
        )
    };
    let side1 = view(&format!(
        "<tr><td>Type søknad</td><td>{} Ny {} Endring</td></tr>{}",
        radio("CTRL1", "1"),
        radio("CTRL2", "2"),
        text_box("CTRL3", "Navn", "Navn")
    ));
    let side2 = view(&text_box("CTRL4", "Begrunnelse", "Begrunnelse"));
    let side3 = view(&text_box("CTRL5", "Beløp", "Belop"));
    let xsf = r#"<?xml version="1.0" encoding="UTF-8"?>
<xsf:xDocumentClass xmlns:xsf="http://schemas.microsoft.com/office/infopath/2003/solutionDefinition">
  <xsf:views default="Side1"><xsf:view name="Side1"><xsf:mainpane transform="view1.xsl"/></xsf:view><xsf:view name="Side2"><xsf:mainpane transform="view2.xsl"/></xsf:view><xsf:view name="Side3"><xsf:mainpane transform="view3.xsl"/></xsf:view></xsf:views>
  <xsf:documentSchemas><xsf:documentSchema rootSchema="yes" location="myschema.xsd"/></xsf:documentSchemas>
</xsf:xDocumentClass>
"#;
    let members: Vec<(String, Vec<u8>)> = [
        ("manifest.xsf", xsf.to_string()),
        ("myschema.xsd", xsd),
        ("view1.xsl", side1),
        ("view2.xsl", side2),
        ("view3.xsl", side3),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.into_bytes()))
    .collect();
    let xsn = tul2studio::pack::build_cabinet(&members).unwrap();
    write_package(package, "track.xsn", &xsn, 98);
    let track = r#"<?xml version="1.0" encoding="utf-8"?>
<FormTracks>
  <Track page="Side1" field="/my:Soknad/my:Soknadstype">
    <Choice value="1"><Page name="Side1"/><Page name="Side2"/></Choice>
    <Choice value="2"><Page name="Side1"/></Choice>
  </Track>
</FormTracks>
"#;
    std::fs::write(package.join("form/formtrack.xml"), track).unwrap();
    let manifest = std::fs::read_to_string(package.join("manifest.xml"))
        .unwrap()
        .replace(
            r#"<File fileType="FormPageMetadata" name="form/formpages.xml"/>"#,
            r#"<File fileType="FormPageMetadata" name="form/formpages.xml"/>
          <File fileType="FormTrack" name="form/formtrack.xml"/>"#,
        );
    std::fs::write(package.join("manifest.xml"), manifest).unwrap();
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_fixture_and_real_sample_gives_an_app() {
    let Some(apps) = all() else { return };
    assert_eq!(
        apps.len(),
        3 + 21 + 18 + 2,
        "{:?}",
        apps.iter().map(|a| &a.name).collect::<Vec<_>>()
    );
    for app in apps {
        let model = app.dir.join(format!("App/models/{}.cs", app.data_type));
        assert!(model.is_file(), "{}: no {}", app.name, model.display());
    }
}

/// A member manifest.xsf names (a document schema, a data object's schema) is used, even
/// where the app has no counterpart: no "not used" warning for it.
#[test]
fn no_schema_the_manifest_names_is_reported_unused() {
    let Some(apps) = all() else { return };
    for app in apps.iter().filter(|a| a.name.ends_with(".xsn")) {
        for (code, message) in &app.messages {
            if *code == "TUL1310" {
                assert!(!message.contains(".xsd"), "{}: {message}", app.name);
            }
        }
    }
}
