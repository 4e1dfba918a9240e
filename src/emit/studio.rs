//! What Altinn Studio requires of an app's (or a resource's) description before it calls it
//! complete, and the Resource Registry reads at deploy: title, description and the rights'
//! description in nb, nn and en, and a contact point (Designer `appValidationUtils.ts`,
//! resourceadm `resourceUtils.ts` `validateResource`).

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Lang;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The languages Studio requires every description in.
pub const REQUIRED: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

/// The texts in every language they exist in, and in nb, nn and en in any case: a missing one
/// is copied from the nearest that exists (nb and nn from each other, en from nb) and reported.
pub fn in_required_languages(
    what: &str,
    texts: &BTreeMap<Lang, String>,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Map<String, Value> {
    let mut out: Map<String, Value> = texts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(l, v)| (l.code().to_string(), json!(v)))
        .collect();
    let Some(any) = texts.values().find(|v| !v.trim().is_empty()) else {
        return out;
    };
    let order = |lang: Lang| -> [Lang; 3] {
        match lang {
            Lang::Nb => [Lang::Nn, Lang::En, Lang::Se],
            Lang::Nn => [Lang::Nb, Lang::En, Lang::Se],
            _ => [Lang::Nb, Lang::Nn, Lang::Se],
        }
    };
    let mut copied = Vec::new();
    for lang in REQUIRED {
        if out.contains_key(lang.code()) {
            continue;
        }
        let from = order(lang)
            .into_iter()
            .find(|l| texts.get(l).is_some_and(|v| !v.trim().is_empty()));
        let value = from.and_then(|l| texts.get(&l)).unwrap_or(any);
        out.insert(lang.code().to_string(), json!(value));
        copied.push(format!(
            "{} from {}",
            lang.code(),
            from.map(Lang::code).unwrap_or("another language")
        ));
    }
    if !copied.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::TextCopiedBetweenLanguages,
                format!(
                    "the {what} has no text in every language Studio requires; copied {}: translate it in Studio",
                    copied.join(", ")
                ),
            )
            .in_file(file),
        );
    }
    out
}

/// "Access to the service «title»", per language, for `rightDescription`.
pub fn right_description(title: &Map<String, Value>) -> Map<String, Value> {
    title
        .iter()
        .filter_map(|(lang, t)| {
            let t = t.as_str()?;
            let text = match lang.as_str() {
                "nb" => format!("Gir tilgang til tjenesten «{t}»."),
                "nn" => format!("Gir tilgang til tenesta «{t}»."),
                "se" => format!("Addá beassama bálvalussii «{t}»."),
                _ => format!("Gives access to the service “{t}”."),
            };
            Some((lang.clone(), json!(text)))
        })
        .collect()
}

/// Marks the contact point no Altinn II package holds.
pub const CONTACT_PLACEHOLDER: &str = "TODO (tul2studio): the service owner's contact page";

/// A contact point Studio accepts, clearly a placeholder, and the finding that says so.
pub fn contact_points(file: &str, diagnostics: &mut Vec<Diagnostic>) -> Value {
    diagnostics.push(
        Diagnostic::new(
            Code::ContactPointMissing,
            format!(
                "a TUL package names no contact point; {file} has a placeholder (`{CONTACT_PLACEHOLDER}`): set the real one in Studio before deploying"
            ),
        )
        .in_file(file),
    );
    json!([{ "category": "Support", "email": "", "telephone": "", "contactPage": CONTACT_PLACEHOLDER }])
}
