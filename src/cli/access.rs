//! `tul2studio access ROLE...`: what each Altinn II or ER role code maps to.

use super::{ConvertOptions, Exit, Failure, Format, Loaded, Ran};
use crate::access::{RoleKind, knowledge, map_role};

#[derive(clap::Args)]
pub struct Args {
    /// Role codes: Altinn II (UTINN, REGNA...) or ER (DAGL, REGN...).
    #[arg(required_unless_present = "about", value_name = "ROLE_CODE")]
    roles: Vec<String>,
    /// List every package of roles that hold many.
    #[arg(long)]
    all: bool,
    /// Where the access data comes from: each table, its rows and its source commit.
    #[arg(long)]
    about: bool,
    /// `json`: role, kind, candidates with URN, names, confidence and reason, on stdout.
    #[arg(long, value_enum, default_value = "human")]
    format: AccessFormat,
    #[command(flatten)]
    convert: ConvertOptions,
}

/// Roles that hold more packages than this are summarised unless `--all`.
const SHOWN: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AccessFormat {
    Human,
    Json,
}

impl Args {
    pub fn format(&self) -> Format {
        match self.format {
            AccessFormat::Human => Format::Human,
            AccessFormat::Json => Format::Json,
        }
    }
}

pub fn run(args: Args) -> Ran {
    let Loaded { options, reports } = args.convert.load(false)?;
    // Findings about the option files go to stderr: stdout holds the roles.
    super::print_reports(reports.all(), Format::Human);
    if args.about {
        return Ok(about(args.format));
    }
    if args.format == AccessFormat::Json {
        return Ok(json(&args.roles, options.access_map.as_ref()));
    }
    let mut unknown = Vec::new();
    let mut out = String::new();
    for code in &args.roles {
        let mapping = map_role(code, options.access_map.as_ref());
        let Some(role) = &mapping.role else {
            if mapping.candidates.is_empty() {
                unknown.push(mapping.code.clone());
                continue;
            }
            out.push_str(&format!(
                "{} (not an Altinn role; mapped by the access map)\n",
                mapping.code
            ));
            print_candidates(&mut out, &mapping, args.all);
            continue;
        };
        let status = match role.kind {
            RoleKind::Altinn2 => {
                "Altinn II role: stops working in Altinn 3 policies on 1 January 2027"
            }
            RoleKind::Er if role.key_role => "ER role (key role): keeps working in Altinn 3",
            RoleKind::Er => "ER role: keeps working in Altinn 3",
            RoleKind::Altinn3 => "Altinn 3 role",
            RoleKind::Guardianship => "guardianship role",
        };
        out.push_str(&format!(
            "{}  {} / {}\n  {status}\n",
            mapping.code, role.name_nb, role.name_en
        ));
        print_candidates(&mut out, &mapping, args.all);
    }
    super::print_stdout(&out);
    if unknown.is_empty() {
        Ok(Exit::Done)
    } else {
        Err(Failure::usage(format!(
            "unknown role code(s): {}; `tul2studio access` knows ER, Altinn II and Altinn 3 role codes",
            unknown.join(", ")
        )))
    }
}

fn print_candidates(out: &mut String, mapping: &crate::access::RoleMapping, all: bool) {
    if mapping.candidates.is_empty() {
        out.push_str(&format!("  no candidate package: {}\n", mapping.note));
        return;
    }
    let packages = &knowledge().packages;
    let shown = if all {
        mapping.candidates.len()
    } else {
        SHOWN.min(mapping.candidates.len())
    };
    for c in &mapping.candidates[..shown] {
        let name = packages
            .get(&c.package)
            .map(|p| p.name_nb.as_str())
            .unwrap_or("?");
        out.push_str(&format!(
            "  {:<20} {:<44} {name}\n",
            c.confidence.name(),
            c.package
        ));
    }
    if shown < mapping.candidates.len() {
        out.push_str(&format!(
            "  ... and {} more (--all lists them)\n",
            mapping.candidates.len() - shown
        ));
    }
    let reason = &mapping.candidates[0].reason;
    if !reason.is_empty() {
        out.push_str(&format!("  why: {reason}\n"));
    }
}

fn about(format: AccessFormat) -> Exit {
    let k = knowledge();
    if format == AccessFormat::Json {
        let tables: Vec<serde_json::Value> = k
            .sources
            .iter()
            .map(|(t, n, s)| serde_json::json!({ "table": t, "rows": n, "source": s }))
            .collect();
        let doc = serde_json::json!({ "tables": tables, "altinn2RolesEnd": "2027-01-01" });
        super::print_stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        ));
        return Exit::Done;
    }
    let mut out =
        String::from("Access data compiled into tul2studio (or loaded with --access-data):\n");
    for (table, rows, source) in &k.sources {
        out.push_str(&format!("  {table}: {rows} rows\n    from {source}\n"));
    }
    out.push_str("Altinn II role codes stop working in Altinn 3 policies on 1 January 2027.\n");
    super::print_stdout(&out);
    Exit::Done
}

/// Each role as JSON: what a CI job needs to decide without reading prose.
fn json(roles: &[String], access_map: Option<&crate::access::AccessMap>) -> Exit {
    let k = knowledge();
    let mut unknown = false;
    let items: Vec<serde_json::Value> = roles
        .iter()
        .map(|code| {
            let mapping = map_role(code, access_map);
            unknown |= mapping.role.is_none() && mapping.candidates.is_empty();
            let candidates: Vec<serde_json::Value> = mapping
                .candidates
                .iter()
                .map(|c| {
                    let p = k.packages.get(&c.package);
                    serde_json::json!({
                        "package": c.package,
                        "urn": p.map(|p| p.urn.clone()),
                        "names": p.map(|p| serde_json::json!({ "nb": p.name_nb, "nn": p.name_nn, "en": p.name_en })),
                        "confidence": c.confidence.name(),
                        "certain": c.confidence.is_high(),
                        "reason": c.reason,
                    })
                })
                .collect();
            serde_json::json!({
                "role": mapping.code,
                "kind": mapping.role.as_ref().map(|r| match r.kind {
                    RoleKind::Er => "er",
                    RoleKind::Altinn2 => "altinn2",
                    RoleKind::Altinn3 => "altinn3",
                    RoleKind::Guardianship => "guardianship",
                }),
                "name": mapping.role.as_ref().map(|r| serde_json::json!({ "nb": r.name_nb, "en": r.name_en })),
                "endsOn": mapping.role.as_ref().filter(|r| r.kind == RoleKind::Altinn2).map(|_| "2027-01-01"),
                "candidates": candidates,
                "note": mapping.note,
            })
        })
        .collect();
    let doc = serde_json::json!({ "accessData": crate::access::about_line(), "roles": items });
    super::print_stdout(&format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    ));
    if unknown { Exit::Usage } else { Exit::Done }
}
