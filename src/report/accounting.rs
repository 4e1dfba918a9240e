//! What was in a package and how much of it was converted: automatically, with a warning, or
//! left for hand work. Derived from the model and the final diagnostics: an item is "by hand"
//! when a diagnostic at its location has a hand-work outcome in the registry, "with a warning"
//! when any other warning stands there, else automatic.

use crate::access::{self, RoleKind};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::ir::form::Control;
use crate::ir::{ActivityType, Origin, PageType, Service};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;

/// Item kinds in report order.
pub const KINDS: [&str; 8] = [
    "pages",
    "controls",
    "bindings",
    "rules",
    "roles",
    "steps",
    "attachment types",
    "texts",
];

/// How many items of one kind a package had, and how they were converted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub total: usize,
    pub automatic: usize,
    pub with_warning: usize,
    pub by_hand: usize,
}

/// Per item kind, in [`KINDS`] order.
pub type Accounting = Vec<(&'static str, Tally)>;

/// A binding is left for hand work only when the finding is about the binding itself; a
/// control's other hand work (a rule, a condition) leaves its binding converted.
const BINDING_BY_HAND: &[Code] = &[
    Code::HelperField,
    Code::BindingUnresolved,
    Code::ControlNotConverted,
];

enum Status {
    Automatic,
    Warning,
    ByHand,
}

struct Index<'d> {
    at: BTreeMap<(String, NonZeroU32), Vec<&'d Diagnostic>>,
}

impl<'d> Index<'d> {
    fn new(diagnostics: &'d [Diagnostic]) -> Self {
        let mut at: BTreeMap<(String, NonZeroU32), Vec<&Diagnostic>> = BTreeMap::new();
        for d in diagnostics {
            if let Some(loc) = &d.location
                && let Some(line) = loc.line
            {
                at.entry((loc.file.clone(), line)).or_default().push(d);
            }
        }
        Index { at }
    }

    /// By hand when a finding at the item's location has a hand-work outcome in the registry.
    fn status(&self, origin: &Origin) -> Status {
        self.status_by(origin, |code| code.rule().outcome.is_hand_work())
    }

    fn status_by(&self, origin: &Origin, hand: impl Fn(Code) -> bool) -> Status {
        // An item the converter made up has no line, and no finding stands at it.
        let found = origin
            .line
            .and_then(|line| self.at.get(&(origin.file.clone(), line)))
            .map(Vec::as_slice)
            .unwrap_or_default();
        if found.iter().any(|d| hand(d.code)) {
            Status::ByHand
        } else if found.iter().any(|d| d.severity >= Severity::Warning) {
            Status::Warning
        } else {
            Status::Automatic
        }
    }
}

fn count(tally: &mut Tally, status: Status) {
    tally.total += 1;
    match status {
        Status::Automatic => tally.automatic += 1,
        Status::Warning => tally.with_warning += 1,
        Status::ByHand => tally.by_hand += 1,
    }
}

pub fn account(service: &Service, diagnostics: &[Diagnostic]) -> Accounting {
    let index = Index::new(diagnostics);
    let mut map: BTreeMap<String, Tally> = BTreeMap::new();
    let mut tally =
        |kind: &str, status: Status| count(map.entry(kind.to_string()).or_default(), status);
    if let Some(form) = &service.form {
        for page in &form.pages {
            let status = match page.page_type {
                PageType::Form => index.status(&page.origin),
                PageType::Sensitive | PageType::Other(_) => Status::ByHand,
                _ => Status::Warning,
            };
            tally("pages", status);
            let controls: Vec<&Control> = page.controls.iter().flat_map(Control::walk).collect();
            for c in &controls {
                tally("controls", index.status(&c.origin));
                if c.binding.is_some() {
                    tally(
                        "bindings",
                        index.status_by(&c.origin, |code| BINDING_BY_HAND.contains(&code)),
                    );
                }
            }
        }
    }
    for rule in service.authorization.iter().flat_map(|a| &a.rules) {
        tally("rules", index.status(&rule.origin));
    }
    let roles: BTreeSet<String> = service
        .authorization
        .iter()
        .flat_map(|a| &a.rules)
        .flat_map(|r| &r.subjects)
        .flat_map(|s| &s.role_codes)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    for code in roles {
        let mapping = access::map_role(&code, None);
        let status = match mapping.role.map(|r| r.kind) {
            Some(RoleKind::Altinn2)
                if mapping.candidates.iter().any(|c| c.confidence.is_high()) =>
            {
                Status::Warning
            }
            Some(RoleKind::Altinn2) | None => Status::ByHand,
            Some(_) => Status::Automatic,
        };
        tally("roles", status);
    }
    for step in service.workflow.iter().flat_map(|w| &w.steps) {
        let status = match step.activity_type {
            ActivityType::Other(_) => Status::ByHand,
            _ => index.status(&step.origin),
        };
        tally("steps", status);
    }
    for t in &service.attachment_types {
        tally("attachment types", index.status(&t.origin));
    }
    for t in &service.texts {
        tally("texts", index.status(&t.origin));
    }
    KINDS
        .iter()
        .map(|k| (*k, map.get(*k).copied().unwrap_or_default()))
        .collect()
}
