//! Stage 1, read: bytes → [`Service`]. Knows zip, cabinets, XML and encodings; knows nothing
//! about Altinn 3. Never fails: every problem is a diagnostic, and whatever can be read is.

pub mod attachments;
pub mod form_files;
pub mod infopath;
pub mod manifest;
pub mod package;
pub mod security;
pub mod text;
pub mod translations;
pub mod workflow;
pub mod xml;
pub mod xsn;

use crate::diagnostics::{Code, Diagnostic, Location, Sources};
use crate::ir::Service;
use package::{Budget, Limits, Opened, PackageFiles};
use std::path::Path;
use std::sync::Arc;
use xml::Xml;

/// What reading one package produced.
pub struct ReadOutcome {
    /// `None` when the input was not a package at all.
    pub service: Option<Service>,
    pub diagnostics: Vec<Diagnostic>,
    /// Decoded text of every file read, for diagnostic snippets.
    pub sources: Sources,
    /// The input path itself could not be read (a usage error, exit code 2).
    pub unreadable: bool,
}

pub fn read_package(path: &Path, limits: &Limits) -> ReadOutcome {
    let mut diagnostics = Vec::new();
    let files = match package::open(path, limits, &mut diagnostics) {
        Opened::Package(files) => files,
        Opened::Unreadable(d) | Opened::NotAPackage(d) => {
            let unreadable = d.code == Code::InputUnreadable;
            diagnostics.push(d);
            return ReadOutcome {
                service: None,
                diagnostics,
                sources: Sources::new(),
                unreadable,
            };
        }
    };
    read_files(&files, limits, diagnostics)
}

/// Reads the files of a package already in memory (the fuzz targets start here too).
pub fn read_files(
    files: &package::PackageFiles,
    limits: &Limits,
    diagnostics: Vec<Diagnostic>,
) -> ReadOutcome {
    let mut reader = Reader {
        files,
        limits: *limits,
        budget: Budget::new(limits),
        diagnostics,
        sources: Sources::new(),
    };
    let mut service = manifest::read(&mut reader);
    if let Some(service) = &mut service {
        infopath::read_forms(&mut reader, service);
    }
    if service.is_some() {
        reader.report_unused();
    }
    ReadOutcome {
        service,
        diagnostics: reader.diagnostics,
        sources: reader.sources,
        unreadable: false,
    }
}

/// Shared state of the readers for one package.
pub struct Reader<'p> {
    pub files: &'p PackageFiles,
    pub limits: Limits,
    /// Inflation budget for cabinet members (the zip had its own).
    pub budget: Budget,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Reader<'_> {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Decodes `bytes` as the text of `file` and keeps it for snippets.
    pub fn decode(&mut self, file: &str, bytes: &[u8]) -> Arc<str> {
        let text: Arc<str> = text::decode(bytes, file, &mut self.diagnostics).into();
        self.sources.insert(file.to_string(), text.clone());
        text
    }

    /// A package file named by the manifest, decoded. `named_at` is where the manifest names
    /// it, for the missing-file diagnostic.
    pub fn package_text(&mut self, name: &str, named_at: &Location) -> Option<(String, Arc<str>)> {
        let Some(entry) = self.files.take(name) else {
            self.missing_file(name, named_at);
            return None;
        };
        let text = self.decode(&entry.name, &entry.data);
        Some((entry.name.clone(), text))
    }

    pub fn missing_file(&mut self, name: &str, named_at: &Location) {
        self.push(
            Diagnostic::new(
                Code::MissingFile,
                format!("`{name}` is named by the manifest but not in the package"),
            )
            .at(named_at.clone()),
        );
    }

    /// Reads a package file as XML with the expected root element and hands it to `f`.
    pub fn with_xml<T>(
        &mut self,
        name: &str,
        named_at: &Location,
        root: &str,
        f: impl FnOnce(&mut Self, &Xml) -> T,
    ) -> Option<T> {
        let (file, text) = self.package_text(name, named_at)?;
        let xml = Xml::parse(&file, &text, &self.limits, &mut self.diagnostics)?;
        if !xml.expect_root(root, &mut self.diagnostics) {
            return None;
        }
        Some(f(self, &xml))
    }

    /// Every package file no reader used: nothing disappears without a word.
    fn report_unused(&mut self) {
        let unused: Vec<String> = self.files.unused().map(|e| e.name.clone()).collect();
        for name in unused {
            self.push(
                Diagnostic::new(
                    Code::UnreferencedFile,
                    format!("`{name}` is not named by the manifest and was not used"),
                )
                .in_file(name),
            );
        }
    }
}

/// The service identity alone (owner, name, codes), read from the manifest without reading
/// the rest of the package: how `batch` names outputs before converting in parallel.
pub fn peek_identity(path: &Path, limits: &Limits) -> Option<crate::ir::Identity> {
    let mut diagnostics = Vec::new();
    let Opened::Package(files) = package::open(path, limits, &mut diagnostics) else {
        return None;
    };
    let entry = files.take("manifest.xml")?;
    let text = text::decode(&entry.data, "manifest.xml", &mut diagnostics);
    let xml = Xml::parse("manifest.xml", &text, limits, &mut diagnostics)?;
    let mut identity = crate::ir::Identity::default();
    let areas = xml.root().descendants().filter(|n| xml::is(*n, "DataArea"));
    for area in areas {
        let props = area.descendants().filter(|n| xml::is(*n, "Property"));
        for p in props {
            let value = || Some(xml::property_value(p).trim().to_string());
            match xml::value(p, "name")
                .unwrap_or_default()
                .to_ascii_lowercase()
                .as_str()
            {
                "serviceownercode" => identity.owner_code = value(),
                "servicename" => identity.name = value(),
                "servicecode" | "externalservicecode" => identity.service_code = value(),
                "serviceeditioncode" | "externalserviceeditioncode" => {
                    identity.edition_code = value()
                }
                _ => {}
            }
        }
    }
    Some(identity)
}
