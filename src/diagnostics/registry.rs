//! The registry of diagnostic codes: the only place a code, its severity and its texts are
//! written. `explain`, the SARIF rule table and the generated docs all read from here.
//!
//! Codes are grouped in families by pipeline area; the first digit after `TUL` is the family.
//! A code is never reused for another meaning: retire it instead.

use super::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// TUL0xxx: the container, XML, text decoding, cabinets.
    Package,
    /// TUL1xxx: form pages, views, controls, texts, prefill, tracks.
    Form,
    /// TUL2xxx: the data model (XSD).
    Model,
    /// TUL3xxx: authorization rules, roles, access packages.
    Access,
    /// TUL4xxx: the workflow / process.
    Process,
    /// TUL5xxx: service identity, edition parameters, languages, attachment types.
    Service,
}

impl Family {
    pub fn of(code: &str) -> Family {
        match code.as_bytes().get(3) {
            Some(b'0') => Family::Package,
            Some(b'1') => Family::Form,
            Some(b'2') => Family::Model,
            Some(b'3') => Family::Access,
            Some(b'4') => Family::Process,
            _ => Family::Service,
        }
    }
}

/// Everything the registry knows about one code.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    /// kebab-case name, stable like the code.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what was found.
    pub summary: &'static str,
    /// One line: what to do.
    pub help: &'static str,
    /// The long text `explain` prints: what it means, why it is not converted
    /// automatically, and what to do by hand in Altinn Studio.
    pub explanation: &'static str,
}

macro_rules! registry {
    ($(
        $variant:ident = $code:literal, $name:literal, $sev:ident,
        summary: $summary:literal,
        help: $help:literal,
        explanation: $expl:literal;
    )*) => {
        /// A diagnostic code. `Code::rule()` gives its registry entry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        pub static RULES: &[Rule] = &[$(
            Rule {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
                help: $help,
                explanation: $expl,
            },
        )*];

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];
        }
    };
}

impl Code {
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.rule().code
    }

    /// Looks a code up by its `TULnnnn` form or its kebab-case name, case-insensitively.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| {
            let r = c.rule();
            r.code.eq_ignore_ascii_case(text) || r.name.eq_ignore_ascii_case(text)
        })
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

registry! {
    // ----- TUL0xxx package: container, XML, text, cabinets -------------------------------
    InputUnreadable = "TUL0001", "input-unreadable", Error,
        summary: "The input path does not exist or cannot be read.",
        help: "Check the path; a package is a .zip file or a directory holding manifest.xml.",
        explanation: "tul2studio reads a TUL package from a zip file (recognised by its magic bytes, \
whatever its name) or from an unpacked directory. The path given could not be opened at all, so \
nothing was read. This is a usage error: the process exits with code 2.";

    NotAPackage = "TUL0002", "not-a-package", Error,
        summary: "The input is neither a zip archive nor a directory with manifest.xml.",
        help: "Pass the exported TUL package (.zip) or the directory it was unpacked into.",
        explanation: "A TUL export is a zip archive whose root holds manifest.xml. The input's first \
bytes are not a zip signature and it is not a directory, so it cannot be a TUL package. If the \
file is an InfoPath form template (.xsn) on its own, it needs the package around it: the manifest \
carries the service identity, pages and translations that the form alone does not have.";

    ManifestMissing = "TUL0003", "manifest-missing", Error,
        summary: "The package has no manifest.xml at its root.",
        help: "Make sure the archive was exported by TUL and not re-packed inside an extra folder.",
        explanation: "Every file of a TUL package is found through manifest.xml (root element \
ServiceEditionVersion). Without it the service identity, languages and form files are unknown, so \
nothing can be converted. A common cause is a zip that was re-packed with an extra top-level \
folder: manifest.xml must sit at the root of the archive.";

    ArchiveCorrupt = "TUL0004", "archive-corrupt", Error,
        summary: "The zip archive or one of its entries is truncated or corrupt.",
        help: "Export the package again, or repair the archive; entries that could be read are still used.",
        explanation: "The zip directory or an entry's compressed data could not be read. tul2studio \
keeps every entry it could read and reports the others, so later diagnostics (a missing file, a \
missing manifest) may follow from this one. Fix this first.";

    UnsafeEntryName = "TUL0005", "unsafe-entry-name", Error,
        summary: "An archive entry has an absolute path or climbs out with `..`.",
        help: "The entry was skipped. Inspect the archive: a TUL export never holds such names.",
        explanation: "Entry names are relative paths inside the package. A name that is absolute, has \
a drive letter or climbs out of the package with `..` could make a naive tool write outside its \
output directory (zip-slip). tul2studio never extracts to disk, but it refuses such entries so \
that nothing downstream ever sees the name.";

    SizeLimitExceeded = "TUL0006", "size-limit-exceeded", Error,
        summary: "The package inflates past the size limit.",
        help: "Raise the limit with --max-package-size if the package is genuine.",
        explanation: "To protect against zip and cabinet bombs, tul2studio stops inflating a package \
once the total of its decompressed entries passes a limit (512 MiB by default, configurable with \
--max-package-size). Entries past the limit are not read. Real TUL packages are a few megabytes.";

    MissingFile = "TUL0007", "missing-file", Error,
        summary: "A file named by the manifest is not in the package.",
        help: "Re-export the package; the manifest and the archive disagree.",
        explanation: "manifest.xml names every file of the package by a relative path, matched \
case-insensitively. The named file is absent, so the part of the service it describes (a form \
template, translations, rules, the workflow) is missing from the conversion.";

    UnreferencedFile = "TUL0008", "unreferenced-file", Warning,
        summary: "A file in the package is not named by the manifest and was not used.",
        help: "Check whether the file matters; if it does, port its content by hand.",
        explanation: "tul2studio reads what manifest.xml names. A file it never reached is reported so \
that nothing in the package disappears silently: it may be a leftover, or a part of the service \
that this tool does not know about yet.";

    DuplicateEntry = "TUL0009", "duplicate-entry", Warning,
        summary: "Two entries have the same name when case is ignored.",
        help: "Only the first was used; remove the other from the package.",
        explanation: "Names inside TUL packages and InfoPath cabinets are matched case-insensitively, \
as Windows did. Two entries whose names differ only in case are ambiguous; the first in archive \
order is used and the other is reported here.";

    SymlinkSkipped = "TUL0010", "symlink-skipped", Warning,
        summary: "A symbolic link in the package directory was not followed.",
        help: "Replace the link by the file itself if it is part of the package.",
        explanation: "When the package is an unpacked directory, symbolic links are not followed: a \
link could point anywhere on the machine. Copy the real file into the package instead.";

    OutputNotWritten = "TUL0011", "output-not-written", Error,
        summary: "The app could not be written to the output directory.",
        help: "Choose another directory with -o, or pass --force to replace a directory of your own.",
        explanation: "tul2studio writes the whole app to a temporary directory beside the target and \
renames it into place, so the target is either the complete new app or untouched. It refuses a \
target that is a symbolic link, and a non-empty directory it did not write itself unless --force \
is given. This is a usage error: the process exits with code 2.";

    AccessDataInvalid = "TUL0015", "access-data-invalid", Error,
        summary: "The --access-data file cannot be used.",
        help: "Give the file the access-management metadata API exports (see data/access/README.md).",
        explanation: "`--access-data FILE` replaces the built-in access-package list with the one \
Altinn's access-management metadata API publishes (the export of areas and their packages, or a \
plain list of packages). The file could not be read, is not JSON of that shape, or names a \
package without an `urn:altinn:accesspackage:` URN. This is a usage error: exit code 2.";

    AccessDataOlder = "TUL0016", "access-data-older", Warning,
        summary: "The --access-data list is older than the built-in one.",
        help: "Export the list again from the access-management API, or leave out --access-data.",
        explanation: "The list names packages by names they no longer have (the built-in rename \
table knows they were renamed), so it was exported before the built-in data. It is used as \
given; renamed packages in it are still recognised.";

    SpecialFileSkipped = "TUL0017", "special-file-skipped", Warning,
        summary: "A package directory holds a special file (FIFO, device, socket); it was not read.",
        help: "Remove it from the package; only regular files belong in a TUL export.",
        explanation: "Only regular files are read from a package directory. Opening a named pipe \
blocks until someone writes to it, and reading a device (such as /dev/zero) never ends, so such \
entries are skipped and reported, whether the manifest names them or not.";

    XmlTooManyAttributes = "TUL0018", "xml-too-many-attributes", Error,
        summary: "An XML element has more attributes than the reader accepts.",
        help: "Check the file: no real TUL or InfoPath element has more than a few dozen attributes.",
        explanation: "An element with 100,000 attributes takes the XML parser time that grows with \
the square of their number (each is checked against the others for duplicates). Past 1,000 \
attributes on one element the file is refused before it is parsed.";

    LeftoverReclaimed = "TUL0019", "leftover-reclaimed", Info,
        summary: "A run that was killed had left a staging directory or temporary file; it was cleaned up.",
        help: "Nothing to do; the message says what was removed or restored.",
        explanation: "Output is written beside its target under a name tul2studio recognises \
(`.<dir>.tul2studio-new-<pid>`, `-old-<pid>`, `-tmp-<pid>-...`) and renamed into place. A run that \
is interrupted removes these itself; one that is killed cannot. The next run that writes the \
same target removes what such a run left (only for processes that no longer exist), and puts a \
previous output back if the killed run had moved it aside.";

    RepositoryIdentityKept = "TUL0020", "repository-identity-kept", Info,
        summary: "The app repository's own org and app name were used instead of the package's.",
        help: "Nothing to do: the app keeps the name it was created with in Studio.",
        explanation: "With `--content-only` into an existing Altinn app repository, the app's id \
(`org/app` in its App/config/applicationmetadata.json) is the one Studio gave it, and every \
emitted file uses it. The names derived from the TUL package are only shown for reference.";

    OverlayKept = "TUL0021", "overlay-kept", Warning,
        summary: "A file in the app repository was kept instead of being replaced or removed.",
        help: "Merge the converted content by hand, or run again with --force to replace it.",
        explanation: "`--content-only` replaces only what is safe to replace: files the last \
conversion wrote and nobody changed since, and files of Studio's template that are still as the \
repository's first commit has them. Anything else it would overwrite, or that the new content \
would leave orphaned, is kept and listed; `--force` replaces or removes it. Files outside \
App/config, App/ui, App/models and App/options are never touched.";

    AccessMapInvalid = "TUL0012", "access-map-invalid", Error,
        summary: "The --access-map file cannot be used.",
        help: "Fix the file at the position shown; its format is documented in the README.",
        explanation: "The access map is a JSON object `{\"roles\": {\"CODE\": {\"packages\": [...], \
\"confirmed\": true, \"note\": \"...\"}}}`. The file could not be read, is not valid JSON of that \
shape, or names a package that does not exist. This is a usage error: the process exits with code \
2.";

    OutputCollision = "TUL0013", "output-collision", Error,
        summary: "Two packages of a batch would be written to the same app directory.",
        help: "Convert the later package on its own with -o, or rename one of the services.",
        explanation: "In a batch every package goes to `DIR/<org>-<app>/`. When two packages give the same \
org and app (two editions of one service, or two services with the same form code), the first in \
input order is written and the later one is not: it is reported here instead of overwriting.";

    InternalError = "TUL0014", "internal-error", Error,
        summary: "The converter failed on this package.",
        help: "Report it with the package; the other packages of the batch were not affected.",
        explanation: "A bug in tul2studio stopped the conversion of this package. Each package of a batch \
is converted in isolation, so the others are complete. Please report the package (or a reduced \
copy) so the bug can be fixed.";

    MalformedXml = "TUL0101", "malformed-xml", Error,
        summary: "A file is not well-formed XML.",
        help: "Fix the XML at the position shown; the rest of the package is still read.",
        explanation: "The file could not be parsed as XML. Whatever it describes is missing from the \
conversion. The position points at where the parser gave up; the real mistake may be earlier.";

    DtdRefused = "TUL0102", "dtd-refused", Error,
        summary: "A file declares a DTD or entities, which are refused.",
        help: "Remove the DOCTYPE declaration; TUL files never need one.",
        explanation: "Document type declarations allow entity expansion (billion laughs) and external \
fetches (XXE). TUL and InfoPath files do not use them, so tul2studio refuses any file that has one \
rather than expanding or fetching anything.";

    TextDecoding = "TUL0103", "text-decoding", Warning,
        summary: "A file's text could not be decoded cleanly.",
        help: "Save the file as UTF-8, or declare its real encoding in the XML declaration.",
        explanation: "Files are decoded by their byte-order mark (UTF-8, UTF-16), else by the \
encoding named in the XML declaration (windows-1252 and iso-8859-1 are common in Altinn II), else as \
UTF-8. Bytes that are invalid in that encoding were replaced by U+FFFD, or the declared encoding \
is unknown; texts with æ, ø and å may be damaged.";

    UnknownElement = "TUL0104", "unknown-element", Warning,
        summary: "An element was not recognised and was not converted.",
        help: "Port what it says by hand, or report the element so the reader can learn it.",
        explanation: "Several parts of the TUL package format are not public (see the project's package \
spec: the 'assumed' shapes). The reader accepts reasonable variations, and anything it does not \
recognise is reported here with its file and position instead of being dropped. When a real package \
produces this warning, the element shows what the reader should learn next.";

    UnexpectedRoot = "TUL0105", "unexpected-root", Error,
        summary: "A file has a different root element than its file type requires.",
        help: "Check that the manifest names the right file for this file type.",
        explanation: "Each file type of a TUL package has a known root element (ServiceEditionVersion, \
Translation, FormPages, FormRegisterPrefill, Policy, Workflow, AttachmentTypes...). The root found \
is another one, so the file was not read.";

    MissingAttribute = "TUL0106", "missing-attribute", Warning,
        summary: "An element lacks an attribute it needs.",
        help: "Add the attribute; the element was skipped.",
        explanation: "The element is recognised but cannot be used without the named attribute (for \
example a File without a name, or a Page without a name). It was skipped.";

    InvalidValue = "TUL0107", "invalid-value", Warning,
        summary: "A value has the wrong form (a number, date or flag that does not parse).",
        help: "Correct the value; it was ignored.",
        explanation: "The value could not be read in the form its field needs: dates are dd.MM.yyyy \
(or ISO yyyy-mm-dd), numbers are integers, flags are true/false. The value was ignored, so the \
setting falls back to its Altinn 3 default.";

    XmlTooDeep = "TUL0108", "xml-too-deep", Error,
        summary: "An XML file nests elements deeper than the reader allows.",
        help: "Check the file; real TUL and InfoPath files nest a few dozen levels.",
        explanation: "Readers walk XML trees recursively, so a hostile file nested hundreds of thousands \
of levels deep could exhaust the stack. Files deeper than 256 levels are refused before any reader \
sees them; the rest of the package is still read.";

    CabinetCorrupt = "TUL0201", "cabinet-corrupt", Error,
        summary: "An InfoPath form template (.xsn) is not a readable cabinet.",
        help: "Open the template in InfoPath Designer and save it again, or re-export the package.",
        explanation: "An .xsn file is a Microsoft Cabinet archive (MSZIP or LZX compressed). This one \
is truncated, corrupt or not a cabinet at all, so the form it holds (views, data model, rules) \
could not be read. Members read before the damage are still listed.";

    CabinetTooLarge = "TUL0204", "cabinet-too-large", Error,
        summary: "A form template cabinet declares more folders or files than the reader accepts.",
        help: "Check the .xsn: InfoPath writes one folder and a few dozen files.",
        explanation: "The cabinet header says how many folders and files follow. InfoPath templates \
hold one folder and a handful of files; a header that declares tens of thousands makes the \
cabinet reader work for many seconds before anything is known. Past 64 folders or 4,096 files the \
template is refused unread.";

    CabinetCompression = "TUL0202", "cabinet-compression", Error,
        summary: "A cabinet uses a compression method that is not supported (Quantum).",
        help: "Re-save the template with InfoPath, which writes MSZIP or LZX.",
        explanation: "tul2studio reads uncompressed, MSZIP and LZX cabinets. Quantum compression is \
rare and not supported; the members of that folder could not be read.";

    CabinetMemberName = "TUL0203", "cabinet-member-name", Warning,
        summary: "A cabinet member name was not valid UTF-8 and was decoded lossily.",
        help: "Rename the member to ASCII in InfoPath Designer.",
        explanation: "Cabinet member names are stored in the Windows code page unless a UTF-8 flag is \
set. Non-ASCII names (æ, ø, å) may come out with U+FFFD in them, and references to them from \
manifest.xsf may then fail to resolve.";

    // ----- TUL1xxx form ---------------------------------------------------------------
    FormTemplateMissing = "TUL1001", "form-template-missing", Error,
        summary: "The Form data area names no form template (.xsn).",
        help: "Add a FormTemplate file per language to the manifest's Form data area.",
        explanation: "A service with a Form data area is a form task: its InfoPath template is the \
form. Without a FormTemplate file the pages, controls and data model cannot be converted.";

    LanguageWithoutTemplate = "TUL1002", "language-without-template", Warning,
        summary: "A translated language has no form template of its own.",
        help: "Texts of this language will fall back to the main language's form.",
        explanation: "TUL writes a localized copy of the InfoPath form per translated language, and \
the texts of form controls come from that copy. This language has service texts but no form \
template, so its form texts must be translated by hand in Altinn Studio's text editor.";

    DuplicatePage = "TUL1003", "duplicate-page", Error,
        summary: "Two pages in FormPageMetadata have the same name.",
        help: "Rename one of the pages; only the first is used.",
        explanation: "Page names identify pages in texts (PageDisplayName), prefill and form tracks, \
and become Altinn 3 layout names. Two pages with the same name (case-insensitive) cannot both be \
converted.";

    UnknownPageType = "TUL1004", "unknown-page-type", Warning,
        summary: "A page has a PageType that is not known.",
        help: "The page is treated as a form page; check whether it should be.",
        explanation: "Known page types are Form (web page), Receipt, Print, Signing, Payment, \
Sensitive and Hidden (and their TUL names). Only form pages become Altinn 3 layout pages; receipt \
and print pages map to the receipt and PDF. An unknown type is kept as a form page so nothing is \
lost.";

    PageViewMissing = "TUL1005", "page-view-missing", Error,
        summary: "A page's view (Transform) is not in the form template.",
        help: "Check the Transform property against the view files inside the .xsn.",
        explanation: "Each page in FormPageMetadata names its InfoPath view XSL (the Transform \
property). That member is missing from the language's form template, so the page has no \
controls.";

    UnknownRegister = "TUL1006", "unknown-register", Warning,
        summary: "A prefill register is not ER, DSF or DLS.",
        help: "Map these fields by hand in the app's prefill file or in code.",
        explanation: "TUL register prefill uses the registers ER (Enhetsregisteret), DSF \
(Folkeregisteret) and DLS (used for the user profile). Fields from another register cannot be \
mapped to Altinn 3 prefill sources automatically.";

    UnknownPageReference = "TUL1007", "unknown-page-reference", Warning,
        summary: "A prefill field or form track names a page that does not exist.",
        help: "Correct the page name; the reference could not be resolved.",
        explanation: "Prefill fields and form tracks refer to pages by their FormPageMetadata name. \
The name given matches no page (case-insensitively).";

    UnknownControl = "TUL1101", "unknown-control", Warning,
        summary: "A control in a view is not known, or its markup is not understood.",
        help: "Rebuild the control by hand in Altinn Studio's layout editor.",
        explanation: "The view reader knows InfoPath's text boxes, date pickers, drop-downs, list and \
combo boxes, option buttons, check boxes, multi-select lists, rich text, expression boxes, \
hyperlinks, pictures, file attachments, buttons, sections, optional and repeating sections and \
repeating tables. This control is another kind (a signature line, an ink picture, a master/detail \
control...) or one of those in a shape the reader did not expect, so it is not in the converted \
page.";

    BindingUnresolved = "TUL1102", "binding-unresolved", Warning,
        summary: "A control is bound to a field that is not in the data model.",
        help: "Correct the binding in the layout, or add the field to the data model.",
        explanation: "Every control binding is checked against the data model read from the form \
template. This one names a path that the model does not have: the view and the schema disagree, \
typically after a schema change that the form was not updated for. An Altinn 3 component bound to \
a missing field does not work.";

    ControlWithoutBinding = "TUL1103", "control-without-binding", Warning,
        summary: "An input control has no data binding.",
        help: "Bind the component to a data-model field in Altinn Studio.",
        explanation: "InfoPath input controls carry `xd:binding`, the field they edit. This one has \
none, so the converted component has no field to read or write.";

    TemplateMissing = "TUL1104", "template-missing", Warning,
        summary: "A section in a view has no template that renders it.",
        help: "Rebuild the section by hand; its controls were not read.",
        explanation: "InfoPath renders sections with `xsl:apply-templates` and a matching \
`xsl:template` (by mode). No template matches, or the template applies itself without end, so \
the controls of the section are not in the converted page.";

    LanguageStructureDiffers = "TUL1105", "language-structure-differs", Warning,
        summary: "A translated form template does not have the same controls as the main one.",
        help: "Check the listed controls in each language; their texts may be missing.",
        explanation: "TUL writes one localized copy of the form per language. The copies should \
differ only in texts, so controls are matched across languages by control id and binding. Controls \
that exist in one language only keep the texts they have; translate the others by hand.";

    PageNotConverted = "TUL1201", "page-not-converted", Info,
        summary: "A page is not a form page and does not become a layout.",
        help: "Receipt, print, signing and payment pages map to Altinn 3 features; check the result.",
        explanation: "Only TUL pages of type Web (form pages) become layout pages. A receipt page is \
replaced by Altinn 3's receipt (the receipt texts are carried over), a print page by the automatic \
PDF, signing and payment summaries by the signing and payment tasks. A page with sensitive data (SPO) \
or an unknown type must be rebuilt by hand if it is still needed.";

    HelperField = "TUL1202", "helper-field", Warning,
        summary: "A control is bound to an InfoPath helper field that is not in the data model.",
        help: "Add the field to the data model (as a shadow field), or compute it in code.",
        explanation: "InfoPath forms can bind controls to `my:` fields of their own and to Altinn \
helper fields (namespace `www.altinn.no/infopath-extensions`) that are never sent to the service \
owner. Altinn 3 components bind only to the app's data model. Add such fields to the model (and \
remove them before shipping with `RemoveHiddenData` or shadow fields), or compute their values in a \
data processor.";

    HelpTextMissing = "TUL1203", "help-text-missing", Warning,
        summary: "A help button has no help text in the translations.",
        help: "Write the help text in Altinn Studio's text editor.",
        explanation: "TUL help texts are `HelpText` translations keyed by the help button's control id \
(`HelpText_...`). This button has no such text in any language, so the component gets no help.";

    ControlNotConverted = "TUL1204", "control-not-converted", Warning,
        summary: "A control could not become a component.",
        help: "Rebuild the component by hand in the layout editor.",
        explanation: "The control has no usable data binding or no options, so no valid Altinn 3 \
component could be made from it. The message says which control and why.";

    RichTextFlattened = "TUL1205", "rich-text-flattened", Warning,
        summary: "A rich-text box becomes a plain text area.",
        help: "Check the field: Altinn 3 text areas store plain text (markdown is shown, not edited).",
        explanation: "InfoPath rich text stores XHTML inside the form data. Altinn 3 has no rich-text \
editor component; the field becomes a TextArea and the formatting is lost. If the service owner \
needs formatted input, consider markdown conventions or a custom component.";

    ComboBoxFreeText = "TUL1206", "combo-box-free-text", Warning,
        summary: "A combo box becomes a drop-down; free-text entry is lost.",
        help: "If users must type their own value, add an Input beside the Dropdown.",
        explanation: "An InfoPath combo box lets users pick an option or type a value. Altinn 3's \
Dropdown only allows the listed options.";

    MultiSelectModel = "TUL1207", "multi-select-model", Warning,
        summary: "A multi-select list needs a data-model change.",
        help: "Change the field to one string (comma-separated values) or use Checkboxes bound to a list.",
        explanation: "InfoPath multi-select lists store one repeating element per chosen value. Altinn \
3's MultipleSelect and Checkboxes store the chosen values comma-separated in a single string field. \
Change the data model (and the service owner's processing of the data) accordingly.";

    ComputedExpression = "TUL1208", "computed-expression", Warning,
        summary: "An expression box computes a value that Altinn 3 layouts cannot compute.",
        help: "Compute the value in a data processor (IDataProcessor) and bind a read-only component to it.",
        explanation: "Altinn 3 expressions can compare and combine values but not aggregate over the \
form (sums, counts over repeating groups). Calculations belong in the app's backend: an \
IDataProcessor or IDataWriteProcessor writes the result into the data model, and a read-only \
component shows it.";

    ImageNotConverted = "TUL1209", "image-not-converted", Warning,
        summary: "An image could not be carried over.",
        help: "Add the image to App/wwwroot and an Image component by hand.",
        explanation: "Static images are copied to `App/wwwroot/images`. Pictures stored inside the \
form data (InfoPath picture controls) and images missing from the template have no Altinn 3 \
counterpart.";

    FileAttachmentField = "TUL1210", "file-attachment-field", Warning,
        summary: "A file attachment control kept the file inside the form data.",
        help: "Remove the base64 field from the data model; the file is now its own data element.",
        explanation: "InfoPath file attachments embed the file, base64-encoded, in the form XML. In \
Altinn 3 uploaded files are separate data elements: the control becomes a FileUpload with its own \
data type, and the old field should be removed from the model (and from the service owner's \
processing).";

    ButtonNotConverted = "TUL1211", "button-not-converted", Warning,
        summary: "A button runs rules or code and was not converted.",
        help: "Rebuild it as a CustomButton calling a backend action, or drop it.",
        explanation: "InfoPath buttons run rule sets or form code (lookups, recalculation, submit). \
Altinn 3 buttons that do work are CustomButton components with server actions implemented in the \
app (IUserAction).";

    FieldAuthorization = "TUL1212", "field-authorization", Warning,
        summary: "A control is governed by field-level authorization.",
        help: "Decide per role in code (a hidden expression with authContext, or separate tasks).",
        explanation: "TUL could hide fields or make them read-only per role (GetFieldAuthorization, \
permission 3 = hidden, 1 = read-only). Altinn 3 has no field-level rights. Expressions can use \
`authContext` for actions the user may take, or the form can be split over tasks with different \
rights.";

    ConditionNotConverted = "TUL1213", "condition-not-converted", Warning,
        summary: "A show/hide or read-only condition has no Altinn 3 expression.",
        help: "Write the `hidden` or `readOnly` expression by hand.",
        explanation: "Simple InfoPath conditions (comparisons, and/or/not, field paths, literals, \
string length) become Altinn expressions. This one uses something else (a function, a predicate, a \
secondary data source, or a field outside the data model), so the component shows always.";

    CodeListNotInPackage = "TUL1214", "code-list-not-in-package", Warning,
        summary: "A drop-down takes its options from an Altinn II code list that is not in the package.",
        help: "Export the code list to App/options/<id>.json, or use Altinn's common code lists or an options provider.",
        explanation: "Altinn II code lists were served by the platform (GetCodeList). That API is gone. \
The component refers to an `optionsId`, and the converter writes `App/options/<id>.json` so the form \
runs (a reference to a missing options file makes the frontend retry forever): with the values the \
view showed, or else one entry marked as a placeholder. Replace it with the real list (value = Code, \
label = Value1 per language), an org-level code list, or an IAppOptionsProvider.";

    FormTrackConverted = "TUL1217", "form-track-converted", Info,
        summary: "A form track (sporvalg) became `hidden` expressions on the pages it controls.",
        help: "Check the expressions in Studio: a page shows only for the values listed.",
        explanation: "For each layout page a track controls, the page's `hidden` expression is true \
unless the track's field has one of the values whose choice lists the page. Pages the track does \
not name are always shown, as in Altinn II.";

    CommonCodeList = "TUL1216", "common-code-list", Info,
        summary: "A drop-down's Altinn II code list is one of Altinn's common code lists.",
        help: "Check that the codes match the Altinn II list's; the app registers Altinn.Codelists in Program.cs.",
        explanation: "Municipalities, counties, countries, postal codes, genders, marital statuses, \
industry codes and occupations are published for Altinn 3 apps by the Altinn.Codelists package \
(SSB, Kartverket, Posten). The component uses its `optionsId` (`kommuner`, `fylker`, `land`, \
`poststed`, `kjønn`, `sivilstand`, `næringsgruppering`, `yrker`), App.csproj references the package \
and Program.cs registers it (`AddAltinnCodelists`). Check that the codes are the ones the Altinn II \
list used (country lists differ in code type: ISO alpha-2, alpha-3 or SSB numbers).";

    PrefillNotMapped = "TUL1215", "prefill-not-mapped", Warning,
        summary: "A prefill setting has no Altinn 3 equivalent.",
        help: "Prefill the field in code (an IInstantiationProcessor), or drop the prefill.",
        explanation: "Register fields map to the ER, DSF and UserProfile sources of Altinn 3 prefill. \
Fields without a counterpart (a DSF address as one string, ER contexts other than the chosen \
organisation, key/value prefill from the service owner) must be handled in code at \
instantiation.";

    FormRule = "TUL1301", "form-rule", Warning,
        summary: "An InfoPath rule runs actions when a field changes or a button is pressed.",
        help: "Port the rule to a data processor (IDataProcessor) or a user action in the app's code.",
        explanation: "InfoPath rules (rule sets with assignment, query, submit, dialog or view-switch \
actions) run in the form. Altinn 3 layouts have no rules: value assignments belong in an \
IDataProcessor that runs on save, lookups in an IDataProcessor or an options provider, button \
actions in an IUserAction. The message shows the rule's condition and actions.";

    Calculation = "TUL1302", "calculation", Warning,
        summary: "A field is calculated by an InfoPath formula.",
        help: "Compute it in an IDataProcessor; show it with a read-only component.",
        explanation: "Calculated fields and default-value formulas (`xsf:calculatedField`) recompute a \
field from others. Altinn 3 computes in the backend: implement the formula (shown in the message) in \
an IDataProcessor, and bind a read-only component to the field.";

    ValidationRule = "TUL1303", "validation-rule", Warning,
        summary: "A custom InfoPath validation was not converted.",
        help: "Write it as an expression validation (<model>.validation.json) or an IFormDataValidator.",
        explanation: "InfoPath custom validations (`xsf:errorCondition`) show a message when an XPath \
condition holds; a message starting with `_MYK_` is a soft validation (a warning the user may \
ignore). Altinn 3 expression validations (`App/models/<model>.validation.json`, severity error or \
warning) cover simple conditions; others need an IFormDataValidator in C#. The message and \
condition are shown.";

    FormCode = "TUL1304", "form-code", Warning,
        summary: "The form template contains code-behind (a compiled form code assembly).",
        help: "Read the original source and port its logic to the app's C# code.",
        explanation: "InfoPath forms could run managed code (VSTA/C# `FormCode`) on load, change and \
submit. The compiled assembly cannot be converted; find the source and port each handler to app \
code: data processors, validators, instantiation processors or user actions.";

    DataConnection = "TUL1305", "data-connection", Warning,
        summary: "A data connection other than a code list was not converted.",
        help: "Fetch the data in backend code (an options provider, a data processor or an external API).",
        explanation: "InfoPath secondary data sources (web services, XML files, SharePoint lists) fed \
the form with data. Altinn 3 apps fetch data in C#: IAppOptionsProvider for option lists, \
IDataProcessor or IInstantiationProcessor for values, or the app's external API support.";

    LookupService = "TUL1306", "lookup-service", Warning,
        summary: "The form calls a lookup service (an Altinn II mapper) that no longer exists.",
        help: "Call the service owner's API from the app's backend instead.",
        explanation: "Altinn II lookup services ran service-owner web services through a C# mapper hosted \
by Altinn. The mapper is gone; the app must call the owner's API directly (with Maskinporten) from \
backend code and write the result into the data model.";

    PageRights = "TUL1307", "page-rights", Warning,
        summary: "A page has its own rights (page-level authorization).",
        help: "Hide the page with an expression, or move it to a task with its own policy rule.",
        explanation: "TUL could override rights per page. Altinn 3 grants rights per app and task; a page \
shown to some users only needs a `hidden` expression (for example on authContext) or its own task.";

    SubForms = "TUL1308", "sub-forms", Warning,
        summary: "The form uses a form set: sub-forms or a shared data source.",
        help: "Model each sub-form as its own data type with a layout set (Subform component).",
        explanation: "A TUL form set adds sub-forms (other editions) with flags such as 'user may add' and \
'shared data source'. In Altinn 3 each sub-form becomes its own data type and layout set, shown with \
the Subform component; data shared between forms moves through backend code or multi-model \
bindings.";

    FormTrack = "TUL1309", "form-track", Warning,
        summary: "A form track (sporvalg) could not be converted, wholly or in part.",
        help: "Put a `hidden` expression on each page the track should hide.",
        explanation: "A form track shows a set of pages depending on the value of a field. The \
converter turns it into `hidden` expressions on the layout pages it controls (TUL1217). What it \
cannot convert is reported here: a field that is not in the data model, or pages that are no \
layout in the app (receipt, payment or sensitive-data pages). The message lists the field, the \
values and the pages each value shows.";

    UnusedTemplateMember = "TUL1310", "unused-template-member", Warning,
        summary: "A file in the form template was not used by the conversion.",
        help: "Check whether it matters; port its content by hand if it does.",
        explanation: "The completeness pass lists every member of every form template that no stage \
read: views that are no page, resource texts used by rules or code, XML files of data connections, \
schemas that are not part of the data model. Nothing in the package disappears silently.";

    RepeatingGroupMerged = "TUL1311", "repeating-group-merged", Info,
        summary: "Two views of one repeating element became one repeating group.",
        help: "Check the group's columns and its row editor in Studio.",
        explanation: "InfoPath forms often show the same rows twice: a repeating table for the \
overview and a repeating section for the details. In Altinn 3 two repeating groups on one \
binding edit the same rows, each with its own add button, which confuses users. The second \
one's fields that the first does not show join the first group (shown in its row editor), and \
the second group is left out.";

    // ----- TUL2xxx model --------------------------------------------------------------
    ModelMissing = "TUL2001", "model-missing", Error,
        summary: "The form template has no readable data model (XSD).",
        help: "Check that the .xsn holds myschema.xsd and the schema it imports.",
        explanation: "An InfoPath form binds its controls to an XML Schema: `myschema.xsd`, which \
normally imports the real SERES or OR schema. Without a schema no field can be typed or bound, so \
the Altinn 3 data model must be made by hand (or taken from the owner's `-datamodels` repository in \
Altinn Studio, where every Altinn II schema was copied).";

    XsdUnsupported = "TUL2002", "xsd-unsupported", Warning,
        summary: "The data model uses an XML Schema construct that is not supported.",
        help: "Check the data model in Altinn Studio's editor after conversion; adjust it by hand.",
        explanation: "The reader covers what SERES, OR and InfoPath schemas use: elements, attributes, \
named and inline types, sequences and choices, groups, simple and complex content, and facets. A \
construct outside that (`xsd:any`, `xsd:redefine`...) is reported here; the content it allows is \
not part of the converted model.";

    XsdUnresolved = "TUL2003", "xsd-unresolved", Warning,
        summary: "A schema, type, element or group the data model refers to is not there.",
        help: "Add the missing schema to the form template, or fix the reference.",
        explanation: "A reference (`type`, `ref`, `base`, or `schemaLocation` of an import) names \
something that none of the schemas inside the form template declares. SERES standard schemas often \
import `seres.xsd` without shipping it; the attributes it defines are kept by name, typed as text.";

    XsdRecursive = "TUL2004", "xsd-recursive", Warning,
        summary: "A type of the data model contains itself.",
        help: "Altinn 3 data models cannot recurse; flatten the structure by hand.",
        explanation: "A complex type that contains an element of its own type describes an unbounded \
tree. The reader expands it once and cuts the recursion; the deeper levels are not in the model.";

    ModelTooLarge = "TUL2005", "model-too-large", Error,
        summary: "The data model is larger than the reader accepts.",
        help: "Check the schema: real Altinn II models have at most a few thousand nodes.",
        explanation: "To keep memory and time bounded on hostile input, the reader stops after \
200,000 model nodes. The model is cut at that point.";

    ModelTooDeep = "TUL2006", "model-too-deep", Error,
        summary: "The data model nests deeper than the reader accepts.",
        help: "Check the schema: real Altinn II models nest a dozen levels or so.",
        explanation: "The reader expands elements, types, groups and attribute groups recursively. \
A chain of thousands of distinct types, element references or groups (no cycle, so the recursion \
check does not stop it) could exhaust the stack, so named types and groups stop 64 levels deep. \
Elements stop 20 levels deep: each level nests the emitted JSON Schema two or three levels \
deeper, and the JSON readers of Altinn apps and Studio (.NET) refuse documents nested deeper \
than 64. The model is cut there.";

    RichTextField = "TUL2007", "rich-text-field", Warning,
        summary: "A field holds rich text (mixed content or XHTML); the form edits it as plain text.",
        help: "Check the field in the app: its markup is kept in the XML but an edit replaces it with plain text.",
        explanation: "InfoPath rich-text boxes store XHTML inside the element (`mixed=\"true\"` or \
`xsd:any` in the XHTML namespace). .NET's XmlSerializer cannot read markup into a `string`, so the \
C# model keeps the whole element (`[XmlAnyElement]`, an `XmlElement`) and offers its text to the \
form as a plain string. Reading and writing the XML loses nothing; an edit in the form replaces the \
markup with the edited text. Altinn 3 has no rich-text input: if formatting matters, store it as \
Markdown in a text field or keep the original content read-only.";

    EmptyNumberInInitialData = "TUL2008", "empty-number-in-initial-data", Warning,
        summary: "The form's initial data has empty elements typed as numbers or booleans.",
        help: "Nothing to do for new instances; remove such elements from Altinn II data before importing it.",
        explanation: "InfoPath writes every field of `template.xml`, the form's initial data, even \
the empty ones. An empty string is not a valid `decimal`, `integer` or `boolean`, and .NET's \
XmlSerializer (which the Altinn app uses to read form data) stops with a FormatException on such an \
element. The converted app does not use `template.xml`: an Altinn 3 instance starts from an empty \
model and the prefill. Archived Altinn II submissions have the same shape; before they are loaded \
into the app, drop empty numeric and boolean elements (they mean \"no value\") or mark them \
`xsi:nil=\"true\"` where the schema makes them nillable.";

    ImportedSchemaNotWritten = "TUL2009", "imported-schema-not-written", Warning,
        summary: "A schema the data model imports cannot be written beside the model.",
        help: "Add the schema to App/models by hand (its name clashes with a file the app already has).",
        explanation: "The app's `<Model>.xsd` is the form's own schema; the schemas it imports or \
includes are written beside it under their own names, so the XSD compiles. A schema whose file \
name is not a plain file name, or clashes with one of the model files, is not written.";

    // ----- TUL3xxx access -------------------------------------------------------------
    RuleWithoutRole = "TUL3001", "rule-without-role", Warning,
        summary: "An authorization rule has no role-code subject.",
        help: "Decide who the rule is for and add the matching access package by hand.",
        explanation: "Altinn II rules grant actions to role codes. This rule names no role code \
(perhaps only an authentication level, or a subject attribute this reader does not know), so it \
cannot be mapped to access packages in the Altinn 3 policy.";

    UnknownAction = "TUL3002", "unknown-action", Warning,
        summary: "An authorization rule grants an action that is not known.",
        help: "Known actions: Read, Write, Sign, ArchiveRead, ArchiveDelete, ServiceOwnerArchiveRead, Delegate.",
        explanation: "Altinn II actions are mapped to Altinn 3 actions (read, write, instantiate, sign, \
delete...). This action is not one of the Altinn II actions, so it has no Altinn 3 counterpart and \
must be ported by hand.";

    UnknownSubjectAttribute = "TUL3003", "unknown-subject-attribute", Warning,
        summary: "An authorization rule matches a subject attribute that is not known.",
        help: "Port the condition by hand in the policy.",
        explanation: "Subjects in Altinn II rules are role codes, authentication levels and the \
delegatable flag. This rule matches another attribute; the condition is not carried over.";

    NoAuthorizationRules = "TUL3004", "no-authorization-rules", Warning,
        summary: "The package has no authorization rules.",
        help: "Add rules for the end users in the policy editor.",
        explanation: "Without AuthorizationRules only the service owner's rule is written, so no end \
user can start the app until rules are added.";

    DenyRule = "TUL3005", "deny-rule", Warning,
        summary: "An authorization rule denies access.",
        help: "Leave the access out of the granting rules instead.",
        explanation: "Altinn 3 app policies are lists of permits under deny-overrides; converted rules \
only grant. A deny rule is left out; check that no granting rule gives the access it meant to \
withhold.";

    DelegateAction = "TUL3006", "delegate-action", Info,
        summary: "The Delegate action has no Altinn 3 counterpart.",
        help: "Delegation follows from access packages; set `access.delegable` in applicationmetadata.",
        explanation: "In Altinn II, Delegate let a role pass rights on. In Altinn 3 delegation works \
through access packages and the resource's delegable setting, not a policy action.";

    StepAuthenticationLevel = "TUL3007", "step-authentication-level", Warning,
        summary: "A workflow step asked for a higher security level than the service.",
        help: "Raise the app's minimum authentication level, or accept the lower level.",
        explanation: "Altinn II could require a higher security level for one step (often signing). \
An Altinn 3 app policy has one minimum authentication level obligation for the whole app.";

    Altinn2RoleDeadline = "TUL3008", "altinn2-role-deadline", Warning,
        summary: "An Altinn II role code is kept in the policy; it stops working on 1 January 2027.",
        help: "Make sure an access package (or ER role) grants the same access before 2027.",
        explanation: "Altinn II role codes (UTINN, REGNA, LOPER...) were imported into Altinn 3 so that \
converted policies keep working for now. Digdir removes them on 1 January 2027; a rule that names \
only Altinn II roles then grants nobody. The converted policy keeps the role beside any access \
packages found for it; once the packages are confirmed, drop the role (`tul2studio policy upgrade \
--drop-altinn2-roles`).";

    LowConfidenceMapping = "TUL3009", "low-confidence-mapping", Warning,
        summary: "An Altinn II role has candidate access packages that need a human's choice.",
        help: "Pick the packages that fit the service and confirm them in an --access-map file.",
        explanation: "For most broad Altinn II roles there is no official package: Digdir named the role \
as related to an area (related-area), or the candidate was inferred from names (name-match). \
Writing all candidates would grant far more than the role did, so none is written. List the right \
packages for the role in an access map (`{\"roles\": {\"REGNA\": {\"packages\": [...], \
\"confirmed\": true}}}`) and convert again.";

    NoPackageForRole = "TUL3010", "no-package-for-role", Warning,
        summary: "No access package replaces an Altinn II role.",
        help: "Decide which access packages or ER roles should grant this access, and set them in an --access-map.",
        explanation: "Some Altinn II roles (UTINN, SISKD and others) have no replacement: Digdir proposed \
them discontinued. The service owner must choose the packages whose holders should keep access; \
never grant every package.";

    UnknownRole = "TUL3011", "unknown-role", Warning,
        summary: "A role code is not known to Altinn 3.",
        help: "Check the code; rules with unknown roles grant nobody.",
        explanation: "The role code is neither an ER role, an Altinn II role known to Altinn 3, nor an \
Altinn 3 role. It is kept in the policy as written, but it will most likely never match.";

    PackageNotForServiceOwners = "TUL3012", "package-not-for-service-owners", Warning,
        summary: "An access package cannot be used in service policies.",
        help: "Choose another package; administration packages only govern access management.",
        explanation: "Some packages (access managers, client administrators) exist for Altinn's own \
access management and may not be used in a service owner's policy. The package was left out.";

    UnconfirmedAccessMap = "TUL3013", "unconfirmed-access-map", Info,
        summary: "A role mapping from the access map is not confirmed yet.",
        help: "Set \"confirmed\": true on the row once a human has checked it.",
        explanation: "The access map's packages are written into the policy. The row is reported until \
someone confirms it, so reviews can tell checked mappings from drafts.";

    ErRoleWithoutPackage = "TUL3014", "er-role-without-package", Info,
        summary: "A policy names an ER role that holds no access package.",
        help: "Nothing to do unless the rule should also reach package holders; ER roles keep working.",
        explanation: "Enhetsregisteret roles keep working in Altinn 3 policies, but this one holds no access \
package, so nobody who was given a package (rather than the role) reaches the rule. Add a package \
subject by hand if the service should be open to them.";

    PolicyUnreadable = "TUL3015", "policy-unreadable", Error,
        summary: "A policy file cannot be read as a XACML 3.0 policy.",
        help: "Check that the file is UTF-8, well-formed XML and has a xacml:Policy root.",
        explanation: "`policy check` and `policy upgrade` read Altinn 3 app and resource policies: a \
XACML 3.0 `Policy` element in UTF-8. This file is not one, so it was neither checked nor changed.";

    PolicyNotFound = "TUL3016", "policy-not-found", Error,
        summary: "A directory holds no policy file.",
        help: "Point at a policy.xml, an app repository or a checkout of app repositories.",
        explanation: "In a directory, `policy` looks for `App/config/authorization/policy.xml` and for \
files named `policy.xml` or `*_policy.xml` (hidden directories, `target`, `node_modules`, `bin` and \
`obj` are skipped, symbolic links are not followed). None was found.";

    UpgradeRejected = "TUL3017", "upgrade-rejected", Error,
        summary: "An upgraded policy failed the XACML 3.0 check; the file was not changed.",
        help: "Please report it with the policy file; upgrade the rule by hand meanwhile.",
        explanation: "Before writing, `policy upgrade` parses its result again, checks the XACML 3.0 \
content model of every Policy, Rule, Target, AnyOf, AllOf and Match, and checks that a second \
upgrade would change nothing. This result failed, so the original file was left as it was.";

    AccessPackageAdded = "TUL3018", "access-package-added", Info,
        summary: "An access-package subject was added beside an Altinn II role code.",
        help: "Review the added package; confirm it in an --access-map if it came from the tables.",
        explanation: "`policy upgrade` adds each access package that replaces the role with high \
confidence (an official conversion, an ER role's own package, or the access map) as a new subject \
in the same rule, copying the role's own subject so the rule's other conditions stay the same.";

    Altinn2RoleDropped = "TUL3019", "altinn2-role-dropped", Info,
        summary: "An Altinn II role subject was removed after its access packages were added.",
        help: "Check that the packages grant the access the role did.",
        explanation: "With `--drop-altinn2-roles`, a rule's Altinn II role subject is removed once every \
access package that replaces it is in the same rule. Roles with no confident package are kept, so \
no rule is left granting nobody.";

    PackageRenamed = "TUL3020", "package-renamed", Warning,
        summary: "A policy grants an access package under a name it no longer has.",
        help: "Run `policy upgrade --write` to rename it in place, or rename it by hand.",
        explanation: "Digdir renames and moves access packages (`mine-sider-kommune` became \
`kommunale-tjenester`; `konkursbo-tilgangsstyrer` became the person package \
`innbygger-konkursbo-tilgangsstyrer`). The policy engine matches the package's current URN, so a \
rule that names the old one grants nobody. The rename table lives beside the package data \
(`data/access/renames.tsv`); `policy upgrade` replaces the value in place, byte for byte \
elsewhere.";

    UnknownPackage = "TUL3021", "unknown-package", Warning,
        summary: "An access package named in a policy or mapping is not in the current list.",
        help: "Check the package's code against the access-management list; remove or replace it.",
        explanation: "The value of an `urn:altinn:accesspackage` subject (or a package a mapping \
would write) is none of the packages in the access data in use, and no rename is known for it. \
It grants nobody. `convert` never writes such a package into a policy.";

    // ----- TUL4xxx process ------------------------------------------------------------
    UnknownActivityType = "TUL4001", "unknown-activity-type", Warning,
        summary: "A workflow step has an activity type that is not known.",
        help: "Model the step by hand in process.bpmn.",
        explanation: "Workflow steps are FormFilling, Signing, Payment and SendIn. Other step types \
have no automatic Altinn 3 task; the step is kept in the model but must be ported by hand.";

    WorkflowWithoutSteps = "TUL4002", "workflow-without-steps", Warning,
        summary: "The workflow definition has no steps.",
        help: "The default Altinn 3 process (one data task) will be used.",
        explanation: "A workflow without steps gives no process to convert. The app falls back to the \
template's single data task followed by the end event.";

    DuplicateActivity = "TUL4003", "duplicate-activity", Warning,
        summary: "Two workflow steps have the same activityId.",
        help: "Give each step its own activityId.",
        explanation: "Step ids become task ids in process.bpmn and must be unique. The second step \
with the same id is given a suffixed id.";

    PaymentSetup = "TUL4004", "payment-setup", Warning,
        summary: "A payment step needs an agreement and an order calculator.",
        help: "Set up Nets Easy and implement IOrderDetailsCalculator in the app.",
        explanation: "The payment step becomes a payment task. Altinn 3 payments go through Nets Easy: \
the service owner needs an agreement, and the app an IOrderDetailsCalculator that reads the amount \
(the Altinn II amount, description and order number fields) from the form.";

    StepNotConverted = "TUL4005", "step-not-converted", Warning,
        summary: "A workflow step or its condition could not be converted.",
        help: "Model the step by hand in Altinn Studio's process editor.",
        explanation: "The step's type or its condition (conditional signing field, operator) has no \
automatic Altinn 3 counterpart.";

    SigningRule = "TUL4006", "signing-rule", Warning,
        summary: "A signing step has a rule Altinn 3 signing does not have by default.",
        help: "Configure the signing task (unique signers, signee states) or write a validator.",
        explanation: "TUL signing steps could require unique signers, forbid those who signed before, \
or let the user choose the number of signatures. Altinn 3 signing tasks support some of this through \
signatureConfig (uniqueFromSignaturesInDataTypes, user-controlled signing); the rest needs code.";

    // ----- TUL5xxx service ------------------------------------------------------------
    UnknownLanguage = "TUL5001", "unknown-language", Warning,
        summary: "A language code (LCID) is not one of 1044, 2068, 1033, 1083.",
        help: "Altinn 3 has texts in nb, nn, en and se only; what is in this language was not read.",
        explanation: "Altinn II languages are LCIDs: 1044 bokmål (nb), 2068 nynorsk (nn), 1033 English \
(en) and 1083 Northern Sami (se). Another LCID has no Altinn 3 text language, so the files in that \
language were not read.";

    IdentityMissing = "TUL5002", "identity-missing", Error,
        summary: "The service identity (owner code or service name) is missing.",
        help: "Add the property to the Service data area of manifest.xml.",
        explanation: "The service owner code becomes the Altinn 3 org and, with the service name and \
codes, the app id. Without them no app can be named.";

    UnknownProperty = "TUL5003", "unknown-property", Warning,
        summary: "A Property is not one this reader knows.",
        help: "The value is kept in the model's edition parameters; port its meaning by hand.",
        explanation: "Edition parameters whose XML names are not public are read under assumed names \
(see the package spec). A property with another name is kept verbatim in the model and reported, so \
that its meaning can be checked and ported.";

    UnknownDataArea = "TUL5004", "unknown-data-area", Warning,
        summary: "A DataArea type is not known.",
        help: "Check what the data area holds; it was not converted.",
        explanation: "Known data areas are Service, ServiceEdition, Form, AttachmentTypes, Security and \
Workflow. Other areas are reported with their content so nothing is lost.";

    UnknownFileType = "TUL5005", "unknown-file-type", Warning,
        summary: "A File entry has a fileType that is not known.",
        help: "The file was not read; port its content by hand if it matters.",
        explanation: "Known file types are FormTemplate, FormPageMetadata, FormFieldPrefill, FormTrack, \
AttachmentTypes, AuthorizationRules and WorkflowDefinition, plus translation files. A file of \
another type is listed here and not read.";

    UnknownServiceType = "TUL5006", "unknown-service-type", Warning,
        summary: "The ServiceType is not known.",
        help: "Known types: FormTask, Lookup, Correspondence, Broker, Link, Collaboration.",
        explanation: "The service type decides the Altinn 3 target: an app for reporting (FormTask) and \
lookup services, a Resource Registry resource for correspondence, broker and link services. An \
unknown type is treated as a form task when the package has a form.";

    DuplicateText = "TUL5007", "duplicate-text", Warning,
        summary: "A translation file has the same text twice.",
        help: "Only the first is used; remove the duplicate.",
        explanation: "A text is identified by language, data area, text type and text code. Two texts \
with the same identity are ambiguous; the first is kept.";

    UnknownTextType = "TUL5008", "unknown-text-type", Warning,
        summary: "A text has a textType that is not known.",
        help: "The text is kept in the model; check where it is used.",
        explanation: "TUL text types are a fixed list (ServiceName, ServiceEditionName, ReceiptText, \
PageDisplayName, HelpText...). A text of another type is kept, but no later stage knows where it \
belongs, so it will be reported again if it stays unused.";

    UnknownPartyType = "TUL5009", "unknown-party-type", Warning,
        summary: "An allowed party type is not known.",
        help: "Known types: Person, Organisation, SubUnit, BankruptcyEstate.",
        explanation: "Allowed party types map to Altinn 3 partyTypesAllowed (person, organisation, \
subUnit, bankruptcyEstate). Another value cannot be mapped and was ignored.";
    MissingTranslation = "TUL5010", "missing-translation", Warning,
        summary: "Texts have no translation in a language of the app.",
        help: "Translate them in Altinn Studio's text editor.",
        explanation: "Every text resource file must hold every key. Where a language lacks a text, the \
main language's text is used so that nothing is blank; those keys still need a translation.";

    NotAnApp = "TUL5011", "not-an-app", Info,
        summary: "The service is not a form service and does not become an app.",
        help: "Use the Altinn 3 product for this kind of service (Correspondence, Broker, Resource Registry).",
        explanation: "Correspondence services move to the Altinn 3 Correspondence API, broker services \
to Altinn 3 Broker, link and consent services to the Resource Registry. None of them is an Altinn \
Studio app.";
    SplitData = "TUL5012", "split-data", Warning,
        summary: "The edition splits its data between service owners (splitt av data).",
        help: "Send each receiver its part from backend code (events, eFormidling or an API push).",
        explanation: "Altinn II could forward all or an XSLT-selected part of the submitted data to other \
service owners. Altinn 3 has no such setting; subscribe to the instance events and send each receiver \
its part from code, or use eFormidling. Keep the XSLTs as the specification of each part.";

    MasterService = "TUL5013", "master-service", Warning,
        summary: "The edition is a master service other owners could reuse.",
        help: "Each reusing owner needs its own app (or one app with a broader policy).",
        explanation: "An Altinn II master edition could be instantiated by other service owners under their \
own codes. Altinn 3 has no master apps: publish the app as a template, or give the other owners' \
users access through the policy.";

    EncryptedData = "TUL5014", "encrypted-data", Warning,
        summary: "The edition encrypts form data or attachments.",
        help: "Use data types with restricted read access, or encrypt in the owner's systems.",
        explanation: "Altinn II could encrypt sensitive pages (SPO) and binary attachments end to end. \
Altinn 3 has no per-field client-side encryption; protect the data with restricted data types \
(actionRequiredToRead/Write) and a strict policy.";

    CustomUrl = "TUL5015", "custom-url", Warning,
        summary: "The edition replaces a standard page with a custom URL.",
        help: "Build the behaviour into the app (a custom frontend component or a stateless first page).",
        explanation: "TUL let an edition replace instantiation, filling in, signing, printing or help with \
the owner's own pages. An Altinn 3 app owns its whole UI: rebuild the custom step inside the app, \
or link to the owner's page from it.";

    PreInstantiationControl = "TUL5016", "pre-instantiation-control", Warning,
        summary: "The edition checks the user before instantiation.",
        help: "Implement IInstantiationValidator in the app.",
        explanation: "Altinn II pre-instantiation controls (age, registered e-mail...) are discontinued. \
An Altinn 3 app runs the same checks in an IInstantiationValidator.";

    ReceiptEmail = "TUL5017", "receipt-email", Warning,
        summary: "The edition sends a receipt by e-mail.",
        help: "Send it with Altinn Notifications from the app's code on process end.",
        explanation: "Altinn 3 apps send no receipt e-mail by themselves. Order an e-mail through the \
Altinn Notifications API when the process ends (an IProcessEnd handler); the e-mail text is in \
the message.";

    Notifications = "TUL5018", "notifications", Warning,
        summary: "The edition uses notifications (varsling).",
        help: "Recreate the notification templates with the Altinn Notifications API.",
        explanation: "Altinn II notification templates and SMS/e-mail texts are not part of an app. \
Altinn 3 sends notifications through the Notifications API (orders with reminders), from the \
owner's systems or from app code.";

    Consent = "TUL5019", "consent", Warning,
        summary: "The edition has consent settings.",
        help: "Create a consent resource in the Resource Registry.",
        explanation: "Consent-based sharing (samtykke) moves to Altinn 3 Consent, configured as a consent \
resource with its template and texts in the Resource Registry.";

    IntegrityCheck = "TUL5020", "integrity-check", Warning,
        summary: "The edition lets end-user systems sign the XML (integrity check).",
        help: "Drop it, or verify signatures in a validator.",
        explanation: "Altinn II accepted XMLDSig-signed submissions from end-user systems. Altinn 3 has no \
such check; verify a signature in an IFormDataValidator if it is still required.";

    GeographicAccess = "TUL5021", "geographic-access", Warning,
        summary: "The owner's archive access depends on geography.",
        help: "Filter instances in the owner's systems; Altinn 3 has no such access rule.",
        explanation: "Altinn II could restrict the service owner's archive by county, municipality or \
district. Altinn 3 has no geographic access; use data fields to filter in the owner's systems.";

    SbsSetting = "TUL5022", "sbs-setting", Warning,
        summary: "The edition has special rules for end-user systems (SBS).",
        help: "Altinn 3 validates API and GUI submissions alike; put SBS-only logic in validators.",
        explanation: "Settings such as 'only XSD validation for SBS' or overridable fields have no \
counterpart: an Altinn 3 app runs the same validation for all clients. Validators can tell system \
users apart if the distinction is still needed.";

    EnterpriseUsers = "TUL5023", "enterprise-users", Warning,
        summary: "The edition blocks enterprise users.",
        help: "Leave system users out of the policy, or add a rule for them deliberately.",
        explanation: "Altinn II could block enterprise (virksomhets-) users. In Altinn 3 system users and \
Maskinporten clients are granted through the policy; grant them nothing if they should not use the \
app.";

    UnusedText = "TUL5024", "unused-text", Warning,
        summary: "A translated text was not used by the conversion.",
        help: "Check where the text belongs and add it to the app's texts by hand.",
        explanation: "The completeness pass lists the service texts (from the translation files) that no \
stage carried into the app, so that none disappears silently.";

    ContactPointMissing = "TUL5025", "contact-point-missing", Warning,
        summary: "The service has no contact point; the app or resource got a placeholder.",
        help: "Set the service owner's contact point in Studio (About the app / the resource's page).",
        explanation: "Altinn Studio marks an app without `contactPoints` in applicationmetadata.json \
(and a resource without them) as incomplete, and the Resource Registry publishes them at deploy. A \
TUL package holds no contact information, so the converter writes one contact point whose \
`contactPage` says TODO. Replace it with the owner's real contact page, e-mail or telephone.";

    TextCopiedBetweenLanguages = "TUL5026", "text-copied-between-languages", Info,
        summary: "A title or description Studio requires in nb, nn and en was copied from another language.",
        help: "Translate the copied text in Studio.",
        explanation: "Studio requires the app's (or resource's) title, description and rights \
description in Bokmål, Nynorsk and English. Where the Altinn II service had no text in one of \
them, the converter copies the nearest one (Nynorsk from Bokmål and the reverse, English from \
Bokmål) so nothing is blank, and lists what it copied.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in RULES {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.code.len() == 7 && rule.code.starts_with("TUL"),
                "{}",
                rule.code
            );
            assert!(
                rule.code[3..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                rule.code
            );
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                rule.name
            );
            assert!(!rule.explanation.is_empty() && !rule.help.is_empty());
        }
    }

    #[test]
    fn variants_index_their_own_rule() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(Code::parse(code.rule().name), Some(*code));
        }
        assert_eq!(Code::parse("tul0003"), Some(Code::ManifestMissing));
        assert_eq!(Code::parse("TUL9999"), None);
    }

    #[test]
    fn families_follow_the_first_digit() {
        assert_eq!(Family::of(Code::MalformedXml.as_str()), Family::Package);
        assert_eq!(Family::of(Code::DuplicatePage.as_str()), Family::Form);
        assert_eq!(Family::of(Code::RuleWithoutRole.as_str()), Family::Access);
        assert_eq!(
            Family::of(Code::UnknownActivityType.as_str()),
            Family::Process
        );
        assert_eq!(Family::of(Code::UnknownLanguage.as_str()), Family::Service);
    }
}
