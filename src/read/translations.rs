//! Translation files: `Translation[@language]/DataAreas/DataArea[@type]/Texts/Text`, with the
//! Form area's texts one level deeper under `LogicalForm` (accepted with or without it).

use super::Reader;
use super::xml::{self, Xml, attr, elements, is};
use crate::diagnostics::{Code, Location};
use crate::ir::{Lang, Text};
use roxmltree::Node;
use std::collections::HashSet;

/// Text types of the TUL text-type list, plus `HelpText` which real packages use.
const KNOWN_TEXT_TYPES: &[&str] = &[
    "Help",
    "HelpText",
    "WorkflowParameter",
    "PageDisplayName",
    "ServiceName",
    "ServiceEditionName",
    "LogicalForm",
    "Parameter",
    "ExpressionBox",
    "DropdownListBox",
    "ListBox",
    "Button",
    "HyperLink",
    "TableHeader",
    "HintText",
    "ValidationText1",
    "ValidationText2",
    "ReceiptText",
    "FormName",
    "SenderName",
    "LookUpInfoRightPane",
    "StateName",
    "EventName",
    "Title",
    "ImageUrl",
    "Text",
    "StatusText",
    "LinkList",
    "NoticeName",
    "RoleTypeName",
    "RoleTypeDescription",
    "ERDiscription",
    "AlternateText",
    "TooltipText",
    "AllDialogPageTexts",
    "ResourceText1",
    "ResourceText2",
    "PictureButton",
    "CustomHelpURL",
    "XSD_CaptionText",
    "XSD_HelpText",
    "XSD_ErrorText",
    "XSD_DSEText",
    "ReceiptEmailText",
    "ReceiptInformationText",
    "AccessConsentDescription",
    "AccessConsentDetails",
    "DelegationDescriptionText",
];

pub fn read(r: &mut Reader, name: &str, at: &Location, lang: Lang) -> Option<Vec<Text>> {
    r.with_xml(name, at, "Translation", |r, xml| {
        let root = xml.root();
        if let Some(declared) = attr(root, "language")
            && Lang::from_lcid(declared) != Some(lang)
        {
            r.push(xml.diag(
                Code::InvalidValue,
                root,
                format!("the file declares language `{declared}` but the manifest lists it as {}; the manifest wins", lang.lcid()),
            ));
        }
        let mut texts = Texts::default();
        for child in elements(root) {
            if !is(child, "DataAreas") {
                r.push(xml.unknown(child, "Translation"));
                continue;
            }
            for area in elements(child) {
                if !is(area, "DataArea") {
                    r.push(xml.unknown(area, "DataAreas"));
                    continue;
                }
                let area_type = attr(area, "type").unwrap_or("").to_string();
                read_area(r, xml, area, &area_type, lang, &mut texts);
            }
        }
        texts.list
    })
}

#[derive(Default)]
struct Texts {
    list: Vec<Text>,
    /// (area, text type, text code), case-folded: the identity of a text in one language.
    seen: HashSet<(String, String, String)>,
}

fn read_area(r: &mut Reader, xml: &Xml, node: Node, area: &str, lang: Lang, out: &mut Texts) {
    for child in elements(node) {
        if is(child, "LogicalForm") {
            read_area(r, xml, child, area, lang, out);
        } else if is(child, "Texts") {
            for t in elements(child) {
                if is(t, "Text") {
                    read_text(r, xml, t, area, lang, out);
                } else {
                    r.push(xml.unknown(t, "Texts"));
                }
            }
        } else if is(child, "Text") {
            read_text(r, xml, child, area, lang, out);
        } else {
            r.push(xml.unknown(child, &format!("translation data area `{area}`")));
        }
    }
}

fn read_text(r: &mut Reader, xml: &Xml, t: Node, area: &str, lang: Lang, out: &mut Texts) {
    let Some(text_type) = xml::value(t, "textType") else {
        r.push(xml.diag(
            Code::MissingAttribute,
            t,
            "a Text without textType was skipped",
        ));
        return;
    };
    if !KNOWN_TEXT_TYPES
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&text_type))
    {
        r.push(xml.diag(
            Code::UnknownTextType,
            t,
            format!("text type `{text_type}` is not known; the text is kept"),
        ));
    }
    let text_code = xml::value(t, "textCode").unwrap_or_default();
    let key = (
        area.to_lowercase(),
        text_type.to_lowercase(),
        text_code.to_lowercase(),
    );
    if !out.seen.insert(key) {
        r.push(xml.diag(
            Code::DuplicateText,
            t,
            format!(
                "text `{text_type}`/`{text_code}` of area `{area}` appears twice; the first is kept"
            ),
        ));
        return;
    }
    out.list.push(Text {
        lang,
        area: area.to_string(),
        text_type,
        text_code,
        // Element content; a `Value` child is tolerated.
        value: xml::child(t, "Value").map_or_else(|| xml::text(t), xml::text),
        origin: xml.origin(t),
    });
}
