//! `manifest.xml` (root `ServiceEditionVersion`): identity, edition parameters, and the list of
//! files, each then handed to its own reader.

use super::xml::{self, Xml, attr, elements, is, property_value};
use super::{Reader, attachments, form_files, security, translations, workflow, xsn};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::ir::{EditionFeature, FeatureUse, Form, Lang, PartyType, Service, ServiceType, Setting};
use roxmltree::Node;

/// A file named by the manifest, and where.
struct FileRef {
    /// `None` for translation files.
    file_type: Option<String>,
    language: Option<String>,
    name: String,
    at: Location,
}

pub fn read(r: &mut Reader) -> Option<Service> {
    if r.files.take("manifest.xml").is_none() {
        let message = if r.files.is_empty() {
            "the package holds no readable file, so no manifest.xml".to_string()
        } else {
            "the package has no manifest.xml at its root".to_string()
        };
        r.push(Diagnostic::new(Code::ManifestMissing, message));
        return None;
    }
    let mut service = Service::default();
    let mut refs = Vec::new();
    let mut has_form_area = false;
    r.with_xml(
        "manifest.xml",
        &Location::file("manifest.xml"),
        "ServiceEditionVersion",
        |r, xml| {
            for child in elements(xml.root()) {
                if is(child, "PackageInfo") {
                    for (name, value, _) in properties(r, xml, child) {
                        service.package_info.insert(name, value);
                    }
                } else if is(child, "DataAreas") {
                    for area in elements(child) {
                        if is(area, "DataArea") {
                            has_form_area |=
                                attr(area, "type").is_some_and(|t| t.eq_ignore_ascii_case("form"));
                            data_area(r, xml, area, &mut service, &mut refs);
                        } else {
                            r.push(xml.unknown(area, "DataAreas"));
                        }
                    }
                } else if is(child, "Translations") {
                    collect_files(r, xml, child, false, &mut refs);
                } else {
                    r.push(xml.unknown(child, "the manifest"));
                }
            }
            check_identity(r, xml, &service);
        },
    )?;
    if has_form_area {
        service.form = Some(Form::default());
    }
    for file in refs {
        read_file(r, file, &mut service);
    }
    if let Some(form) = &mut service.form {
        form.pages.sort_by_key(|p| p.sequence);
    }
    Some(service)
}

fn check_identity(r: &mut Reader, xml: &Xml, service: &Service) {
    let id = &service.identity;
    for (missing, what) in [
        (id.owner_code.is_none(), "ServiceOwnerCode"),
        (id.name.is_none(), "ServiceName"),
    ] {
        if missing {
            r.push(xml.diag(
                Code::IdentityMissing,
                xml.root(),
                format!("the manifest has no `{what}` property in its Service data area"),
            ));
        }
    }
}

/// `Property` children, directly or inside a `Properties` wrapper: (name, value, node).
fn properties<'a, 'i>(
    r: &mut Reader,
    xml: &Xml,
    node: Node<'a, 'i>,
) -> Vec<(String, String, Node<'a, 'i>)> {
    let mut out = Vec::new();
    for p in elements(node) {
        if is(p, "Properties") {
            out.extend(properties(r, xml, p));
        } else if is(p, "Property") {
            match xml::value(p, "name") {
                Some(name) => out.push((name, property_value(p), p)),
                None => r.push(xml.diag(
                    Code::MissingAttribute,
                    p,
                    "a Property without a name was skipped",
                )),
            }
        }
    }
    out
}

fn data_area(
    r: &mut Reader,
    xml: &Xml,
    area: Node,
    service: &mut Service,
    refs: &mut Vec<FileRef>,
) {
    let kind = attr(area, "type").unwrap_or("").to_ascii_lowercase();
    let known = [
        "service",
        "serviceedition",
        "form",
        "attachmenttypes",
        "security",
        "workflow",
    ];
    if kind.starts_with("notification") {
        service.features.push(FeatureUse {
            feature: EditionFeature::Notifications,
            setting: Setting::DataArea,
            at: xml.loc(area),
        });
        return;
    }
    if !known.contains(&kind.as_str()) {
        r.push(xml.diag(
            Code::UnknownDataArea,
            area,
            format!(
                "data area `{}` is not known; its content was not converted",
                attr(area, "type").unwrap_or("")
            ),
        ));
        return;
    }
    for (name, value, node) in properties(r, xml, area) {
        match kind.as_str() {
            "service" | "serviceedition" => edition_property(r, xml, node, &name, value, service),
            _ => {
                r.push(xml.diag(
                    Code::UnknownProperty,
                    node,
                    format!("property `{name}` of data area `{kind}` is not known"),
                ));
                service.edition.parameters.insert(name, value);
            }
        }
    }
    for child in elements(area) {
        if is(child, "Property")
            || is(child, "Properties")
            || is(child, "Files")
            || is(child, "File")
        {
            continue;
        }
        if kind == "form" && is(child, "LogicalForm") {
            collect_files(r, xml, child, true, refs);
        } else {
            r.push(xml.unknown(child, &format!("data area `{kind}`")));
        }
    }
    collect_files(r, xml, area, true, refs);
}

fn collect_files(r: &mut Reader, xml: &Xml, node: Node, typed: bool, refs: &mut Vec<FileRef>) {
    if !typed {
        for child in elements(node).filter(|c| !is(*c, "Files") && !is(*c, "File")) {
            r.push(xml.unknown(child, "Translations"));
        }
    }
    for f in xml::files(node) {
        let Some(name) = xml::value(f, "name") else {
            r.push(xml.diag(
                Code::MissingAttribute,
                f,
                "a File without a name was skipped",
            ));
            continue;
        };
        refs.push(FileRef {
            file_type: if typed {
                Some(xml::value(f, "fileType").unwrap_or_default())
            } else {
                None
            },
            language: xml::value(f, "language"),
            name,
            at: xml.loc(f),
        });
    }
}

/// Service and edition properties: the typed ones, and all others kept verbatim.
fn edition_property(
    r: &mut Reader,
    xml: &Xml,
    node: Node,
    name: &str,
    value: String,
    service: &mut Service,
) {
    let invalid = |r: &mut Reader, what: &str| {
        r.push(xml.diag(
            Code::InvalidValue,
            node,
            format!("`{name}` = `{value}` is not {what}; it was ignored"),
        ));
    };
    let (identity, edition, features) = (
        &mut service.identity,
        &mut service.edition,
        &mut service.features,
    );
    match name.to_ascii_lowercase().as_str() {
        "serviceownercode" => identity.owner_code = Some(value.trim().to_string()),
        "servicename" => identity.name = Some(value.trim().to_string()),
        "servicecode" | "externalservicecode" => {
            identity.service_code = Some(value.trim().to_string())
        }
        "serviceeditioncode" | "externalserviceeditioncode" => {
            identity.edition_code = Some(value.trim().to_string())
        }
        "servicetype" => {
            identity.service_type = ServiceType::parse(&value);
            if let ServiceType::Other(other) = &identity.service_type {
                r.push(xml.diag(
                    Code::UnknownServiceType,
                    node,
                    format!("service type `{other}` is not known"),
                ));
            }
        }
        "lastupdated" => match parse_date(&value) {
            Some(date) => identity.last_updated = Some(date),
            None => invalid(r, "a date (dd.MM.yyyy)"),
        },
        "mainlanguage" => match Lang::from_lcid(&value) {
            Some(lang) => edition.main_language = Some(lang),
            None => r.push(xml.diag(
                Code::UnknownLanguage,
                node,
                format!("main language `{value}` is not a known LCID"),
            )),
        },
        "validfrom" | "validto" => match parse_date(&value) {
            Some(date) if name.eq_ignore_ascii_case("validfrom") => edition.valid_from = Some(date),
            Some(date) => edition.valid_to = Some(date),
            None => invalid(r, "a date (dd.MM.yyyy)"),
        },
        "securitylevel" => match value.trim().parse::<u8>() {
            Ok(level) if level <= 4 => edition.security_level = Some(level),
            _ => invalid(r, "a security level 0-4"),
        },
        "allowedpartytypes" => {
            for part in value
                .split([',', ';', ' '])
                .filter(|p| !p.trim().is_empty())
            {
                match PartyType::parse(part) {
                    Some(t) if !edition.allowed_party_types.contains(&t) => {
                        edition.allowed_party_types.push(t)
                    }
                    Some(_) => {}
                    None => r.push(xml.diag(
                        Code::UnknownPartyType,
                        node,
                        format!("party type `{}` is not known", part.trim()),
                    )),
                }
            }
        }
        "allowattachments" => match xml::parse_bool(&value) {
            Some(b) => edition.allow_attachments = Some(b),
            None => invalid(r, "true or false"),
        },
        other => {
            match EditionFeature::of_parameter(other) {
                Some(feature) => features.push(FeatureUse {
                    feature,
                    setting: Setting::Parameter {
                        name: name.to_string(),
                        value: value.clone(),
                    },
                    at: xml.loc(node),
                }),
                None => r.push(xml.diag(
                    Code::UnknownProperty,
                    node,
                    format!("property `{name}` is not known; kept as an edition parameter"),
                )),
            }
            edition.parameters.insert(name.to_string(), value);
        }
    }
}

/// `dd.MM.yyyy` (TUL) or ISO `yyyy-mm-dd[T...]` → ISO date.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, m, d) = if let Some((d, rest)) = s.split_once('.') {
        let (m, y) = rest.split_once('.')?;
        (y.get(..4)?, m, d)
    } else {
        let date = s.get(..10)?;
        let mut parts = date.split('-');
        let y = parts.next()?;
        (y, parts.next()?, parts.next()?)
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2999).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn form(service: &mut Service) -> &mut Form {
    service.form.get_or_insert_with(Form::default)
}

fn read_file(r: &mut Reader, file: FileRef, service: &mut Service) {
    let FileRef {
        file_type,
        language,
        name,
        at,
    } = file;
    let lang = |r: &mut Reader| -> Option<Lang> {
        let code = language.as_deref().unwrap_or("");
        let lang = Lang::from_lcid(code);
        if lang.is_none() {
            r.files.take(&name);
            r.push(
                Diagnostic::new(
                    Code::UnknownLanguage,
                    format!("`{name}` has language `{code}`, not a known LCID; it was not read"),
                )
                .at(at.clone()),
            );
        }
        lang
    };
    let Some(file_type) = file_type else {
        if let Some(lang) = lang(r) {
            let texts = translations::read(r, &name, &at, lang);
            if !service.languages.contains(&lang) {
                service.languages.push(lang);
            }
            service.texts.extend(texts.unwrap_or_default());
        }
        return;
    };
    match file_type.to_ascii_lowercase().as_str() {
        "formtemplate" => {
            if let Some(lang) = lang(r)
                && let Some(template) = xsn::read(r, &name, &at, lang)
            {
                form(service).templates.push(template);
            }
        }
        "formpagemetadata" => {
            let pages = form_files::read_pages(r, &name, &at);
            form(service).pages.extend(pages);
        }
        "formfieldprefill" => form(service).prefill = form_files::read_prefill(r, &name, &at),
        "formtrack" => {
            let tracks = form_files::read_tracks(r, &name, &at);
            form(service).tracks.extend(tracks);
        }
        "attachmenttypes" => service
            .attachment_types
            .extend(attachments::read(r, &name, &at)),
        "authorizationrules" => service.authorization = security::read(r, &name, &at),
        "workflowdefinition" => service.workflow = workflow::read(r, &name, &at),
        "subformset" | "formset" => {
            r.files.take(&name);
            service.features.push(FeatureUse {
                feature: EditionFeature::FormSet,
                setting: Setting::File { name },
                at,
            });
        }
        _ => {
            r.files.take(&name);
            r.push(
                Diagnostic::new(
                    Code::UnknownFileType,
                    format!(
                        "`{name}` has file type `{file_type}`, which is not known; it was not read"
                    ),
                )
                .at(at),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_in_both_spellings() {
        assert_eq!(parse_date("24.11.2021").as_deref(), Some("2021-11-24"));
        assert_eq!(parse_date("1.2.2020").as_deref(), Some("2020-02-01"));
        assert_eq!(
            parse_date("2024-03-01T10:15:00").as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(parse_date("31.13.2020"), None);
        assert_eq!(parse_date("soon"), None);
    }
}
