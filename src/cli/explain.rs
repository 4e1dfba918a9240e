//! `tul2studio explain CODE`: the registry's long text for one code; `--list` for all.

use crate::diagnostics::registry::RULES;
use crate::diagnostics::{Code, Family};

#[derive(clap::Args)]
pub struct Args {
    /// A code (`TUL0101`) or its name (`malformed-xml`).
    #[arg(required_unless_present_any = ["list", "docs"])]
    code: Option<String>,
    /// List every code with its severity and summary.
    #[arg(long)]
    list: bool,
    /// Print the diagnostics reference (docs/diagnostics.md) generated from the registry.
    #[arg(long, hide = true)]
    docs: bool,
}

pub fn run(args: Args) -> u8 {
    if args.docs {
        super::print_stdout(&docs());
        return 0;
    }
    if args.list {
        let mut out = String::new();
        for rule in RULES {
            out.push_str(&format!(
                "{}  {:<7}  {:<28} {}\n",
                rule.code,
                rule.severity.as_str(),
                rule.name,
                rule.summary
            ));
        }
        super::print_stdout(&out);
        return 0;
    }
    let text = args.code.unwrap_or_default();
    match Code::parse(&text) {
        Some(code) => {
            super::print_stdout(&explanation(code));
            0
        }
        None => {
            eprintln!(
                "error: `{text}` is not a tul2studio diagnostic code; `tul2studio explain --list` lists them"
            );
            2
        }
    }
}

/// The text `explain` prints for a code (also the source of the generated docs).
pub fn explanation(code: Code) -> String {
    let rule = code.rule();
    format!(
        "{code}: {name}\n\nFamily: {family:?}. Default severity: {severity}.\n\n{summary}\n\n{explanation}\n\nWhat to do: {help}\n",
        code = rule.code,
        name = rule.name,
        family = Family::of(rule.code),
        severity = rule.severity.as_str(),
        summary = rule.summary,
        explanation = rule.explanation,
        help = rule.help,
    )
}

/// `docs/diagnostics.md`: the table of codes, then one section per code with the text
/// `explain` prints.
pub fn docs() -> String {
    let mut out = String::from(
        "# Diagnostics\n\nGenerated from the registry (`src/diagnostics/registry.rs`) by `tul2studio explain --docs`; \
a test fails when this file is stale. `tul2studio explain CODE` prints the same text.\n\n\
| Code | Name | Severity | Summary |\n| --- | --- | --- | --- |\n",
    );
    for rule in RULES {
        out.push_str(&format!(
            "| [{0}](#{1}) | {2} | {3} | {4} |\n",
            rule.code,
            rule.code.to_lowercase(),
            rule.name,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    for code in Code::ALL {
        out.push_str(&format!("\n## {}\n\n{}", code.as_str(), explanation(*code)));
    }
    out
}
