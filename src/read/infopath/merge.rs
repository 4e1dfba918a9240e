//! Texts of another language's controls into the main language's controls. Controls match by
//! control id and kind, else by binding and kind; what does not match is reported once per
//! page and language.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Lang;
use crate::ir::form::Control;
use std::collections::HashSet;
use std::mem::discriminant;

pub fn merge(
    main: &mut [Control],
    other: &[Control],
    lang: Lang,
    view: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let others: Vec<&Control> = other.iter().flat_map(Control::walk).collect();
    let mut matched = HashSet::new();
    let mut missing = Vec::new();
    for control in main.iter_mut() {
        merge_one(control, &others, lang, &mut matched, &mut missing);
    }
    let extra: Vec<&str> = others
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, c)| c.id.as_str())
        .collect();
    if !missing.is_empty() || !extra.is_empty() {
        let list = |ids: &[String]| ids.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
        let extra: Vec<String> = extra.into_iter().map(str::to_string).collect();
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(format!(
                "{} control(s) only in the main language ({})",
                missing.len(),
                list(&missing)
            ));
        }
        if !extra.is_empty() {
            parts.push(format!(
                "{} control(s) only in this language ({})",
                extra.len(),
                list(&extra)
            ));
        }
        diagnostics.push(
            Diagnostic::new(
                Code::LanguageStructureDiffers,
                format!(
                    "the `{}` view differs from the main language: {}",
                    lang.code(),
                    parts.join("; ")
                ),
            )
            .in_file(view),
        );
    }
}

fn merge_one(
    control: &mut Control,
    others: &[&Control],
    lang: Lang,
    matched: &mut HashSet<usize>,
    missing: &mut Vec<String>,
) {
    let same_kind = |o: &Control| discriminant(&o.kind) == discriminant(&control.kind);
    let found = others
        .iter()
        .enumerate()
        .find(|(i, o)| !matched.contains(i) && o.id == control.id && same_kind(o))
        .or_else(|| {
            others.iter().enumerate().find(|(i, o)| {
                !matched.contains(i)
                    && control.binding.is_some()
                    && o.binding == control.binding
                    && same_kind(o)
            })
        });
    match found {
        Some((i, o)) => {
            matched.insert(i);
            copy(&mut control.label, &o.label, lang);
            copy(&mut control.description, &o.description, lang);
            for option in &mut control.options {
                if let Some(theirs) = o.options.iter().find(|t| t.value == option.value) {
                    copy(&mut option.label, &theirs.label, lang);
                }
            }
        }
        None => missing.push(control.id.clone()),
    }
    for child in &mut control.children {
        merge_one(child, others, lang, matched, missing);
    }
}

fn copy(into: &mut crate::ir::form::LangText, from: &crate::ir::form::LangText, lang: Lang) {
    if let Some(text) = from.get(&lang) {
        into.insert(lang, text.clone());
    }
}
