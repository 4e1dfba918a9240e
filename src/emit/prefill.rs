//! `App/models/<dataType>.prefill.json` from TUL register prefill: ER, DSF and the user
//! profile (TUL's DLS/Profile fields), each source field → data-model path.

use super::Context;
use super::names::binding_path;
use crate::diagnostics::{Code, Diagnostic};
use serde_json::{Map, Value, json};

/// (register, TUL register field) → (Altinn 3 section, source field).
fn target(register: &str, field: &str) -> Option<(&'static str, &'static str)> {
    let f = field.to_ascii_lowercase();
    Some(match register {
        "ER" => (
            "ER",
            match f.as_str() {
                "organizationnumber" | "orgnumber" => "OrgNumber",
                "name" => "Name",
                "unittype" => "UnitType",
                "telephonenumber" | "phone" => "TelephoneNumber",
                "mobilenumber" | "mobile" => "MobileNumber",
                "faxnumber" | "fax" => "FaxNumber",
                "emailaddress" | "email" => "EMailAddress",
                "internetaddress" | "web" => "InternetAddress",
                "postaladdress" => "MailingAddress",
                "postalpostalcode" => "MailingPostalCode",
                "postalpostalcity" => "MailingPostalCity",
                "businessaddress" => "BusinessAddress",
                "businesspostalcode" => "BusinessPostalCode",
                "businesspostalcity" => "BusinessPostalCity",
                _ => return None,
            },
        ),
        "DSF" => (
            "DSF",
            match f.as_str() {
                "socialsecuritynumber" => "SSN",
                "name" => "Name",
                "firstname" => "FirstName",
                "middlename" => "MiddleName",
                "lastname" => "LastName",
                "postalcode" => "AddressPostalCode",
                "postalcity" => "AddressCity",
                "streetname" => "AddressStreetName",
                "housenumber" => "AddressHouseNumber",
                "houseletter" => "AddressHouseLetter",
                "municipalitynumber" => "AddressMunicipalNumber",
                "municipalityname" => "AddressMunicipalName",
                "telephonenumber" => "TelephoneNumber",
                "mobilenumber" => "MobileNumber",
                _ => return None,
            },
        ),
        "DLS" => (
            "UserProfile",
            match f.as_str() {
                "profileemail" => "Email",
                "profilemobile" => "PhoneNumber",
                "profilessn" => "Party.SSN",
                "profilelastname" => "Party.Person.LastName",
                "profilefirstname" => "Party.Person.FirstName",
                "profilename" => "Party.Name",
                _ => return None,
            },
        ),
        _ => return None,
    })
}

pub fn emit(cx: &mut Context) {
    let Some(prefill) = cx.service.form.as_ref().and_then(|f| f.prefill.as_ref()) else {
        return;
    };
    let mut sections: Map<String, Value> = Map::new();
    for field in &prefill.fields {
        let at =
            || Diagnostic::new(Code::PrefillNotMapped, String::new()).at((&field.origin).into());
        let Some((section, source)) = target(&field.register, &field.register_field) else {
            let mut d = at();
            d.message = format!(
                "register field `{}` of {} has no Altinn 3 prefill source; fill `{}` in code (an IInstantiationProcessor)",
                field.register_field, field.register, field.xpath
            );
            if field.register == "DSF" && field.register_field.eq_ignore_ascii_case("Address") {
                d = d.with_help("Altinn 3 splits the address into street name, house number and letter: bind those, or join them in code.");
            }
            cx.push(d);
            continue;
        };
        let path = field.path.clone();
        if cx.model.find(&path).is_none() {
            let mut d = at();
            d.message = format!("prefill target `{}` is not in the data model", field.xpath);
            cx.push(d);
            continue;
        }
        if field.register == "ER"
            && field
                .context_type
                .as_deref()
                .is_some_and(|c| !c.eq_ignore_ascii_case("ChosenOrgNr"))
        {
            let mut d = at();
            d.message = format!(
                "ER prefill of `{}` uses context `{}`; Altinn 3 always prefills from the party the form is filled for",
                field.xpath,
                field.context_type.as_deref().unwrap_or("")
            );
            cx.push(d);
        }
        let entry = sections.entry(section).or_insert_with(|| json!({}));
        entry[source] = json!(binding_path(cx.model, &path));
    }
    if prefill.key_value_prefill == Some(true) {
        cx.push(
            Diagnostic::new(
                Code::PrefillNotMapped,
                "key/value prefill was allowed: the service owner sent field values per reportee; in Altinn 3 send them as prefill when instantiating through the app API",
            )
            .in_file(prefill.file.clone()),
        );
    }
    if sections.is_empty() {
        return;
    }
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        json!("https://altinncdn.no/schemas/json/prefill/prefill.schema.v1.json"),
    );
    doc.insert("allowOverwrite".into(), json!(true));
    doc.append(&mut sections);
    cx.json(
        format!("App/models/{}.prefill.json", cx.data_type),
        &Value::Object(doc),
    );
}
