//! Nothing dropped silently: every control of every view that is a page (each element that
//! carries `xd:CtrlId`, found here by walking the view's XSL on its own, not by the reader)
//! became a component or is named, by its own id, in a finding about that view. Run over
//! every fixture and every real form.

use crate::apps::{EmittedApp, all};
use std::collections::BTreeSet;

const XD: &str = "http://schemas.microsoft.com/office/infopath/2003";

/// (control id, line) of every element of a view that carries `xd:CtrlId`, in document order.
pub fn control_ids(view: &str) -> Vec<(String, u32)> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(view, options).unwrap();
    doc.descendants()
        .filter_map(|n| {
            let id = n.attribute((XD, "CtrlId"))?;
            Some((id.to_string(), doc.text_pos_at(n.range().start).row))
        })
        .collect()
}

use tul2studio::report::review::names_control as names;

/// The controls of an app's views that are neither a component nor named in a finding.
fn unaccounted(app: &EmittedApp) -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in &app.views {
        let mut seen = BTreeSet::new();
        for (id, line) in control_ids(text) {
            if !seen.insert(id.clone()) {
                continue;
            }
            let component = app
                .components
                .iter()
                .any(|c| (c.control == id || c.also.contains(&id)) && c.origin.file == *file);
            let finding = app.diagnostics.iter().any(|d| {
                d.location.as_ref().is_some_and(|l| l.file == *file) && names(&d.message, &id)
            });
            if !component && !finding {
                out.push(format!("{file}:{line} {id}"));
            }
        }
    }
    out
}

#[test]
fn every_control_of_every_view_is_a_component_or_a_finding() {
    let Some(apps) = all() else { return };
    let mut failures = Vec::new();
    let mut total = 0;
    for app in apps {
        total += app
            .views
            .iter()
            .map(|(_, text)| control_ids(text).len())
            .sum::<usize>();
        let missing = unaccounted(app);
        if !missing.is_empty() {
            failures.push(format!(
                "{}: {} control(s) dropped silently:\n  {}",
                app.name,
                missing.len(),
                missing.join("\n  ")
            ));
        }
    }
    assert!(total > 500, "only {total} controls in all views");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_finding_names_a_control_by_its_whole_id() {
    assert!(names("check box `CTRL5` is", "CTRL5"));
    assert!(names("CTRL5: no title", "CTRL5"));
    assert!(!names("check box `CTRL50` is", "CTRL5"));
    assert!(!names("side1-CTRL5x", "CTRL5"));
}
