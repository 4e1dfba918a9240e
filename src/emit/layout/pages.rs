//! The pages the converter adds to the form's own: attachments, summary, the signing and
//! payment layout sets, and the fixed texts they use.

use super::super::Context;
use super::super::names::unique_component_id as unique;
use super::super::process::{DATA_TASK, TaskKind};
use super::{LAYOUT_SCHEMA, Pages, UploadType};
use crate::ir::Lang;
use crate::ir::form::LangText;
use serde_json::{Value, json};

pub(super) fn attachments_page(cx: &mut Context, state: &mut Pages) {
    let types = &cx.service.attachment_types;
    if types.is_empty() {
        return;
    }
    let mut components = Vec::new();
    for t in types {
        let id = unique(&mut state.ids, &t.name);
        let max_count = t.max_count.unwrap_or(1).max(1);
        let mut c = json!({
            "id": id,
            "type": "FileUpload",
            "displayMode": "list",
            "maxFileSizeInMB": t.max_size_mb.unwrap_or(25).min(200),
            "maxNumberOfAttachments": max_count,
            "minNumberOfAttachments": t.min_count.unwrap_or(0),
        });
        if let Some(key) = cx.texts.add(&format!("{id}.title"), &t.texts) {
            c["textResourceBindings"] = json!({ "title": key });
        }
        if let Some(exts) = &t.allowed_extensions {
            c["validFileEndings"] = json!(exts.iter().map(|e| format!(".{e}")).collect::<Vec<_>>());
            c["hasCustomFileEndings"] = json!(true);
        }
        components.push(c);
        state.uploads.push(UploadType {
            id,
            description: t.texts.clone(),
            max_size_mb: t.max_size_mb,
            min_count: t.min_count.unwrap_or(0),
            max_count,
            extensions: t.allowed_extensions.clone(),
        });
    }
    let title: LangText = cx
        .texts
        .langs
        .iter()
        .map(|l| (*l, attachments_title(*l).to_string()))
        .collect();
    cx.texts.add("Vedlegg", &title);
    let mut name = String::from("Vedlegg");
    while state
        .layouts
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(&name))
    {
        name.push('x');
    }
    state.layouts.push((name, components));
}

fn attachments_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb | Lang::Nn => "Vedlegg",
        Lang::En => "Attachments",
        Lang::Se => "Mielddusat",
    }
}

pub(super) fn summary_page(cx: &mut Context, state: &mut Pages) {
    add_fixed(
        cx,
        &[
            (
                "summary.title",
                ["Oppsummering", "Oppsummering", "Summary", "Čoahkkáigeassu"],
            ),
            ("submit.title", ["Send inn", "Send inn", "Submit", "Sádde"]),
            (
                "Summary",
                ["Oppsummering", "Oppsummering", "Summary", "Čoahkkáigeassu"],
            ),
        ],
    );
    let header = unique(&mut state.ids, "summary-title");
    let mut components = vec![
        json!({ "id": header, "type": "Header", "size": "h2", "textResourceBindings": { "title": "summary.title" } }),
    ];
    // One summary per other page: the whole layout set would summarise this page too.
    let pages: Vec<String> = state.layouts.iter().map(|(n, _)| n.clone()).collect();
    for page in pages {
        let id = unique(&mut state.ids, &format!("summary-{page}"));
        components.push(
            json!({ "id": id, "type": "Summary2", "target": { "type": "page", "id": page } }),
        );
    }
    let submit = unique(&mut state.ids, "submit");
    components.push(
        json!({ "id": submit, "type": "Button", "textResourceBindings": { "title": "submit.title" } }),
    );
    state.layouts.push(("Summary".into(), components));
}

/// One layout set per kind of later task: signing (a summary and sign/reject buttons) and
/// payment (the Payment component).
pub(super) fn task_sets(cx: &mut Context, state: &mut Pages) -> Vec<Value> {
    let mut sets = Vec::new();
    for (kind, set, page) in [
        (TaskKind::Signing, "signing", "Signering"),
        (TaskKind::Payment, "payment", "Betaling"),
    ] {
        let tasks: Vec<String> = cx
            .tasks
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.id.clone())
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let mut components = Vec::new();
        if kind == TaskKind::Signing {
            add_fixed(
                cx,
                &[
                    (
                        "signing.title",
                        ["Signering", "Signering", "Signing", "Vuolláičállin"],
                    ),
                    ("signing.sign", ["Signer", "Signer", "Sign", "Vuolláičálle"]),
                    ("signing.reject", ["Avvis", "Avvis", "Reject", "Hilgo"]),
                ],
            );
            components.push(json!({ "id": unique(&mut state.ids, "signing-title"), "type": "Header", "size": "h2", "textResourceBindings": { "title": "signing.title" } }));
            components.push(json!({ "id": unique(&mut state.ids, "signing-summary"), "type": "Summary2", "target": { "type": "layoutSet", "taskId": DATA_TASK } }));
            components.push(json!({ "id": unique(&mut state.ids, "sign-button"), "type": "ActionButton", "action": "sign", "buttonStyle": "primary", "textResourceBindings": { "title": "signing.sign" } }));
            components.push(json!({ "id": unique(&mut state.ids, "reject-button"), "type": "ActionButton", "action": "reject", "buttonStyle": "secondary", "textResourceBindings": { "title": "signing.reject" } }));
        } else {
            add_fixed(
                cx,
                &[(
                    "payment.title",
                    ["Betaling", "Betaling", "Payment", "Máksin"],
                )],
            );
            components.push(json!({ "id": unique(&mut state.ids, "payment"), "type": "Payment", "textResourceBindings": { "title": "payment.title" } }));
        }
        cx.json(
            format!("App/ui/{set}/layouts/{page}.json"),
            &json!({ "$schema": LAYOUT_SCHEMA, "data": { "layout": components } }),
        );
        cx.json(
            format!("App/ui/{set}/Settings.json"),
            &json!({
                "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/layout/layoutSettings.schema.v1.json",
                "pages": { "order": [page] },
            }),
        );
        sets.push(json!({ "id": set, "dataType": cx.data_type, "tasks": tasks }));
    }
    sets
}

/// Texts given in nb, nn, en and se, added for the app's languages.
pub(super) fn add_fixed(cx: &mut Context, texts: &[(&str, [&str; 4])]) {
    for (key, values) in texts {
        let text: LangText = cx
            .texts
            .langs
            .iter()
            .map(|l| {
                (
                    *l,
                    values[Lang::ALL.iter().position(|x| x == l).unwrap_or(0)].to_string(),
                )
            })
            .collect();
        cx.texts.add(key, &text);
    }
}

/// TUL receipt texts become the receipt's texts.
pub(super) fn receipt_texts(cx: &mut Context) {
    for (text_type, key) in [
        ("ReceiptText", "receipt.body"),
        ("ReceiptInformationText", "receipt.subtitle"),
    ] {
        let text: LangText = cx
            .service
            .texts
            .iter()
            .filter(|t| t.text_type.eq_ignore_ascii_case(text_type))
            .map(|t| (t.lang, t.value.clone()))
            .collect();
        cx.texts.add(key, &text);
    }
}
