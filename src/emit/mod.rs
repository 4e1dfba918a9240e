//! Stage 4, emit: the IR → the files of an Altinn Studio app (v8 layout), in memory. Pure and
//! deterministic: the same service gives the same bytes; writing to disk is the CLI's job.
//! Nothing here reads input XML.

pub mod datamodel;
pub mod layout;
pub mod metadata;
pub mod names;
pub mod naming;
pub mod policy;
pub mod prefill;
pub mod process;
pub mod repo;
pub mod resource;
pub mod studio;
pub mod texts;
pub mod xml;

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::model::DataModel;
use crate::ir::{Lang, Service, ServiceType};
use std::collections::BTreeMap;
use texts::Texts;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only `App/config`, `App/ui`, `App/models`, `App/options`.
    pub content_only: bool,
    /// The service owner's role → access package choices.
    pub access_map: Option<crate::access::AccessMap>,
    /// `(org, app)` of the repository the app goes into (its own applicationmetadata.json),
    /// which win over the names derived from the package.
    pub identity: Option<(String, String)>,
}

/// An emitted app: relative path → bytes.
pub struct App {
    pub org: String,
    pub app: String,
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every component made from a control of a view, with that control: what the review
    /// report and the accounting of controls read.
    pub components: Vec<ComponentOrigin>,
}

/// A component of a layout and the view control it was made from.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentOrigin {
    /// The layout (page) name.
    pub layout: String,
    pub component: String,
    /// The control's id in the view (`CTRL20`).
    pub control: String,
    /// The other view controls it stands for (its label's expression box, the other option
    /// buttons of its group...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    pub origin: crate::ir::Origin,
}

/// Pretty JSON with a final newline: the one JSON style of every emitted file.
pub fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// What every part of the emitter shares.
pub struct Context<'s> {
    pub service: &'s Service,
    pub org: String,
    pub app: String,
    pub model: &'s DataModel,
    /// The form data type id (also the C# class and model file name).
    pub data_type: String,
    pub layout_set: &'static str,
    pub texts: Texts,
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    /// File-upload data types the layouts made (attachment types, file attachment controls).
    pub uploads: Vec<layout::UploadType>,
    /// Extra data types for `applicationmetadata.json` (signatures, payment).
    pub data_types: Vec<serde_json::Value>,
    /// The process tasks, once the process is emitted.
    pub tasks: Vec<process::Task>,
    pub access_map: Option<&'s crate::access::AccessMap>,
    /// C# statements `Program.cs` runs in `RegisterCustomAppServices`.
    pub registrations: Vec<String>,
    /// A component uses Altinn's common code lists (the Altinn.Codelists package).
    pub codelists: bool,
    /// The components made from view controls, once the layouts are emitted.
    pub components: Vec<ComponentOrigin>,
}

impl Context<'_> {
    pub fn file(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), bytes);
    }

    pub fn json(&mut self, path: impl Into<String>, value: &serde_json::Value) {
        self.file(path, json_bytes(value));
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn main_lang(&self) -> Lang {
        self.texts.main
    }
}

/// The model's name: SERES `modellnavn`, else the root element, as a C# identifier.
pub fn model_name(model: &DataModel) -> String {
    let raw = model
        .header
        .get("modellnavn")
        .cloned()
        .unwrap_or_else(|| model.root.name.clone());
    names::csharp_identifier(&raw)
}

/// Emits the app; `Err` with the reasons when the service gives no app.
pub fn emit(service: &Service, options: &Options) -> Result<App, Vec<Diagnostic>> {
    let derived = (
        naming::org(&service.identity),
        naming::app(&service.identity),
    );
    let mut renamed = None;
    let (org, app) = match &options.identity {
        Some(own) if *own != derived => {
            renamed = Some(
                Diagnostic::new(
                    Code::RepositoryIdentityKept,
                    format!(
                        "the repository is `{}/{}`; the package would have made `{}/{}`. The repository's names are used",
                        own.0, own.1, derived.0, derived.1
                    ),
                )
                .in_file("App/config/applicationmetadata.json"),
            );
            own.clone()
        }
        Some(own) => own.clone(),
        None => derived,
    };
    let kind = &service.identity.service_type;
    if !matches!(
        kind,
        ServiceType::FormTask | ServiceType::Lookup | ServiceType::Other(_)
    ) {
        return Ok(resource::emit(
            service,
            org,
            app,
            options.access_map.as_ref(),
        ));
    }
    let Some(model) = service.form.as_ref().and_then(|f| f.model.as_ref()) else {
        let reason = if service.form.is_none() {
            "the service has no form, so no app was written"
        } else {
            "the form has no readable data model, so no app was written"
        };
        return Err(vec![
            Diagnostic::new(Code::FormTemplateMissing, reason).in_file("manifest.xml"),
        ]);
    };
    let langs = if service.languages.is_empty() {
        vec![Lang::Nb]
    } else {
        service.languages.clone()
    };
    let main = service
        .edition
        .main_language
        .filter(|l| langs.contains(l))
        .unwrap_or(langs[0]);
    let mut cx = Context {
        service,
        org: org.clone(),
        app: app.clone(),
        model,
        data_type: model_name(model),
        layout_set: "form",
        texts: Texts::new(langs, main),
        files: BTreeMap::new(),
        diagnostics: Vec::new(),
        uploads: Vec::new(),
        data_types: Vec::new(),
        tasks: Vec::new(),
        access_map: options.access_map.as_ref(),
        registrations: Vec::new(),
        codelists: false,
        components: Vec::new(),
    };
    datamodel::emit(&mut cx);
    process::emit(&mut cx);
    layout::emit(&mut cx);
    prefill::emit(&mut cx);
    policy::emit(&mut cx);
    metadata::emit(&mut cx);
    if !options.content_only {
        repo::emit(&mut cx);
    }
    let mut diagnostics = std::mem::take(&mut cx.diagnostics);
    diagnostics.extend(renamed);
    for (path, bytes) in cx.texts.files(&mut diagnostics) {
        cx.files.insert(path, bytes);
    }
    let files = if options.content_only {
        let keep = ["App/config/", "App/ui/", "App/models/", "App/options/"];
        cx.files
            .into_iter()
            .filter(|(p, _)| keep.iter().any(|k| p.starts_with(k)))
            .collect()
    } else {
        cx.files
    };
    Ok(App {
        org,
        app,
        files,
        diagnostics,
        components: cx.components,
    })
}
