//! `App/config/applicationmetadata.json`: id, title in every language, data types (the
//! PDF, the form model, one per upload), allowed party types and validity.

use super::Context;
use super::process::DATA_TASK;
use crate::ir::PartyType;
use serde_json::{Map, Value, json};

pub fn emit(cx: &mut Context) {
    let service = cx.service;
    let title: Map<String, Value> = cx
        .texts
        .langs
        .iter()
        .map(|lang| {
            let text = service
                .texts
                .iter()
                .find(|t| t.lang == *lang && t.text_type.eq_ignore_ascii_case("ServiceName"))
                .map(|t| t.value.clone())
                .or_else(|| service.identity.name.clone())
                .unwrap_or_else(|| cx.app.clone());
            (lang.code().to_string(), json!(text))
        })
        .collect();
    cx.texts.add(
        "appName",
        &title
            .iter()
            .filter_map(|(l, v)| Some((lang_of(l)?, v.as_str()?.to_string())))
            .collect(),
    );
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
    cx.json("App/config/applicationmetadata.json", &doc);
}

fn lang_of(code: &str) -> Option<crate::ir::Lang> {
    crate::ir::Lang::ALL.into_iter().find(|l| l.code() == code)
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
