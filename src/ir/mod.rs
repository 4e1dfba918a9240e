//! The intermediate representation: the typed service model every stage after `read` sees.
//!
//! It says what the Altinn II service *is*, not how the package spelled it, and nothing about
//! Altinn 3. Every item that later stages may report on carries its [`Origin`]. Maps are
//! `BTreeMap` so serialisation (and so `inspect` and snapshots) is deterministic.

use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::num::NonZeroU32;

/// Where an item came from: package file and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: String,
    /// 1-based, never zero: the reader's position; `None` for what the converter made up
    /// (the data task of a service without a workflow, the pages of a bare form).
    pub line: Option<NonZeroU32>,
}

impl Serialize for Origin {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.line {
            Some(line) => s.serialize_str(&format!("{}:{line}", self.file)),
            None => s.serialize_str(&self.file),
        }
    }
}

/// The four Altinn languages, by their Altinn II LCID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nb,
    Nn,
    En,
    Se,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Nb, Lang::Nn, Lang::En, Lang::Se];

    pub fn from_lcid(lcid: &str) -> Option<Lang> {
        match lcid.trim() {
            "1044" => Some(Lang::Nb),
            "2068" => Some(Lang::Nn),
            "1033" => Some(Lang::En),
            "1083" => Some(Lang::Se),
            _ => None,
        }
    }

    pub fn lcid(self) -> u16 {
        match self {
            Lang::Nb => 1044,
            Lang::Nn => 2068,
            Lang::En => 1033,
            Lang::Se => 1083,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
            Lang::Se => "se",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub identity: Identity,
    pub edition: Edition,
    /// Languages with a translation file, in manifest order (the first is the merge base).
    pub languages: Vec<Lang>,
    pub texts: Vec<Text>,
    pub form: Option<Form>,
    pub attachment_types: Vec<AttachmentType>,
    pub authorization: Option<Authorization>,
    pub workflow: Option<Workflow>,
    /// `PackageInfo` properties (CreatedBy, CreatedDateTime...).
    pub package_info: BTreeMap<String, String>,
    /// Where the edition switches on one of TUL's service features. Not serialised: the
    /// parameters are in `edition.parameters` already, and the rest is where it was read.
    #[serde(skip)]
    pub features: Vec<FeatureUse>,
}

/// A service feature of Altinn II beyond the form, in TUL's own terms. The reader
/// recognises them; whether Altinn 3 has a counterpart is for `analyse` to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionFeature {
    MasterService,
    Encryption,
    ReceiptEmail,
    SplitData,
    CustomUrl,
    PreInstantiationControl,
    GeographicAccess,
    IntegrityCheck,
    EndUserSystemRules,
    EnterpriseUsersBlocked,
    Consent,
    Notifications,
    FormSet,
}

impl EditionFeature {
    /// The feature an edition parameter (its name lower-cased) switches on.
    pub fn of_parameter(name: &str) -> Option<EditionFeature> {
        use EditionFeature::*;
        Some(match name {
            "masterserviceedition" | "masterservice" => MasterService,
            "encryptbinaryattachments" | "encrypteddatacanbeunlocked" | "encryptedfields" => {
                Encryption
            }
            "receiptemailenabled" | "receiptemail" => ReceiptEmail,
            "splitdata" | "datasplit" | "splittavdata" => SplitData,
            "custominstantiationurl"
            | "customfillinurl"
            | "customsigningurl"
            | "customprinturl"
            | "customhelpurl" => CustomUrl,
            "preinstantiationcontrol" | "startupcontrol" => PreInstantiationControl,
            "geographicaccess" => GeographicAccess,
            "integritycheck" => IntegrityCheck,
            "onlyxsdvalidationforsbs" | "overridablefields" | "allowsbs" => EndUserSystemRules,
            "enterpriseusersblocked" => EnterpriseUsersBlocked,
            "allowconsent" | "onetimeconsent" | "consenttemplate" | "consenttext" => Consent,
            "notificationtemplate" => Notifications,
            _ => return None,
        })
    }
}

/// One place an edition uses a feature: how, and where the reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureUse {
    pub feature: EditionFeature,
    pub setting: Setting,
    pub at: crate::diagnostics::Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// An edition parameter, as written.
    Parameter { name: String, value: String },
    /// A data area of its own (`Notification…`).
    DataArea,
    /// A file the manifest names (`SubFormSet`).
    File { name: String },
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub owner_code: Option<String>,
    pub service_code: Option<String>,
    pub edition_code: Option<String>,
    pub name: Option<String>,
    pub service_type: ServiceType,
    /// ISO date (`LastUpdated`, dd.MM.yyyy in the package).
    pub last_updated: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub enum ServiceType {
    /// Innsendingstjeneste (reporting): the converter's main job.
    #[default]
    FormTask,
    Lookup,
    Correspondence,
    Broker,
    Link,
    Collaboration,
    Other(String),
}

impl ServiceType {
    pub fn parse(s: &str) -> ServiceType {
        match s.trim().to_ascii_lowercase().as_str() {
            "formtask" | "reporting" | "innsending" => ServiceType::FormTask,
            "lookup" | "innsyn" => ServiceType::Lookup,
            "correspondence" | "melding" => ServiceType::Correspondence,
            "broker" | "formidling" => ServiceType::Broker,
            "link" | "lenke" => ServiceType::Link,
            "collaboration" | "samhandling" => ServiceType::Collaboration,
            _ => ServiceType::Other(s.trim().to_string()),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edition {
    pub main_language: Option<Lang>,
    /// ISO dates.
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// Altinn II security level 0..=4.
    pub security_level: Option<u8>,
    pub allowed_party_types: Vec<PartyType>,
    pub allow_attachments: Option<bool>,
    /// Every other edition parameter, verbatim by name. Reported as unknown by the reader.
    pub parameters: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PartyType {
    Person,
    Organisation,
    SubUnit,
    BankruptcyEstate,
}

impl PartyType {
    pub fn parse(s: &str) -> Option<PartyType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "privatperson" => Some(PartyType::Person),
            "organisation" | "organization" | "juridiskenhet" => Some(PartyType::Organisation),
            "subunit" | "bedrift" => Some(PartyType::SubUnit),
            "bankruptcyestate" | "konkursbo" => Some(PartyType::BankruptcyEstate),
            _ => None,
        }
    }
}

/// One translated text of the service (not the texts inside the form template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    pub lang: Lang,
    /// The data area it belongs to: Service, ServiceEdition, Form...
    pub area: String,
    pub text_type: String,
    pub text_code: String,
    pub value: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Form {
    /// One InfoPath template per language.
    pub templates: Vec<FormTemplate>,
    /// In `Sequence` order.
    pub pages: Vec<Page>,
    pub prefill: Option<Prefill>,
    pub tracks: Vec<Track>,
    /// The data model, read from the main language's template.
    pub model: Option<model::DataModel>,
    /// Validations, calculations, rules and data connections from `manifest.xsf`.
    pub logic: form::FormLogic,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormTemplate {
    pub lang: Lang,
    pub file: String,
    /// `mszip`, `lzx`, `none`, `mixed`, or `unpacked` for a directory of members.
    pub storage: String,
    pub members: Vec<XsnMember>,
}

impl FormTemplate {
    /// A member by name, ignoring case (InfoPath names are case-insensitive).
    pub fn member(&self, name: &str) -> Option<&XsnMember> {
        self.members
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name))
    }
}

/// A file inside an `.xsn` cabinet. The bytes are kept for the InfoPath stage.
#[derive(Debug, Clone, Serialize)]
pub struct XsnMember {
    pub name: String,
    pub size: usize,
    #[serde(skip)]
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub name: String,
    /// Text code of the caption (`Caption/@textCode`).
    pub caption: Option<String>,
    /// The view XSL inside the XSN.
    pub transform: Option<String>,
    pub sequence: i64,
    pub page_type: PageType,
    /// Page properties this reader does not know, verbatim.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
    pub origin: Origin,
    /// The controls of the page's view, in document order.
    pub controls: Vec<form::Control>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PageType {
    /// A normal fill-in page (TUL "Web").
    Form,
    Receipt,
    Print,
    Signing,
    Payment,
    /// Encrypted end-to-end (TUL "Sensitive opplysninger", SPO).
    Sensitive,
    Hidden,
    Other(String),
}

impl PageType {
    pub fn name(&self) -> String {
        match self {
            PageType::Other(other) => format!("`{other}`"),
            known => format!("{known:?}").to_lowercase(),
        }
    }

    pub fn parse(s: &str) -> PageType {
        let folded: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        match folded.as_str() {
            "" | "form" | "web" | "formpage" => PageType::Form,
            "receipt" | "kvittering" | "kvitteringssammendrag" | "receiptsummary" => {
                PageType::Receipt
            }
            "print" | "utskrift" => PageType::Print,
            "signing" | "signering" | "signeringssammendrag" | "signingsummary" => {
                PageType::Signing
            }
            "payment" | "betaling" | "betalingssammendrag" | "paymentsummary" => PageType::Payment,
            "sensitive" | "spo" | "sensitiveopplysninger" | "sensitiveopplysningerspo" => {
                PageType::Sensitive
            }
            "hidden" | "skjult" => PageType::Hidden,
            _ => PageType::Other(s.to_string()),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prefill {
    /// The FormFieldPrefill file.
    pub file: String,
    pub fields: Vec<PrefillField>,
    pub predefined_definitions: Vec<String>,
    /// TUL "allow key/value prefill".
    pub key_value_prefill: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrefillField {
    /// ER, DSF or DLS.
    pub register: String,
    pub xpath: String,
    /// `xpath` as an absolute data-model path, prefixes dropped.
    pub path: String,
    pub page: Option<String>,
    pub context_type: Option<String>,
    pub register_field: String,
    pub origin: Origin,
}

/// Sporvalg: for a value of a field on a page, which pages to show.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Track {
    pub page: String,
    pub field: String,
    pub choices: Vec<TrackChoice>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrackChoice {
    pub value: String,
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentType {
    pub name: String,
    pub texts: BTreeMap<Lang, String>,
    pub min_count: Option<u32>,
    pub max_count: Option<u32>,
    pub max_size_mb: Option<u32>,
    /// Lower-case extensions without dots; `None` means any file type.
    pub allowed_extensions: Option<Vec<String>>,
    pub generate_checksum: Option<bool>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Authorization {
    pub file: String,
    pub policy_id: Option<String>,
    pub rules: Vec<AuthRule>,
}

/// One XACML 2.0 rule: these subjects may do these actions.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthRule {
    pub id: Option<String>,
    pub effect: Effect,
    /// Alternatives: a user matching any one subject is granted the actions.
    pub subjects: Vec<Subject>,
    pub actions: Vec<Action>,
    /// Resource matches (attribute id, value), kept for reference.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<(String, String)>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Effect {
    Permit,
    Deny,
}

/// One XACML `Subject`: all of its matches must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    pub role_codes: Vec<String>,
    pub authentication_level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegatable: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Action {
    Read,
    Write,
    Sign,
    ArchiveRead,
    ArchiveDelete,
    ServiceOwnerArchiveRead,
    Delegate,
    Other(String),
}

impl Action {
    pub fn parse(s: &str) -> Action {
        match s.trim().to_ascii_lowercase().as_str() {
            "read" => Action::Read,
            "write" => Action::Write,
            "sign" => Action::Sign,
            "archiveread" => Action::ArchiveRead,
            "archivedelete" => Action::ArchiveDelete,
            "serviceownerarchiveread" => Action::ServiceOwnerArchiveRead,
            "delegate" => Action::Delegate,
            _ => Action::Other(s.trim().to_string()),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workflow {
    pub file: String,
    pub id: Option<String>,
    pub names: BTreeMap<Lang, String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub activity_id: String,
    pub activity_type: ActivityType,
    pub authentication_level: Option<u8>,
    /// Role codes required for the step's action (e.g. signing).
    pub authorization_requirements: Vec<String>,
    pub properties: Vec<StepProperty>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ActivityType {
    FormFilling,
    Signing,
    Payment,
    SendIn,
    Other(String),
}

impl ActivityType {
    pub fn parse(s: &str) -> ActivityType {
        match s.trim().to_ascii_lowercase().as_str() {
            "formfilling" => ActivityType::FormFilling,
            "signing" => ActivityType::Signing,
            "payment" => ActivityType::Payment,
            "sendin" => ActivityType::SendIn,
            _ => ActivityType::Other(s.trim().to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepProperty {
    pub name: String,
    pub property_type: Option<String>,
    pub value: String,
}

pub mod expr;
pub mod form;
pub mod model;

/// Where a finding about a model item points: its file and, when the item was read, its line.
impl From<&Origin> for crate::diagnostics::Location {
    fn from(origin: &Origin) -> crate::diagnostics::Location {
        crate::diagnostics::Location {
            file: origin.file.clone(),
            line: origin.line,
            column: None,
            span: None,
        }
    }
}
