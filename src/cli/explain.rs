//! `tul2studio explain CODE`: the registry's long text for one code; `--list` for all.

use super::{Exit, Failure, Ran};
use crate::diagnostics::registry::{RULES, Rule, Status};
use crate::diagnostics::{Code, Family};

#[derive(clap::Args)]
pub struct Args {
    /// A code (`TUL0101`) or its name (`malformed-xml`).
    #[arg(required_unless_present_any = ["list", "docs"])]
    code: Option<String>,
    /// List every code with its severity, outcome and summary.
    #[arg(long)]
    list: bool,
    /// Print the index of the diagnostics docs (docs/diagnostics/README.md), generated from the registry.
    #[arg(long, hide = true)]
    docs: bool,
}

pub fn run(args: Args) -> Ran {
    if args.docs {
        super::print_stdout(&docs());
        return Ok(Exit::Done);
    }
    if args.list {
        let mut out = String::new();
        for rule in RULES {
            let retired = match rule.status {
                Status::Active => "",
                Status::Retired { .. } => " (retired)",
            };
            out.push_str(&format!(
                "{}  {:<7}  {:<24}  {:<28} {}{retired}\n",
                rule.code,
                rule.severity.as_str(),
                rule.outcome.as_str(),
                rule.name,
                rule.summary
            ));
        }
        super::print_stdout(&out);
        return Ok(Exit::Done);
    }
    let text = args.code.unwrap_or_default();
    match Code::parse(&text) {
        Some(code) => {
            super::print_stdout(&explanation(code));
            Ok(Exit::Done)
        }
        None => Err(Failure::usage(format!(
            "`{text}` is not a tul2studio diagnostic code; `tul2studio explain --list` lists them"
        ))),
    }
}

/// The text `explain` prints for a code.
pub fn explanation(code: Code) -> String {
    explanation_of(code.rule())
}

fn explanation_of(rule: &Rule) -> String {
    let retired = match rule.status {
        Status::Active => String::new(),
        Status::Retired { since, why } => format!("Retired since {since}: {why}\n\n"),
    };
    format!(
        "{code}: {name}\n\nFamily: {family:?}. Default severity: {severity}. Outcome: {outcome}.\n\n{retired}{summary}\n\n{explanation}\n\nWhat to do: {help}\n",
        code = rule.code,
        name = rule.name,
        family = Family::of(rule.code),
        severity = rule.severity.as_str(),
        outcome = rule.outcome.as_str(),
        summary = rule.summary,
        explanation = rule.explanation(),
        help = rule.help,
    )
}

/// `docs/diagnostics/README.md`: the index of the per-code pages, with what the registry
/// knows of each.
pub fn docs() -> String {
    docs_of(RULES)
}

fn docs_of(rules: &[Rule]) -> String {
    let mut out = String::from(
        "# Diagnostics\n\nOne page per code, `TULnnnn.md` in this folder: `tul2studio explain CODE` prints it, \
SARIF carries it, and the binary includes it when it is built. This index is generated from the \
registry (`src/diagnostics/registry/codes.rs`) by `tul2studio explain --docs`; a test fails when it is \
stale.\n\nOutcome says what happened to the thing a finding is about: *converted*, *converted \
with a warning* (review it), *by hand* (not converted; the review report counts it as hand work) \
or *stopped* (the input, a file of it or the output could not be used).\n\n\
| Code | Name | Severity | Outcome | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    let mut retired = String::new();
    for rule in rules {
        let row = format!(
            "| [{0}]({0}.md) | {1} | {2} | {3} | {4} |\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.outcome.as_str(),
            rule.summary
        );
        match rule.status {
            Status::Active => out.push_str(&row),
            Status::Retired { since, why } => retired.push_str(&format!(
                "- [{0}]({0}.md) `{1}`, since {since}: {why}\n",
                rule.code, rule.name
            )),
        }
    }
    if !retired.is_empty() {
        out.push_str(
            "\n## Retired codes\n\nNever produced any more, and never given a new meaning.\n\n",
        );
        out.push_str(&retired);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::diagnostics::registry::Outcome;

    /// No code is retired yet; this one shows what `explain` and the index do with one.
    fn retired() -> Rule {
        Rule {
            code: "TUL9001",
            name: "old-finding",
            severity: Severity::Warning,
            outcome: Outcome::ByHand,
            status: Status::Retired {
                since: "0.2.0",
                why: "replaced by TUL9002",
            },
            summary: "Something that is no longer reported.",
            help: "Nothing.",
            docs: "# TUL9001: old-finding\n\nIt was reported once.\n",
        }
    }

    #[test]
    fn a_retired_code_says_since_when_and_leaves_the_index_table() {
        let text = explanation_of(&retired());
        assert!(text.contains("Outcome: by hand."), "{text}");
        assert!(
            text.contains("Retired since 0.2.0: replaced by TUL9002"),
            "{text}"
        );
        assert!(text.contains("It was reported once."), "{text}");
        let index = docs_of(&[retired()]);
        let (table, retired_part) = index.split_once("## Retired codes").expect("a section");
        assert!(!table.contains("| [TUL9001]"), "{index}");
        assert!(retired_part.contains("[TUL9001](TUL9001.md) `old-finding`, since 0.2.0"));
    }
}
