//! `App/config/applicationmetadata.json`: id, title and description in every language (nb,
//! nn and en at least, as Studio requires), access (rights description, delegable, visible),
//! contact points, data types (the PDF, the form model, one per upload), allowed party types
//! and validity.

use super::Context;
use super::process::DATA_TASK;
use super::studio;
use crate::ir::{Lang, PartyType};
use serde_json::json;
use std::collections::BTreeMap;

pub fn emit(cx: &mut Context) {
    let service = cx.service;
    const FILE: &str = "App/config/applicationmetadata.json";
    let texts_of = |text_type: &str| -> BTreeMap<Lang, String> {
        service
            .texts
            .iter()
            .filter(|t| t.text_type.eq_ignore_ascii_case(text_type) && !t.value.trim().is_empty())
            .map(|t| (t.lang, t.value.clone()))
            .collect()
    };
    let fallback = service
        .identity
        .name
        .clone()
        .unwrap_or_else(|| cx.app.clone());
    let mut names = texts_of("ServiceName");
    for lang in &cx.texts.langs {
        names.entry(*lang).or_insert_with(|| fallback.clone());
    }
    cx.texts.add(
        "appName",
        &names
            .iter()
            .filter(|(l, _)| cx.texts.langs.contains(l))
            .map(|(l, v)| (*l, v.clone()))
            .collect(),
    );
    let mut found = Vec::new();
    let title = studio::in_required_languages("app's title", &names, FILE, &mut found);
    let mut about = texts_of("ServiceEditionName");
    if about.is_empty() {
        about = names.clone();
    }
    let description = studio::in_required_languages("app's description", &about, FILE, &mut found);
    let access = json!({
        "rightDescription": studio::right_description(&title),
        "delegable": true,
        "visible": true,
    });
    let contact_points = studio::contact_points(FILE, &mut found);
    cx.diagnostics.append(&mut found);
    let mut data_types = vec![
        json!({ "id": "ref-data-as-pdf", "allowedContentTypes": ["application/pdf"], "maxCount": 0, "minCount": 0,
                "enablePdfCreation": true, "enableFileScan": false, "validationErrorOnPendingFileScan": false,
                "enabledFileAnalysers": [], "enabledFileValidators": [] }),
        json!({ "id": cx.data_type, "allowedContentTypes": ["application/xml"], "taskId": DATA_TASK,
                "appLogic": { "autoCreate": true, "classRef": format!("Altinn.App.Models.{0}.{0}", cx.data_type) },
                "maxCount": 1, "minCount": 1, "enablePdfCreation": true, "enableFileScan": false,
                "validationErrorOnPendingFileScan": false, "enabledFileAnalysers": [], "enabledFileValidators": [] }),
    ];
    for upload in &cx.uploads {
        let mut t = json!({ "id": upload.id, "taskId": DATA_TASK, "maxCount": upload.max_count, "minCount": upload.min_count,
                            "enablePdfCreation": false, "enableFileScan": false, "validationErrorOnPendingFileScan": false,
                            "enabledFileAnalysers": [], "enabledFileValidators": [] });
        if let Some(size) = upload.max_size_mb {
            t["maxSize"] = json!(size.min(200));
        }
        if let Some(exts) = &upload.extensions {
            let mut types: Vec<&str> = exts.iter().map(|e| mime(e)).collect();
            types.dedup();
            t["allowedContentTypes"] = json!(types);
        }
        if !upload.description.is_empty() {
            t["description"] = json!(
                upload
                    .description
                    .iter()
                    .map(|(l, v)| (l.code(), v))
                    .collect::<std::collections::BTreeMap<_, _>>()
            );
        }
        data_types.push(t);
    }
    // Data types later tasks need (signatures, payment), added by the process stage.
    data_types.extend(cx.data_types.iter().cloned());
    let allowed = &service.edition.allowed_party_types;
    let party = |p: PartyType| allowed.is_empty() || allowed.contains(&p);
    let mut doc = json!({
        "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/application/application-metadata.schema.v1.json",
        "id": format!("{}/{}", cx.org, cx.app),
        "org": cx.org,
        "title": title,
        "description": description,
        "access": access,
        "contactPoints": contact_points,
        "dataTypes": data_types,
        "partyTypesAllowed": {
            "bankruptcyEstate": party(PartyType::BankruptcyEstate),
            "organisation": party(PartyType::Organisation),
            "person": party(PartyType::Person),
            "subUnit": party(PartyType::SubUnit),
        },
        "autoDeleteOnProcessEnd": false,
    });
    if let Some(from) = &service.edition.valid_from {
        doc["validFrom"] = json!(format!("{from}T00:00:00Z"));
    }
    if let Some(to) = &service.edition.valid_to {
        doc["validTo"] = json!(format!("{to}T23:59:59Z"));
    }
    if let Some(by) = service.package_info.get("CreatedBy") {
        doc["createdBy"] = json!(by);
    }
    if let Some(date) = &service.identity.last_updated {
        doc["lastChanged"] = json!(format!("{date}T00:00:00Z"));
    }
    cx.json(FILE, &doc);
}

/// The MIME type of a file extension (the common ones in Altinn II attachment types).
pub fn mime(extension: &str) -> &'static str {
    match extension.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "rtf" => "application/rtf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "bmp" => "image/bmp",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}
