//! `tul2studio access ROLE...`: what each Altinn II or ER role code maps to.

use super::ConvertOptions;
use crate::access::{RoleKind, knowledge, map_role};

#[derive(clap::Args)]
pub struct Args {
    /// Role codes: Altinn II (UTINN, REGNA...) or ER (DAGL, REGN...).
    #[arg(required = true, value_name = "ROLE_CODE")]
    roles: Vec<String>,
    /// List every package of roles that hold many.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

/// Roles that hold more packages than this are summarised unless `--all`.
const SHOWN: usize = 8;

pub fn run(args: Args) -> u8 {
    let options = match args.convert.load(false) {
        Ok(o) => o,
        Err(code) => return code,
    };
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
    print!("{out}");
    if unknown.is_empty() {
        0
    } else {
        eprintln!(
            "error: unknown role code(s): {}; `tul2studio access` knows ER, Altinn II and Altinn 3 role codes",
            unknown.join(", ")
        );
        2
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
