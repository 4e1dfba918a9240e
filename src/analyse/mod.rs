//! Stage 3, analyse: checks across the parts of the read service (a page's view must exist in
//! every language's template, references must name real pages...). Reads the IR only.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Service;
use crate::ir::form::Control;
use crate::ir::model::DataModel;

pub mod features;

pub fn analyse(service: &Service) -> Vec<Diagnostic> {
    let mut out = features::features(service);
    let Some(form) = &service.form else {
        return out;
    };
    if form.templates.is_empty() {
        out.push(
            Diagnostic::new(
                Code::FormTemplateMissing,
                "the Form data area names no readable form template (.xsn)",
            )
            .in_file("manifest.xml"),
        );
    }
    for lang in &service.languages {
        if !form.templates.is_empty() && !form.templates.iter().any(|t| t.lang == *lang) {
            out.push(
                Diagnostic::new(
                    Code::LanguageWithoutTemplate,
                    format!(
                        "language `{}` has translations but no form template",
                        lang.code()
                    ),
                )
                .in_file("manifest.xml"),
            );
        }
    }
    for page in &form.pages {
        let Some(view) = &page.transform else {
            continue;
        };
        for template in form.templates.iter().filter(|t| !t.members.is_empty()) {
            if template.member(view).is_none() {
                out.push(
                    Diagnostic::new(
                        Code::PageViewMissing,
                        format!(
                            "page `{}` uses view `{view}`, which is not in `{}`",
                            page.name, template.file
                        ),
                    )
                    .at((&page.origin).into()),
                );
            }
        }
    }
    if let Some(model) = &form.model {
        out.extend(unresolved_bindings(
            model,
            form.pages.iter().flat_map(|p| &p.controls),
        ));
    }
    let known_page = |name: &str| form.pages.iter().any(|p| p.name.eq_ignore_ascii_case(name));
    let prefill_pages = form
        .prefill
        .iter()
        .flat_map(|p| &p.fields)
        .filter_map(|f| Some((f.page.as_deref()?, &f.origin, "prefill field")));
    let track_pages = form.tracks.iter().flat_map(|t| {
        std::iter::once((t.page.as_str(), &t.origin, "form track")).chain(
            t.choices.iter().flat_map(|c| {
                c.pages
                    .iter()
                    .map(|p| (p.as_str(), &t.origin, "form track choice"))
            }),
        )
    });
    for (page, origin, what) in prefill_pages.chain(track_pages) {
        if !known_page(page) {
            out.push(
                Diagnostic::new(
                    Code::UnknownPageReference,
                    format!("{what} names page `{page}`, which does not exist"),
                )
                .at(origin.into()),
            );
        }
    }
    out
}

/// Every binding of a control (helpers aside) must name a node of the data model.
pub fn unresolved_bindings<'c>(
    model: &DataModel,
    controls: impl Iterator<Item = &'c Control>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for control in controls.flat_map(Control::walk) {
        let Some(binding) = &control.binding else {
            continue;
        };
        if binding.helper.is_none() && model.find(&binding.path).is_none() {
            out.push(
                Diagnostic::new(
                    Code::BindingUnresolved,
                    format!(
                        "{} `{}` is bound to `{}`, which is not in the data model",
                        control.kind.name(),
                        control.id,
                        binding.path
                    ),
                )
                .at((&control.origin).into()),
            );
        }
    }
    out
}
