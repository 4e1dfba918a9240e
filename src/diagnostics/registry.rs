//! The registry of diagnostic codes: the only place a code, its severity and its texts are
//! written. `explain`, the SARIF rule table and the generated docs all read from here.
//!
//! Codes are grouped in families by pipeline area; the first digit after `TUL` is the family.
//! A code is never reused for another meaning: retire it instead.

use super::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// TUL0xxx: the container, XML, text decoding, cabinets.
    Package,
    /// TUL1xxx: form pages, views, controls, texts, prefill, tracks.
    Form,
    /// TUL2xxx: the data model (XSD).
    Model,
    /// TUL3xxx: authorization rules, roles, access packages.
    Access,
    /// TUL4xxx: the workflow / process.
    Process,
    /// TUL5xxx: service identity, edition parameters, languages, attachment types.
    Service,
}

impl Family {
    pub fn of(code: &str) -> Family {
        match code.as_bytes().get(3) {
            Some(b'0') => Family::Package,
            Some(b'1') => Family::Form,
            Some(b'2') => Family::Model,
            Some(b'3') => Family::Access,
            Some(b'4') => Family::Process,
            _ => Family::Service,
        }
    }
}

/// What a diagnostic says happened to the thing it is about. The review report's accounting
/// reads it: an item with a `ByHand` or `Stopped` finding at its location is counted as left
/// for hand work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Converted; the diagnostic only says how.
    Converted,
    /// Converted, but the result differs from the original: review it.
    Warned,
    /// Not converted: left for hand work in Altinn Studio.
    ByHand,
    /// The input, a file of it or the output cannot be used; nothing is converted from it.
    Stopped,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Converted => "converted",
            Outcome::Warned => "converted with a warning",
            Outcome::ByHand => "by hand",
            Outcome::Stopped => "stopped",
        }
    }

    /// Whether the item is counted as left for hand work.
    pub fn is_hand_work(self) -> bool {
        matches!(self, Outcome::ByHand | Outcome::Stopped)
    }
}

/// Whether the tool still produces a code. A retired code keeps its number and its docs, so
/// old reports and SARIF baselines still resolve, and is never given a new meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Retired {
        /// The version that stopped producing it.
        since: &'static str,
        /// Why, and what (if anything) replaced it.
        why: &'static str,
    },
}

/// Everything the registry knows about one code.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    /// kebab-case name, stable like the code.
    pub name: &'static str,
    pub severity: Severity,
    pub outcome: Outcome,
    pub status: Status,
    /// One line: what was found.
    pub summary: &'static str,
    /// One line: what to do.
    pub help: &'static str,
    /// `docs/diagnostics/<code>.md`, included when the binary is built: a `# CODE: name`
    /// heading, then what it means, why it is not converted automatically, and what to do
    /// by hand in Altinn Studio.
    pub docs: &'static str,
}

impl Rule {
    /// The docs page without its heading, each paragraph on one line: the text `explain`
    /// prints and SARIF's `fullDescription` carries.
    pub fn explanation(&self) -> String {
        let body = self
            .docs
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .trim();
        body.split("\n\n")
            .map(|para| para.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The path of the docs page, relative to the repository root.
    pub fn docs_path(&self) -> String {
        format!("docs/diagnostics/{}.md", self.code)
    }
}

/// `Status` from the registry's optional `retired:` clause.
macro_rules! status {
    () => {
        Status::Active
    };
    ($since:literal, $why:literal) => {
        Status::Retired {
            since: $since,
            why: $why,
        }
    };
}

macro_rules! registry {
    ($(
        $variant:ident = $code:literal, $name:literal, $sev:ident, $outcome:ident,
        $(retired: $since:literal, $why:literal,)?
        summary: $summary:literal,
        help: $help:literal;
    )*) => {
        /// A diagnostic code. `Code::rule()` gives its registry entry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        pub static RULES: &[Rule] = &[$(
            Rule {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                outcome: Outcome::$outcome,
                status: status!($($since, $why)?),
                summary: $summary,
                help: $help,
                docs: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics/", $code, ".md")),
            },
        )*];

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];
        }
    };
}

impl Code {
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.rule().code
    }

    /// Looks a code up by its `TULnnnn` form or its kebab-case name, case-insensitively.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| {
            let r = c.rule();
            r.code.eq_ignore_ascii_case(text) || r.name.eq_ignore_ascii_case(text)
        })
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// The codes themselves, one entry each (a child module, so the macros above are in scope).
mod codes;
pub use codes::{Code, RULES};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in RULES {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.code.len() == 7 && rule.code.starts_with("TUL"),
                "{}",
                rule.code
            );
            assert!(
                rule.code[3..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                rule.code
            );
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                rule.name
            );
            assert!(!rule.explanation().is_empty() && !rule.help.is_empty());
        }
    }

    /// Severity and outcome agree: an error stops, a note converts, a plain warning still
    /// converts; only "by hand" comes at more than one severity.
    #[test]
    fn outcomes_agree_with_severities() {
        for rule in RULES {
            let agrees = match rule.outcome {
                Outcome::Stopped => rule.severity == Severity::Error,
                Outcome::Converted => rule.severity == Severity::Info,
                Outcome::Warned => rule.severity == Severity::Warning,
                Outcome::ByHand => rule.severity != Severity::Error,
            };
            assert!(
                agrees,
                "{}: {:?} at {:?}",
                rule.code, rule.outcome, rule.severity
            );
        }
    }

    #[test]
    fn an_explanation_is_its_page_without_the_heading_one_line_per_paragraph() {
        let rule = Rule {
            code: "TUL9999",
            name: "example",
            severity: Severity::Info,
            outcome: Outcome::Converted,
            status: Status::Active,
            summary: "",
            help: "",
            docs: "# TUL9999: example\n\nOne paragraph\nwrapped  here.\n\nAnother.\n",
        };
        assert_eq!(
            rule.explanation(),
            "One paragraph wrapped here.\n\nAnother."
        );
    }

    #[test]
    fn variants_index_their_own_rule() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(Code::parse(code.rule().name), Some(*code));
        }
        assert_eq!(Code::parse("tul0003"), Some(Code::ManifestMissing));
        assert_eq!(Code::parse("TUL9999"), None);
    }

    #[test]
    fn families_follow_the_first_digit() {
        assert_eq!(Family::of(Code::MalformedXml.as_str()), Family::Package);
        assert_eq!(Family::of(Code::DuplicatePage.as_str()), Family::Form);
        assert_eq!(Family::of(Code::RuleWithoutRole.as_str()), Family::Access);
        assert_eq!(
            Family::of(Code::UnknownActivityType.as_str()),
            Family::Process
        );
        assert_eq!(Family::of(Code::UnknownLanguage.as_str()), Family::Service);
    }
}
