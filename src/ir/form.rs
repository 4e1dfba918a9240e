//! The InfoPath side of a form: controls on pages, and the logic in `manifest.xsf`
//! (validations, calculations, rules, data connections). Texts are per language; structure
//! comes from the main language's template.

use super::expr::XPath;
use super::{Lang, Origin};
use serde::Serialize;
use std::collections::BTreeMap;

pub type LangText = BTreeMap<Lang, String>;

/// One control on a page, in document order. Containers (sections, repeating groups) hold
/// their controls in `children`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Control {
    /// `xd:CtrlId`, or `text-N` / `ctrl-N` for elements without one.
    pub id: String,
    pub kind: ControlKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binding: Option<Binding>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub label: LangText,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub description: LangText,
    /// The help button's control id (`HelpText_...`): its text is a `HelpText` translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// `xd:datafmt` kind: `number`, `date`, `currency`, `percentage`, `plainMultiline`...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// A data connection that supplies the options (a code list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options_source: Option<String>,
    /// Check box values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_value: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ViewCondition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Control>,
    pub origin: Origin,
    /// The date pattern the view declares (`xd:datafmt` `dateFormat:dd.MM.yyyy`), as
    /// written; absent for InfoPath's named formats (Short Date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// The control's ScreenTip (`title` in the view): the reader's check on the label it
    /// attaches, and the title when the layout gives none.
    #[serde(skip)]
    pub screen_tip: Option<String>,
    /// Other controls of the view this one stands for: the expression box that is its label,
    /// the other option buttons of its group, the table around its rows. Every view control
    /// is a control of its own or is listed here (or a finding names it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stands_for: Vec<String>,
    /// The view marks the field required (a `*` beside it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub marked_required: bool,
}

impl Control {
    pub fn new(id: impl Into<String>, kind: ControlKind, origin: Origin) -> Control {
        Control {
            id: id.into(),
            kind,
            binding: None,
            label: LangText::new(),
            description: LangText::new(),
            help: None,
            read_only: false,
            format: None,
            options: Vec::new(),
            options_source: None,
            on_value: None,
            off_value: None,
            conditions: Vec::new(),
            children: Vec::new(),
            origin,
            date_format: None,
            screen_tip: None,
            stands_for: Vec::new(),
            marked_required: false,
        }
    }

    /// This control and all below it, depth first.
    pub fn walk(&self) -> Vec<&Control> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum ControlKind {
    TextBox {
        multiline: bool,
    },
    DatePicker,
    Dropdown,
    ListBox,
    ComboBox,
    OptionButtons,
    CheckBox,
    MultiSelectList,
    RichText,
    /// An expression box that computes a value (`sum(...)`, a field reference...).
    Expression {
        expression: XPath,
    },
    /// Static text: a literal expression box or free text (heading, paragraph, lead text).
    Text,
    Hyperlink {
        href: String,
    },
    Image {
        src: String,
    },
    FileAttachment,
    Button {
        caption: String,
    },
    /// A help button that no control or text claimed.
    HelpButton,
    Section,
    OptionalSection,
    RepeatingSection,
    RepeatingTable,
}

impl ControlKind {
    pub fn is_container(&self) -> bool {
        matches!(
            self,
            ControlKind::Section
                | ControlKind::OptionalSection
                | ControlKind::RepeatingSection
                | ControlKind::RepeatingTable
        )
    }

    pub fn name(&self) -> &'static str {
        match self {
            ControlKind::TextBox { multiline: false } => "text box",
            ControlKind::TextBox { multiline: true } => "multi-line text box",
            ControlKind::DatePicker => "date picker",
            ControlKind::Dropdown => "drop-down",
            ControlKind::ListBox => "list box",
            ControlKind::ComboBox => "combo box",
            ControlKind::OptionButtons => "option buttons",
            ControlKind::CheckBox => "check box",
            ControlKind::MultiSelectList => "multi-select list",
            ControlKind::RichText => "rich text",
            ControlKind::Expression { .. } => "computed expression box",
            ControlKind::Text => "text",
            ControlKind::Hyperlink { .. } => "hyperlink",
            ControlKind::Image { .. } => "image",
            ControlKind::FileAttachment => "file attachment",
            ControlKind::Button { .. } => "button",
            ControlKind::HelpButton => "help button",
            ControlKind::Section => "section",
            ControlKind::OptionalSection => "optional section",
            ControlKind::RepeatingSection => "repeating section",
            ControlKind::RepeatingTable => "repeating table",
        }
    }
}

/// A control's data-model path, absolute, prefixes resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Binding {
    pub path: String,
    /// InfoPath helper fields outside the data model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helper: Option<Helper>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Helper {
    /// InfoPath `my:` fields of the form, not in the SERES/OR model.
    My,
    /// Altinn helper fields (`www.altinn.no/infopath-extensions`), never shipped.
    Altinn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceOption {
    pub value: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub label: LangText,
}

/// Conditional display or editing from the view (`xsl:if`, conditional formatting).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewCondition {
    pub effect: ConditionEffect,
    pub when: XPath,
    /// The data-model path the condition's relative paths start from.
    pub context: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConditionEffect {
    /// Shown only when the condition holds (`xsl:if`, `xsl:when`).
    ShowWhen,
    /// Hidden when the condition holds (`DISPLAY: none` formatting).
    HideWhen,
    /// Read-only when the condition holds.
    ReadOnlyWhen,
    /// Field-level authorization (`GetFieldAuthorization`): per role, hidden or read-only.
    FieldAuthorization,
}

/// What `manifest.xsf` says beyond the views.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormLogic {
    pub data_connections: Vec<DataConnection>,
    pub validations: Vec<Validation>,
    pub calculations: Vec<Calculation>,
    pub rule_sets: Vec<RuleSet>,
    /// The code-behind assembly (`xsf2:managedCode/@rootAssembly`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_code: Option<String>,
    /// Schema members manifest.xsf names (document schemas, data-object schemas): used by the
    /// template even where the app has no counterpart.
    #[serde(skip)]
    pub schemas: Vec<String>,
    /// Members manifest.xsf names for InfoPath's own use.
    #[serde(skip)]
    pub designer_files: Vec<DesignerFile>,
}

/// A template member InfoPath uses for itself, and what for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignerFile {
    pub member: String,
    pub purpose: DesignerPurpose,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesignerPurpose {
    /// `xsf:documentVersionUpgrade/xsf:useTransform`: upgrades forms saved with an older
    /// version of the template.
    VersionUpgrade,
    /// `xsf:file` with `fileType` = `sampleData`: the data InfoPath Designer shows.
    SampleData,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataConnection {
    pub name: String,
    pub source: ConnectionSource,
    /// The template member holding the query input, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Template members that belong to the connection: its schemas (the data object's own and
    /// those manifest.xsf files under it) and the data an adapter reads from the template
    /// (`x-soln:///choices.xml`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum ConnectionSource {
    /// The Altinn II code-list service (`GetCodeList`, `GetFilteredCodeList`).
    CodeList {
        list: String,
        version: String,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        filters: BTreeMap<String, String>,
    },
    /// `GetFieldAuthorization`: field-level rights.
    FieldAuthorization,
    /// Another web service (a lookup-service mapper...).
    WebService {
        url: String,
        operation: String,
    },
    /// An XML file inside the template.
    XmlFile {
        file: String,
    },
    Other {
        adapter: String,
    },
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// The field it checks (`match`), absolute.
    pub field: String,
    pub condition: XPath,
    pub message: LangText,
    pub short_message: LangText,
    /// `_MYK_` prefix: a soft validation (warning), not an error.
    pub soft: bool,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Calculation {
    pub target: String,
    pub expression: XPath,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSet {
    pub name: String,
    /// Fields whose change runs the rule set (`xsf:domEventHandler`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub caption: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<XPath>,
    pub enabled: bool,
    pub actions: Vec<RuleAction>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleAction {
    /// `assignment`, `query`, `submit`, `dialog`, `switchView`, `openNewDocument`...
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<XPath>,
}
