//! Every diagnostic code, once: its number (next free in its family), kebab-case name,
//! severity, outcome, status, summary and help. The long text is `docs/diagnostics/<code>.md`.

use super::*;

registry! {
    // ----- TUL0xxx package: container, XML, text, cabinets -------------------------------
    InputUnreadable = "TUL0001", "input-unreadable", Error, Stopped,
        summary: "The input path does not exist or cannot be read.",
        help: "Check the path; a package is a .zip file or a directory holding manifest.xml.";

    NotAPackage = "TUL0002", "not-a-package", Error, Stopped,
        summary: "The input is neither a zip archive nor a directory with manifest.xml.",
        help: "Pass the exported TUL package (.zip) or the directory it was unpacked into.";

    ManifestMissing = "TUL0003", "manifest-missing", Error, Stopped,
        summary: "The package has no manifest.xml at its root.",
        help: "Make sure the archive was exported by TUL and not re-packed inside an extra folder.";

    ArchiveCorrupt = "TUL0004", "archive-corrupt", Error, Stopped,
        summary: "The zip archive or one of its entries is truncated or corrupt.",
        help: "Export the package again, or repair the archive; entries that could be read are still used.";

    UnsafeEntryName = "TUL0005", "unsafe-entry-name", Error, Stopped,
        summary: "An archive entry has an absolute path or climbs out with `..`.",
        help: "The entry was skipped. Inspect the archive: a TUL export never holds such names.";

    SizeLimitExceeded = "TUL0006", "size-limit-exceeded", Error, Stopped,
        summary: "The package inflates past the size limit.",
        help: "Raise the limit with --max-package-size if the package is genuine.";

    MissingFile = "TUL0007", "missing-file", Error, Stopped,
        summary: "A file named by the manifest is not in the package.",
        help: "Re-export the package; the manifest and the archive disagree.";

    UnreferencedFile = "TUL0008", "unreferenced-file", Warning, ByHand,
        summary: "A file in the package is not named by the manifest and was not used.",
        help: "Check whether the file matters; if it does, port its content by hand.";

    DuplicateEntry = "TUL0009", "duplicate-entry", Warning, Warned,
        summary: "Two entries have the same name when case is ignored.",
        help: "Only the first was used; remove the other from the package.";

    SymlinkSkipped = "TUL0010", "symlink-skipped", Warning, ByHand,
        summary: "A symbolic link in the package directory was not followed.",
        help: "Replace the link by the file itself if it is part of the package.";

    OutputNotWritten = "TUL0011", "output-not-written", Error, Stopped,
        summary: "The app could not be written to the output directory.",
        help: "Choose another directory with -o, or pass --force to replace a directory of your own.";

    AccessDataInvalid = "TUL0015", "access-data-invalid", Error, Stopped,
        summary: "The --access-data file cannot be used.",
        help: "Give the file the access-management metadata API exports (see data/access/README.md).";

    AccessDataOlder = "TUL0016", "access-data-older", Warning, Warned,
        summary: "The --access-data list is older than the built-in one.",
        help: "Export the list again from the access-management API, or leave out --access-data.";

    SpecialFileSkipped = "TUL0017", "special-file-skipped", Warning, ByHand,
        summary: "A package directory holds a special file (FIFO, device, socket); it was not read.",
        help: "Remove it from the package; only regular files belong in a TUL export.";

    XmlTooManyAttributes = "TUL0018", "xml-too-many-attributes", Error, Stopped,
        summary: "An XML element has more attributes than the reader accepts.",
        help: "Check the file: no real TUL or InfoPath element has more than a few dozen attributes.";

    LeftoverReclaimed = "TUL0019", "leftover-reclaimed", Info, Converted,
        summary: "A run that was killed had left a staging directory or temporary file; it was cleaned up.",
        help: "Nothing to do; the message says what was removed or restored.";

    RepositoryIdentityKept = "TUL0020", "repository-identity-kept", Info, Converted,
        summary: "The app repository's own org and app name were used instead of the package's.",
        help: "Nothing to do: the app keeps the name it was created with in Studio.";

    OverlayKept = "TUL0021", "overlay-kept", Warning, ByHand,
        summary: "A file in the app repository was kept instead of being replaced or removed.",
        help: "Merge the converted content by hand, or run again with --force to replace it.";

    AccessMapInvalid = "TUL0012", "access-map-invalid", Error, Stopped,
        summary: "The --access-map file cannot be used.",
        help: "Fix the file at the position shown; its format is documented in the README.";

    OutputCollision = "TUL0013", "output-collision", Error, Stopped,
        summary: "Two packages of a batch would be written to the same app directory.",
        help: "Convert the later package on its own with -o, or rename one of the services.";

    InternalError = "TUL0014", "internal-error", Error, Stopped,
        summary: "The converter failed on this package.",
        help: "Report it with the package; the other packages of the batch were not affected.";

    MalformedXml = "TUL0101", "malformed-xml", Error, Stopped,
        summary: "A file is not well-formed XML.",
        help: "Fix the XML at the position shown; the rest of the package is still read.";

    DtdRefused = "TUL0102", "dtd-refused", Error, Stopped,
        summary: "A file declares a DTD or entities, which are refused.",
        help: "Remove the DOCTYPE declaration; TUL files never need one.";

    TextDecoding = "TUL0103", "text-decoding", Warning, Warned,
        summary: "A file's text could not be decoded cleanly.",
        help: "Save the file as UTF-8, or declare its real encoding in the XML declaration.";

    UnknownElement = "TUL0104", "unknown-element", Warning, ByHand,
        summary: "An element was not recognised and was not converted.",
        help: "Port what it says by hand, or report the element so the reader can learn it.";

    UnexpectedRoot = "TUL0105", "unexpected-root", Error, Stopped,
        summary: "A file has a different root element than its file type requires.",
        help: "Check that the manifest names the right file for this file type.";

    MissingAttribute = "TUL0106", "missing-attribute", Warning, Warned,
        summary: "An element lacks an attribute it needs.",
        help: "Add the attribute; the element was skipped.";

    InvalidValue = "TUL0107", "invalid-value", Warning, Warned,
        summary: "A value has the wrong form (a number, date or flag that does not parse).",
        help: "Correct the value; it was ignored.";

    XmlTooDeep = "TUL0108", "xml-too-deep", Error, Stopped,
        summary: "An XML file nests elements deeper than the reader allows.",
        help: "Check the file; real TUL and InfoPath files nest a few dozen levels.";

    CabinetCorrupt = "TUL0201", "cabinet-corrupt", Error, Stopped,
        summary: "An InfoPath form template (.xsn) is not a readable cabinet.",
        help: "Open the template in InfoPath Designer and save it again, or re-export the package.";

    CabinetTooLarge = "TUL0204", "cabinet-too-large", Error, Stopped,
        summary: "A form template cabinet declares more folders or files than the reader accepts.",
        help: "Check the .xsn: InfoPath writes one folder and a few dozen files.";

    CabinetCompression = "TUL0202", "cabinet-compression", Error, Stopped,
        summary: "A cabinet uses a compression method that is not supported (Quantum).",
        help: "Re-save the template with InfoPath, which writes MSZIP or LZX.";

    CabinetMemberName = "TUL0203", "cabinet-member-name", Warning, Warned,
        summary: "A cabinet member name was not valid UTF-8 and was decoded lossily.",
        help: "Rename the member to ASCII in InfoPath Designer.";

    // ----- TUL1xxx form ---------------------------------------------------------------
    FormTemplateMissing = "TUL1001", "form-template-missing", Error, Stopped,
        summary: "The Form data area names no form template (.xsn).",
        help: "Add a FormTemplate file per language to the manifest's Form data area.";

    LanguageWithoutTemplate = "TUL1002", "language-without-template", Warning, Warned,
        summary: "A translated language has no form template of its own.",
        help: "Texts of this language will fall back to the main language's form.";

    DuplicatePage = "TUL1003", "duplicate-page", Error, Stopped,
        summary: "Two pages in FormPageMetadata have the same name.",
        help: "Rename one of the pages; only the first is used.";

    UnknownPageType = "TUL1004", "unknown-page-type", Warning, ByHand,
        summary: "A page has a PageType that is not known.",
        help: "The page is treated as a form page; check whether it should be.";

    PageViewMissing = "TUL1005", "page-view-missing", Error, Stopped,
        summary: "A page's view (Transform) is not in the form template.",
        help: "Check the Transform property against the view files inside the .xsn.";

    UnknownRegister = "TUL1006", "unknown-register", Warning, ByHand,
        summary: "A prefill register is not ER, DSF or DLS.",
        help: "Map these fields by hand in the app's prefill file or in code.";

    UnknownPageReference = "TUL1007", "unknown-page-reference", Warning, ByHand,
        summary: "A prefill field or form track names a page that does not exist.",
        help: "Correct the page name; the reference could not be resolved.";

    UnknownControl = "TUL1101", "unknown-control", Warning, ByHand,
        summary: "A control in a view is not known, or its markup is not understood.",
        help: "Rebuild the control by hand in Altinn Studio's layout editor.";

    BindingUnresolved = "TUL1102", "binding-unresolved", Warning, ByHand,
        summary: "A control is bound to a field that is not in the data model.",
        help: "Correct the binding in the layout, or add the field to the data model.";

    ControlWithoutBinding = "TUL1103", "control-without-binding", Warning, Warned,
        summary: "An input control has no data binding.",
        help: "Bind the component to a data-model field in Altinn Studio.";

    TemplateMissing = "TUL1104", "template-missing", Warning, ByHand,
        summary: "A section in a view has no template that renders it.",
        help: "Rebuild the section by hand; its controls were not read.";

    LanguageStructureDiffers = "TUL1105", "language-structure-differs", Warning, Warned,
        summary: "A translated form template does not have the same controls as the main one.",
        help: "Check the listed controls in each language; their texts may be missing.";

    PageNotConverted = "TUL1201", "page-not-converted", Info, ByHand,
        summary: "A page is not a form page and does not become a layout.",
        help: "Receipt, print, signing and payment pages map to Altinn 3 features; check the result.";

    HelperField = "TUL1202", "helper-field", Warning, ByHand,
        summary: "A control is bound to an InfoPath helper field that is not in the data model.",
        help: "Add the field to the data model (as a shadow field), or compute it in code.";

    HelpTextMissing = "TUL1203", "help-text-missing", Warning, Warned,
        summary: "A help button has no help text in the translations.",
        help: "Write the help text in Altinn Studio's text editor.";

    ControlNotConverted = "TUL1204", "control-not-converted", Warning, ByHand,
        summary: "A control could not become a component.",
        help: "Rebuild the component by hand in the layout editor.";

    RichTextFlattened = "TUL1205", "rich-text-flattened", Warning, Warned,
        summary: "A rich-text box becomes a plain text area.",
        help: "Check the field: Altinn 3 text areas store plain text (markdown is shown, not edited).";

    ComboBoxFreeText = "TUL1206", "combo-box-free-text", Warning, Warned,
        summary: "A combo box becomes a drop-down; free-text entry is lost.",
        help: "If users must type their own value, add an Input beside the Dropdown.";

    RequiredNotReachable = "TUL1222", "required-not-reachable", Warning, ByHand,
        summary: "A field the schema requires is read-only and nothing fills it; it is not marked required.",
        help: "Fill it (a prefill, a data processor) or let the user edit it; the stored data lacks it otherwise.";

    ValueListNotEditable = "TUL1221", "value-list-not-editable", Warning, ByHand,
        summary: "A multi-select list stores a list of values, which no Altinn 3 component edits; it was left out.",
        help: "Make the field one text of comma-separated values (and adapt what reads the data), or a repeating group of one field.";

    MultiSelectModel = "TUL1207", "multi-select-model", Warning, Warned,
        retired: "0.1.0", "a multi-select list always binds a list of values, which is TUL1221",
        summary: "A multi-select list needs a data-model change.",
        help: "Change the field to one string (comma-separated values) or use Checkboxes bound to a list.";

    ComputedExpression = "TUL1208", "computed-expression", Warning, ByHand,
        summary: "An expression box computes a value that Altinn 3 layouts cannot compute.",
        help: "Compute the value in a data processor (IDataProcessor) and bind a read-only component to it.";

    ImageNotConverted = "TUL1209", "image-not-converted", Warning, ByHand,
        summary: "An image could not be carried over.",
        help: "Add the image to App/wwwroot and an Image component by hand.";

    FileAttachmentField = "TUL1210", "file-attachment-field", Warning, Warned,
        summary: "A file attachment control kept the file inside the form data.",
        help: "Remove the base64 field from the data model; the file is now its own data element.";

    ButtonNotConverted = "TUL1211", "button-not-converted", Warning, ByHand,
        summary: "A button runs rules or code and was not converted.",
        help: "Rebuild it as a CustomButton calling a backend action, or drop it.";

    FieldAuthorization = "TUL1212", "field-authorization", Warning, Warned,
        summary: "A control is governed by field-level authorization.",
        help: "Decide per role in code (a hidden expression with authContext, or separate tasks).";

    ConditionNotConverted = "TUL1213", "condition-not-converted", Warning, ByHand,
        summary: "A show/hide or read-only condition has no Altinn 3 expression.",
        help: "Write the `hidden` or `readOnly` expression by hand.";

    CodeListNotInPackage = "TUL1214", "code-list-not-in-package", Warning, Warned,
        summary: "A drop-down takes its options from an Altinn II code list that is not in the package.",
        help: "Export the code list to App/options/<id>.json, or use Altinn's common code lists or an options provider.";

    FormTrackConverted = "TUL1217", "form-track-converted", Info, Converted,
        summary: "A form track (sporvalg) became `hidden` expressions on the pages it controls.",
        help: "Check the expressions in Studio: a page shows only for the values listed.";

    RowFilter = "TUL1218", "row-filter", Warning, ByHand,
        summary: "A repeating table or section shows only the rows its filter selects; the group shows every row.",
        help: "Write the filter as the group's `hiddenRow` expression in Studio, or drop it.";

    EmptySection = "TUL1219", "empty-section", Info, Converted,
        summary: "A section holds nothing the app shows (only buttons, or nothing); it was left out.",
        help: "Nothing to do unless the section's own controls (reported on their own) are ported.";

    FieldShownTwice = "TUL1220", "field-shown-twice", Info, Converted,
        summary: "A page shows one field in two inputs; the second one is read-only.",
        help: "Check in Studio which of the two the user should type in.";

    CommonCodeList = "TUL1216", "common-code-list", Info, Converted,
        summary: "A drop-down's Altinn II code list is one of Altinn's common code lists.",
        help: "Check that the codes match the Altinn II list's; the app registers Altinn.Codelists in Program.cs.";

    PrefillNotMapped = "TUL1215", "prefill-not-mapped", Warning, ByHand,
        summary: "A prefill setting has no Altinn 3 equivalent.",
        help: "Prefill the field in code (an IInstantiationProcessor), or drop the prefill.";

    FormRule = "TUL1301", "form-rule", Warning, ByHand,
        summary: "An InfoPath rule runs actions when a field changes or a button is pressed.",
        help: "Port the rule to a data processor (IDataProcessor) or a user action in the app's code.";

    Calculation = "TUL1302", "calculation", Warning, ByHand,
        summary: "A field is calculated by an InfoPath formula.",
        help: "Compute it in an IDataProcessor; show it with a read-only component.";

    ValidationRule = "TUL1303", "validation-rule", Warning, ByHand,
        summary: "A custom InfoPath validation was not converted.",
        help: "Write it as an expression validation (<model>.validation.json) or an IFormDataValidator.";

    FormCode = "TUL1304", "form-code", Warning, ByHand,
        summary: "The form template contains code-behind (a compiled form code assembly).",
        help: "Read the original source and port its logic to the app's C# code.";

    DataConnection = "TUL1305", "data-connection", Warning, ByHand,
        summary: "A data connection other than a code list was not converted.",
        help: "Fetch the data in backend code (an options provider, a data processor or an external API).";

    LookupService = "TUL1306", "lookup-service", Warning, ByHand,
        summary: "The form calls a lookup service (an Altinn II mapper) that no longer exists.",
        help: "Call the service owner's API from the app's backend instead.";

    PageRights = "TUL1307", "page-rights", Warning, Warned,
        summary: "A page has its own rights (page-level authorization).",
        help: "Hide the page with an expression, or move it to a task with its own policy rule.";

    SubForms = "TUL1308", "sub-forms", Warning, ByHand,
        summary: "The form uses a form set: sub-forms or a shared data source.",
        help: "Model each sub-form as its own data type with a layout set (Subform component).";

    FormTrack = "TUL1309", "form-track", Warning, ByHand,
        summary: "A form track (sporvalg) could not be converted, wholly or in part.",
        help: "Put a `hidden` expression on each page the track should hide.";

    UnusedTemplateMember = "TUL1310", "unused-template-member", Warning, ByHand,
        summary: "A file in the form template was not used by the conversion.",
        help: "Check whether it matters; port its content by hand if it does.";

    RepeatingGroupMerged = "TUL1311", "repeating-group-merged", Info, Converted,
        summary: "Two tables or sections of one view over one repeating element became one repeating group.",
        help: "Check the group's columns and its row editor in Studio.";

    InfoPathOnlyMember = "TUL1312", "infopath-only-member", Info, Converted,
        summary: "A template member only InfoPath itself uses needs no counterpart in the app.",
        help: "Nothing to do; the member is listed so that every member of the template is accounted for.";

    // ----- TUL2xxx model --------------------------------------------------------------
    ModelMissing = "TUL2001", "model-missing", Error, Stopped,
        summary: "The form template has no readable data model (XSD).",
        help: "Check that the .xsn holds myschema.xsd and the schema it imports.";

    XsdUnsupported = "TUL2002", "xsd-unsupported", Warning, Warned,
        summary: "The data model uses an XML Schema construct that is not supported.",
        help: "Check the data model in Altinn Studio's editor after conversion; adjust it by hand.";

    XsdUnresolved = "TUL2003", "xsd-unresolved", Warning, Warned,
        summary: "A schema, type, element or group the data model refers to is not there.",
        help: "Add the missing schema to the form template, or fix the reference.";

    XsdRecursive = "TUL2004", "xsd-recursive", Warning, Warned,
        summary: "A type of the data model contains itself.",
        help: "Altinn 3 data models cannot recurse; flatten the structure by hand.";

    ModelTooLarge = "TUL2005", "model-too-large", Error, Stopped,
        summary: "The data model is larger than the reader accepts.",
        help: "Check the schema: real Altinn II models have at most a few thousand nodes.";

    ModelTooDeep = "TUL2006", "model-too-deep", Error, Stopped,
        summary: "The data model nests deeper than the reader accepts.",
        help: "Check the schema: real Altinn II models nest a dozen levels or so.";

    RichTextField = "TUL2007", "rich-text-field", Warning, Warned,
        summary: "A field holds rich text (mixed content or XHTML); the form edits it as plain text.",
        help: "Check the field in the app: its markup is kept in the XML but an edit replaces it with plain text.";

    EmptyNumberInInitialData = "TUL2008", "empty-number-in-initial-data", Warning, Warned,
        summary: "The form's initial data has empty elements typed as numbers or booleans.",
        help: "Nothing to do for new instances; remove such elements from Altinn II data before importing it.";

    ImportedSchemaNotWritten = "TUL2009", "imported-schema-not-written", Warning, Warned,
        summary: "A schema the data model imports cannot be written beside the model.",
        help: "Add the schema to App/models by hand (its name clashes with a file the app already has).";

    ModelNameRenamed = "TUL2010", "model-name-renamed", Info, Converted,
        summary: "An XML name that cannot be one step of a binding has another name in JSON.",
        help: "Nothing to do: the XML keeps its name; use the JSON name in Studio's bindings and expressions.";

    // ----- TUL3xxx access -------------------------------------------------------------
    RuleWithoutRole = "TUL3001", "rule-without-role", Warning, ByHand,
        summary: "An authorization rule has no role-code subject.",
        help: "Decide who the rule is for and add the matching access package by hand.";

    UnknownAction = "TUL3002", "unknown-action", Warning, ByHand,
        summary: "An authorization rule grants an action that is not known.",
        help: "Known actions: Read, Write, Sign, ArchiveRead, ArchiveDelete, ServiceOwnerArchiveRead, Delegate.";

    UnknownSubjectAttribute = "TUL3003", "unknown-subject-attribute", Warning, ByHand,
        summary: "An authorization rule matches a subject attribute that is not known.",
        help: "Port the condition by hand in the policy.";

    NoAuthorizationRules = "TUL3004", "no-authorization-rules", Warning, ByHand,
        summary: "The package has no authorization rules.",
        help: "Add rules for the end users in the policy editor.";

    DenyRule = "TUL3005", "deny-rule", Warning, ByHand,
        summary: "An authorization rule denies access.",
        help: "Leave the access out of the granting rules instead.";

    DelegateAction = "TUL3006", "delegate-action", Info, Converted,
        summary: "The Delegate action has no Altinn 3 counterpart.",
        help: "Delegation follows from access packages; set `access.delegable` in applicationmetadata.";

    StepAuthenticationLevel = "TUL3007", "step-authentication-level", Warning, Warned,
        summary: "A workflow step asked for a higher security level than the service.",
        help: "Raise the app's minimum authentication level, or accept the lower level.";

    Altinn2RoleDeadline = "TUL3008", "altinn2-role-deadline", Warning, Warned,
        summary: "An Altinn II role code is kept in the policy; it stops working on 1 January 2027.",
        help: "Make sure an access package (or ER role) grants the same access before 2027.";

    LowConfidenceMapping = "TUL3009", "low-confidence-mapping", Warning, Warned,
        summary: "An Altinn II role has candidate access packages that need a human's choice.",
        help: "Pick the packages that fit the service and confirm them in an --access-map file.";

    NoPackageForRole = "TUL3010", "no-package-for-role", Warning, Warned,
        summary: "No access package replaces an Altinn II role.",
        help: "Decide which access packages or ER roles should grant this access, and set them in an --access-map.";

    UnknownRole = "TUL3011", "unknown-role", Warning, ByHand,
        summary: "A role code is not known to Altinn 3.",
        help: "Check the code; rules with unknown roles grant nobody.";

    PackageNotForServiceOwners = "TUL3012", "package-not-for-service-owners", Warning, Warned,
        summary: "An access package cannot be used in service policies.",
        help: "Choose another package; administration packages only govern access management.";

    UnconfirmedAccessMap = "TUL3013", "unconfirmed-access-map", Info, Converted,
        summary: "A role mapping from the access map is not confirmed yet.",
        help: "Set \"confirmed\": true on the row once a human has checked it.";

    ErRoleWithoutPackage = "TUL3014", "er-role-without-package", Info, Converted,
        summary: "A policy names an ER role that holds no access package.",
        help: "Nothing to do unless the rule should also reach package holders; ER roles keep working.";

    PolicyUnreadable = "TUL3015", "policy-unreadable", Error, Stopped,
        summary: "A policy file cannot be read as a XACML 3.0 policy.",
        help: "Check that the file is UTF-8, well-formed XML and has a xacml:Policy root.";

    PolicyNotFound = "TUL3016", "policy-not-found", Error, Stopped,
        summary: "A directory holds no policy file.",
        help: "Point at a policy.xml, an app repository or a checkout of app repositories.";

    UpgradeRejected = "TUL3017", "upgrade-rejected", Error, Stopped,
        summary: "An upgraded policy failed the XACML 3.0 check; the file was not changed.",
        help: "Please report it with the policy file; upgrade the rule by hand meanwhile.";

    AccessPackageAdded = "TUL3018", "access-package-added", Info, Converted,
        summary: "An access-package subject was added beside an Altinn II role code.",
        help: "Review the added package; confirm it in an --access-map if it came from the tables.";

    Altinn2RoleDropped = "TUL3019", "altinn2-role-dropped", Info, Converted,
        summary: "An Altinn II role subject was removed after its access packages were added.",
        help: "Check that the packages grant the access the role did.";

    PackageRenamed = "TUL3020", "package-renamed", Warning, Warned,
        summary: "A policy grants an access package under a name it no longer has.",
        help: "Run `policy upgrade --write` to rename it in place, or rename it by hand.";

    UnknownPackage = "TUL3021", "unknown-package", Warning, Warned,
        summary: "An access package named in a policy or mapping is not in the current list.",
        help: "Check the package's code against the access-management list; remove or replace it.";

    // ----- TUL4xxx process ------------------------------------------------------------
    UnknownActivityType = "TUL4001", "unknown-activity-type", Warning, ByHand,
        summary: "A workflow step has an activity type that is not known.",
        help: "Model the step by hand in process.bpmn.";

    WorkflowWithoutSteps = "TUL4002", "workflow-without-steps", Warning, ByHand,
        summary: "The workflow definition has no steps.",
        help: "The default Altinn 3 process (one data task) will be used.";

    DuplicateActivity = "TUL4003", "duplicate-activity", Warning, Warned,
        summary: "Two workflow steps have the same activityId.",
        help: "Give each step its own activityId.";

    PaymentSetup = "TUL4004", "payment-setup", Warning, Warned,
        summary: "A payment step needs an agreement and an order calculator.",
        help: "Set up Nets Easy and implement IOrderDetailsCalculator in the app.";

    StepNotConverted = "TUL4005", "step-not-converted", Warning, ByHand,
        summary: "A workflow step or its condition could not be converted.",
        help: "Model the step by hand in Altinn Studio's process editor.";

    SigningRule = "TUL4006", "signing-rule", Warning, Warned,
        summary: "A signing step has a rule Altinn 3 signing does not have by default.",
        help: "Configure the signing task (unique signers, signee states) or write a validator.";

    // ----- TUL5xxx service ------------------------------------------------------------
    UnknownLanguage = "TUL5001", "unknown-language", Warning, Warned,
        summary: "A language code (LCID) is not one of 1044, 2068, 1033, 1083.",
        help: "Altinn 3 has texts in nb, nn, en and se only; what is in this language was not read.";

    IdentityMissing = "TUL5002", "identity-missing", Error, Stopped,
        summary: "The service identity (owner code or service name) is missing.",
        help: "Add the property to the Service data area of manifest.xml.";

    UnknownProperty = "TUL5003", "unknown-property", Warning, ByHand,
        summary: "A Property is not one this reader knows.",
        help: "The value is kept in the model's edition parameters; port its meaning by hand.";

    UnknownDataArea = "TUL5004", "unknown-data-area", Warning, ByHand,
        summary: "A DataArea type is not known.",
        help: "Check what the data area holds; it was not converted.";

    UnknownFileType = "TUL5005", "unknown-file-type", Warning, Warned,
        summary: "A File entry has a fileType that is not known.",
        help: "The file was not read; port its content by hand if it matters.";

    UnknownServiceType = "TUL5006", "unknown-service-type", Warning, Warned,
        summary: "The ServiceType is not known.",
        help: "Known types: FormTask, Lookup, Correspondence, Broker, Link, Collaboration.";

    DuplicateText = "TUL5007", "duplicate-text", Warning, Warned,
        summary: "A translation file has the same text twice.",
        help: "Only the first is used; remove the duplicate.";

    UnknownTextType = "TUL5008", "unknown-text-type", Warning, Warned,
        summary: "A text has a textType that is not known.",
        help: "The text is kept in the model; check where it is used.";

    UnknownPartyType = "TUL5009", "unknown-party-type", Warning, Warned,
        summary: "An allowed party type is not known.",
        help: "Known types: Person, Organisation, SubUnit, BankruptcyEstate.";
    MissingTranslation = "TUL5010", "missing-translation", Warning, Warned,
        summary: "Texts have no translation in a language of the app.",
        help: "Translate them in Altinn Studio's text editor.";

    NotAnApp = "TUL5011", "not-an-app", Info, ByHand,
        summary: "The service is not a form service and does not become an app.",
        help: "Use the Altinn 3 product for this kind of service (Correspondence, Broker, Resource Registry).";
    SplitData = "TUL5012", "split-data", Warning, ByHand,
        summary: "The edition splits its data between service owners (splitt av data).",
        help: "Send each receiver its part from backend code (events, eFormidling or an API push).";

    MasterService = "TUL5013", "master-service", Warning, ByHand,
        summary: "The edition is a master service other owners could reuse.",
        help: "Each reusing owner needs its own app (or one app with a broader policy).";

    EncryptedData = "TUL5014", "encrypted-data", Warning, ByHand,
        summary: "The edition encrypts form data or attachments.",
        help: "Use data types with restricted read access, or encrypt in the owner's systems.";

    CustomUrl = "TUL5015", "custom-url", Warning, ByHand,
        summary: "The edition replaces a standard page with a custom URL.",
        help: "Build the behaviour into the app (a custom frontend component or a stateless first page).";

    PreInstantiationControl = "TUL5016", "pre-instantiation-control", Warning, ByHand,
        summary: "The edition checks the user before instantiation.",
        help: "Implement IInstantiationValidator in the app.";

    ReceiptEmail = "TUL5017", "receipt-email", Warning, ByHand,
        summary: "The edition sends a receipt by e-mail.",
        help: "Send it with Altinn Notifications from the app's code on process end.";

    Notifications = "TUL5018", "notifications", Warning, ByHand,
        summary: "The edition uses notifications (varsling).",
        help: "Recreate the notification templates with the Altinn Notifications API.";

    Consent = "TUL5019", "consent", Warning, ByHand,
        summary: "The edition has consent settings.",
        help: "Create a consent resource in the Resource Registry.";

    IntegrityCheck = "TUL5020", "integrity-check", Warning, ByHand,
        summary: "The edition lets end-user systems sign the XML (integrity check).",
        help: "Drop it, or verify signatures in a validator.";

    GeographicAccess = "TUL5021", "geographic-access", Warning, ByHand,
        summary: "The owner's archive access depends on geography.",
        help: "Filter instances in the owner's systems; Altinn 3 has no such access rule.";

    SbsSetting = "TUL5022", "sbs-setting", Warning, ByHand,
        summary: "The edition has special rules for end-user systems (SBS).",
        help: "Altinn 3 validates API and GUI submissions alike; put SBS-only logic in validators.";

    EnterpriseUsers = "TUL5023", "enterprise-users", Warning, ByHand,
        summary: "The edition blocks enterprise users.",
        help: "Leave system users out of the policy, or add a rule for them deliberately.";

    UnusedText = "TUL5024", "unused-text", Warning, ByHand,
        summary: "A translated text was not used by the conversion.",
        help: "Check where the text belongs and add it to the app's texts by hand.";

    ContactPointMissing = "TUL5025", "contact-point-missing", Warning, Warned,
        summary: "The service has no contact point; the app or resource got a placeholder.",
        help: "Set the service owner's contact point in Studio (About the app / the resource's page).";

    TextCopiedBetweenLanguages = "TUL5026", "text-copied-between-languages", Info, Converted,
        summary: "A title or description Studio requires in nb, nn and en was copied from another language.",
        help: "Translate the copied text in Studio.";
}
