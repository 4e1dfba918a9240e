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
        r.missing_file(name, at);
        return None;
    }
    // Members may sit in subdirectories, and case folding may change byte lengths: split
    // by the directory's segment count, never by a byte offset from one entry.
    let depth = name
        .trim_end_matches(['/', '\\'])
        .split(['/', '\\'])
        .count();
    let split = |entry_name: &str| -> (String, String) {
        let mut parts = entry_name.splitn(depth + 1, '/');
        let dir: Vec<&str> = parts.by_ref().take(depth).collect();
        (dir.join("/"), parts.next().unwrap_or("").to_string())
    };
    let dir = split(&unpacked[0].name).0;
    let members = unpacked
        .iter()
        .map(|e| XsnMember {
            name: split(&e.name).1,
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

/// More than any InfoPath template holds (one folder, a few dozen files).
const MAX_FOLDERS: u16 = 64;
const MAX_FILES: u16 = 4096;

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
    // The header's counts, before the reader walks them (CFHEADER: cFolders at byte 26,
    // cFiles at byte 28, little-endian).
    if bytes.len() >= 30 && &bytes[..4] == b"MSCF" {
        let folders = u16::from_le_bytes([bytes[26], bytes[27]]);
        let files = u16::from_le_bytes([bytes[28], bytes[29]]);
        if folders > MAX_FOLDERS || files > MAX_FILES {
            diagnostics.push(
                Diagnostic::new(
                    Code::CabinetTooLarge,
                    format!("`{file}` declares {folders} folders and {files} files; at most {MAX_FOLDERS} and {MAX_FILES} are read, so it was refused"),
                )
                .in_file(file),
            );
            return;
        }
    }
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
            .and_then(|reader| budget.read_all(reader, &shown, None, diagnostics));
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
            Ok(None) if budget.is_exhausted() => return,
            Ok(None) => {}
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::package::Limits;

    fn read(bytes: &[u8]) -> (String, Vec<XsnMember>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let (storage, members) = read_cabinet(
            bytes,
            "t.xsn",
            &mut Budget::new(&Limits::default()),
            &mut diagnostics,
        );
        (storage, members, diagnostics)
    }

    /// A one-file cabinet whose folder is LZX-compressed, written by hand because no Rust
    /// crate writes LZX: the stream holds one *uncompressed* LZX block, which every LZX
    /// decoder must accept.
    fn lzx_cabinet(name: &str, data: &[u8]) -> Vec<u8> {
        assert!(data.len().is_multiple_of(2) && data.len() <= 32768);
        // Bits, most significant first in 16-bit little-endian words: E8 flag 0, block type
        // 3 (uncompressed), 24-bit block size, then padding to the word boundary.
        let header: u32 = (0b0011 << 28) | ((data.len() as u32) << 4);
        let mut stream = Vec::new();
        stream.extend(((header >> 16) as u16).to_le_bytes());
        stream.extend((header as u16).to_le_bytes());
        for r in [1u32, 1, 1] {
            stream.extend(r.to_le_bytes()); // the repeated-offset registers R0..R2
        }
        stream.extend(data);

        let name_bytes = [name.as_bytes(), &[0]].concat();
        let files_offset = 36 + 8;
        let data_offset = files_offset + 16 + name_bytes.len();
        let total = data_offset + 8 + stream.len();
        let mut cab = Vec::new();
        cab.extend(b"MSCF");
        cab.extend(0u32.to_le_bytes());
        cab.extend((total as u32).to_le_bytes());
        cab.extend(0u32.to_le_bytes());
        cab.extend((files_offset as u32).to_le_bytes());
        cab.extend(0u32.to_le_bytes());
        cab.extend([3, 1]); // version 1.3
        cab.extend(1u16.to_le_bytes()); // folders
        cab.extend(1u16.to_le_bytes()); // files
        cab.extend([0u8; 6]); // flags, set id, cabinet index
        // CFFOLDER: first data block, one block, LZX with a 2^16 window.
        cab.extend((data_offset as u32).to_le_bytes());
        cab.extend(1u16.to_le_bytes());
        cab.extend((0x0003u16 | (16 << 8)).to_le_bytes());
        // CFFILE
        cab.extend((data.len() as u32).to_le_bytes());
        cab.extend(0u32.to_le_bytes());
        cab.extend(0u16.to_le_bytes());
        cab.extend((((2020 - 1980) << 9) | (1 << 5) | 1u16).to_le_bytes());
        cab.extend(0u16.to_le_bytes());
        cab.extend(0x20u16.to_le_bytes());
        cab.extend(&name_bytes);
        // CFDATA without checksum
        cab.extend(0u32.to_le_bytes());
        cab.extend((stream.len() as u16).to_le_bytes());
        cab.extend((data.len() as u16).to_le_bytes());
        cab.extend(&stream);
        assert_eq!(cab.len(), total);
        cab
    }

    #[test]
    fn reads_lzx_cabinets() {
        let data = b"<xsf:xDocumentClass>LZX</xsf:xDocumentClass>\n".repeat(4);
        let (storage, members, diagnostics) = read(&lzx_cabinet("manifest.xsf", &data));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(storage, "lzx");
        assert_eq!(members[0].name, "manifest.xsf");
        assert_eq!(members[0].data, data);
    }

    #[test]
    fn reads_mszip_cabinets_with_paths_and_reports_case_duplicates() {
        let cab = crate::pack::build_cabinet(&[
            ("images\\logo.gif".into(), b"GIF".to_vec()),
            ("View1.xsl".into(), b"<a/>".to_vec()),
            ("view1.XSL".into(), b"<b/>".to_vec()),
        ])
        .unwrap();
        let (storage, members, diagnostics) = read(&cab);
        assert_eq!(storage, "mszip");
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["images/logo.gif", "View1.xsl"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::DuplicateEntry);
        assert_eq!(diagnostics[0].file(), Some("t.xsn!view1.XSL"));
    }

    #[test]
    fn not_a_cabinet() {
        let (_, members, diagnostics) = read(b"PK\x03\x04 this is a zip, not a cabinet");
        assert!(members.is_empty());
        assert_eq!(diagnostics[0].code, Code::CabinetCorrupt);
    }

    #[test]
    fn quantum_folders_and_lossy_names_are_reported() {
        let mut cab = crate::pack::build_cabinet(&[("a.xml".into(), b"<a/>".to_vec())]).unwrap();
        // CFFOLDER.typeCompress (after the 36-byte header and coffCabStart, cCFData): Quantum.
        cab[42..44].copy_from_slice(&0x1022u16.to_le_bytes());
        let (storage, members, diagnostics) = read(&cab);
        assert_eq!(storage, "quantum");
        assert!(members.is_empty());
        assert_eq!(diagnostics[0].code, Code::CabinetCompression);

        let mut cab = crate::pack::build_cabinet(&[("a.xml".into(), b"<a/>".to_vec())]).unwrap();
        let at = cab.windows(6).position(|w| w == b"a.xml\0").unwrap();
        cab[at] = 0xE6; // `æ` in windows-1252, not UTF-8
        let (_, members, diagnostics) = read(&cab);
        assert_eq!(members.len(), 1);
        assert_eq!(diagnostics[0].code, Code::CabinetMemberName);
    }
}
