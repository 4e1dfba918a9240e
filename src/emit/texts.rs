//! The text resources of the app: one table of keys with a text per language, written as
//! `App/config/texts/resource.<lang>.json`. Keys are readable and stable (they come from
//! page names, component ids and roles of a text) and never collide: a taken key with a
//! different text gets a numbered twin.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Lang;
use crate::ir::form::LangText;
use serde_json::json;
use std::collections::BTreeMap;

pub struct Texts {
    pub langs: Vec<Lang>,
    pub main: Lang,
    entries: BTreeMap<String, LangText>,
}

impl Texts {
    pub fn new(langs: Vec<Lang>, main: Lang) -> Self {
        Texts {
            langs,
            main,
            entries: BTreeMap::new(),
        }
    }

    /// Adds `text` under `key` (or a numbered twin when `key` holds another text) and returns
    /// the key used; `None` when the text is empty in every language.
    pub fn add(&mut self, key: &str, text: &LangText) -> Option<String> {
        let text: LangText = text
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(l, v)| (*l, v.clone()))
            .collect();
        if text.is_empty() {
            return None;
        }
        let mut candidate = key.to_string();
        let mut n = 1;
        loop {
            match self.entries.get(&candidate) {
                None => {
                    self.entries.insert(candidate.clone(), text);
                    return Some(candidate);
                }
                Some(existing) if *existing == text => return Some(candidate),
                Some(_) => {
                    n += 1;
                    candidate = format!("{key}-{n}");
                }
            }
        }
    }

    /// The same text in every language.
    pub fn add_all(&mut self, key: &str, text: &str) -> Option<String> {
        let all: LangText = self.langs.iter().map(|l| (*l, text.to_string())).collect();
        self.add(key, &all)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// One resource file per language. A key without a text in a language gets the main
    /// language's text (or any), and the gap is reported once per language.
    pub fn files(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for lang in &self.langs {
            let mut missing = Vec::new();
            let resources: Vec<_> = self
                .entries
                .iter()
                .map(|(id, text)| {
                    let value = text.get(lang).cloned().unwrap_or_else(|| {
                        missing.push(id.clone());
                        text.get(&self.main)
                            .or_else(|| text.values().next())
                            .cloned()
                            .unwrap_or_default()
                    });
                    json!({ "id": id, "value": value })
                })
                .collect();
            if !missing.is_empty() {
                let shown: Vec<_> = missing.iter().take(6).cloned().collect();
                diagnostics.push(
                    Diagnostic::new(
                        Code::MissingTranslation,
                        format!(
                            "{} text(s) have no `{}` translation and use the main language's text: {}{}",
                            missing.len(),
                            lang.code(),
                            shown.join(", "),
                            if missing.len() > shown.len() { ", ..." } else { "" }
                        ),
                    )
                    .in_file(format!("App/config/texts/resource.{}.json", lang.code())),
                );
            }
            let doc = json!({
                "$schema": "https://altinncdn.no/toolkits/altinn-app-frontend/4/schemas/json/text-resources/text-resources.schema.v1.json",
                "language": lang.code(),
                "resources": resources,
            });
            out.push((
                format!("App/config/texts/resource.{}.json", lang.code()),
                super::json_bytes(&doc),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_reused_for_equal_texts_and_twinned_for_others() {
        let mut t = Texts::new(vec![Lang::Nb, Lang::En], Lang::Nb);
        let a = LangText::from([(Lang::Nb, "Navn".to_string())]);
        let b = LangText::from([(Lang::Nb, "Adresse".to_string())]);
        assert_eq!(t.add("x.title", &a).as_deref(), Some("x.title"));
        assert_eq!(t.add("x.title", &a).as_deref(), Some("x.title"));
        assert_eq!(t.add("x.title", &b).as_deref(), Some("x.title-2"));
        assert_eq!(t.add("y", &LangText::new()), None);
        let mut diags = Vec::new();
        let files = t.files(&mut diags);
        assert_eq!(files.len(), 2);
        assert_eq!(diags.len(), 1, "en lacks both texts");
        let en: serde_json::Value = serde_json::from_slice(&files[1].1).unwrap();
        assert_eq!(en["resources"][0]["value"], "Navn");
    }
}
