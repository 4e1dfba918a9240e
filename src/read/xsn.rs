//! InfoPath form templates (`.xsn`): Microsoft Cabinet archives, MSZIP or LZX compressed. An
//! unpacked template (a directory of members named like the `.xsn`) is accepted too.
//!
//! The `cab` crate can panic on malformed input in its released version, so every call into
//! it runs under `catch_unwind` and a panic becomes a [`Code::CabinetCorrupt`] diagnostic.

use super::Reader;
use super::package::{Budget, safe_name};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::ir::{FormTemplate, Lang, XsnMember};
use std::cell::Cell;
use std::collections::HashSet;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

pub fn read(r: &mut Reader, name: &str, at: &Location, lang: Lang) -> Option<FormTemplate> {
    if let Some(entry) = r.files.take(name) {
        let (storage, members) =
            read_cabinet(&entry.data, &entry.name, &mut r.budget, &mut r.diagnostics);
        return Some(FormTemplate {
            lang,
            file: entry.name.clone(),
            storage,
            members,
        });
    }
    let unpacked = r.files.take_dir(name);
    if unpacked.is_empty() {
        r.push(
            Diagnostic::new(
                Code::MissingFile,
                format!("form template `{name}` is named by the manifest but not in the package"),
            )
            .at(at.clone()),
        );
        return None;
    }
    let prefix_len =
        unpacked[0].name.len() - unpacked[0].name.rsplit('/').next().unwrap_or("").len();
    let dir = unpacked[0].name[..prefix_len]
        .trim_end_matches('/')
        .to_string();
    let members = unpacked
        .iter()
        .map(|e| XsnMember {
            name: e.name[prefix_len..].to_string(),
            size: e.data.len(),
            data: e.data.clone(),
        })
        .collect();
    Some(FormTemplate {
        lang,
        file: dir,
        storage: "unpacked".into(),
        members,
    })
}

thread_local! {
    /// Set while this thread is inside the cabinet reader, so its panics stay quiet.
    static IN_CABINET: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once) a panic hook that silences panics raised inside the cabinet reader; they
/// are reported as diagnostics instead. Other panics print as usual.
fn quiet_cabinet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_CABINET.with(Cell::get) {
                default(info);
            }
        }));
    });
}

/// Lists and inflates every member. Returns the storage kind and the members read.
pub fn read_cabinet(
    bytes: &[u8],
    file: &str,
    budget: &mut Budget,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, Vec<XsnMember>) {
    quiet_cabinet_panics();
    let mut members = Vec::new();
    let mut storage = String::from("none");
    IN_CABINET.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        read_members(bytes, file, budget, diagnostics, &mut members, &mut storage)
    }));
    IN_CABINET.with(|c| c.set(false));
    if result.is_err() {
        diagnostics.push(
            Diagnostic::new(
                Code::CabinetCorrupt,
                format!("`{file}` is malformed: the cabinet reader gave up on it"),
            )
            .in_file(file),
        );
    }
    (storage, members)
}

fn read_members(
    bytes: &[u8],
    file: &str,
    budget: &mut Budget,
    diagnostics: &mut Vec<Diagnostic>,
    members: &mut Vec<XsnMember>,
    storage: &mut String,
) {
    let mut cabinet = match cab::Cabinet::new(Cursor::new(bytes)) {
        Ok(c) => c,
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::CabinetCorrupt,
                    format!("`{file}` is not a readable cabinet: {e}"),
                )
                .in_file(file),
            );
            return;
        }
    };
    let mut listed = Vec::new();
    let mut kinds = HashSet::new();
    for folder in cabinet.folder_entries() {
        let kind = match folder.compression_type() {
            cab::CompressionType::None => "none",
            cab::CompressionType::MsZip => "mszip",
            cab::CompressionType::Lzx(_) => "lzx",
            cab::CompressionType::Quantum(..) => "quantum",
        };
        kinds.insert(kind);
        for entry in folder.file_entries() {
            listed.push((
                entry.name().to_string(),
                kind,
                entry.uncompressed_size() as usize,
            ));
        }
    }
    *storage = match kinds.len() {
        0 => "none".into(),
        1 => kinds.into_iter().next().unwrap_or("none").into(),
        _ => "mixed".into(),
    };
    let mut seen = HashSet::new();
    for (raw, kind, declared) in listed {
        let shown = format!("{file}!{raw}");
        if raw.contains('\u{FFFD}') {
            diagnostics.push(
                Diagnostic::new(
                    Code::CabinetMemberName,
                    format!("member name `{raw}` was not valid UTF-8"),
                )
                .in_file(&shown),
            );
        }
        let Some(name) = safe_name(&raw) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnsafeEntryName,
                    format!("cabinet member `{raw}` has an unsafe name and was skipped"),
                )
                .in_file(&shown),
            );
            continue;
        };
        if !seen.insert(name.to_lowercase()) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateEntry,
                    format!(
                        "cabinet member `{name}` appears twice (case ignored); the first is used"
                    ),
                )
                .in_file(&shown),
            );
            continue;
        }
        if kind == "quantum" {
            diagnostics.push(
                Diagnostic::new(
                    Code::CabinetCompression,
                    format!("member `{name}` is Quantum-compressed and cannot be read"),
                )
                .in_file(&shown),
            );
            continue;
        }
        let data = cabinet
            .read_file(&raw)
            .and_then(|reader| budget.read_all(reader, &shown, diagnostics));
        match data {
            // A member shorter than its header says is damage, not content.
            Ok(Some(data)) if data.len() != declared => diagnostics.push(
                Diagnostic::new(
                    Code::CabinetCorrupt,
                    format!(
                        "member `{name}` inflates to {} bytes, but the cabinet declares {declared}",
                        data.len()
                    ),
                )
                .in_file(&shown),
            ),
            Ok(Some(data)) => members.push(XsnMember {
                name,
                size: data.len(),
                data,
            }),
            Ok(None) => return,
            Err(e) => diagnostics.push(
                Diagnostic::new(
                    Code::CabinetCorrupt,
                    format!("member `{name}` cannot be inflated: {e}"),
                )
                .in_file(&shown),
            ),
        }
    }
}
