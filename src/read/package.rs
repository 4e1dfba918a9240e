//! The container: a zip archive (detected by magic bytes) or an unpacked directory, turned
//! into an in-memory set of named entries. Nothing is ever extracted to disk.
//!
//! Names are matched case-insensitively (TUL and InfoPath came from Windows), unsafe names are
//! refused, and the total inflated size is capped so a zip bomb costs nothing.

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::walk::{self, Kind, Step};
use std::cell::Cell;
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Seek};
use std::path::Path;

/// Resource limits for one package.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Total bytes all entries (and cabinet members) of one package may inflate to.
    pub max_package_bytes: u64,
    /// Upper bound on the nodes of one XML document.
    pub max_xml_nodes: u32,
    /// Upper bound on the nodes of the data model (types expanded).
    pub max_model_nodes: usize,
    /// Bytes one file (zip entry, cabinet member) may inflate to: TUL files are kilobytes to
    /// a few megabytes, so a 100 MB text node is refused before it is decoded.
    pub max_file_bytes: u64,
    /// Element nesting one XML document may reach (readers walk trees recursively).
    pub max_xml_depth: usize,
}

/// A zip entry may inflate to this many times its compressed size (past 1 MiB): XML
/// compresses 5 to 50 times, a zip bomb hundreds to thousands of times.
pub const MAX_RATIO: u64 = 200;
const RATIO_FLOOR: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_package_bytes: 512 * 1024 * 1024,
            max_xml_nodes: 4_000_000,
            max_model_nodes: 200_000,
            max_file_bytes: 64 * 1024 * 1024,
            max_xml_depth: 256,
        }
    }
}

/// Counts inflated bytes against [`Limits::max_package_bytes`]; shared by zip and cabinets.
#[derive(Debug)]
pub struct Budget {
    remaining: u64,
    exhausted: bool,
    max_file: u64,
}

impl Budget {
    pub fn new(limits: &Limits) -> Self {
        Budget {
            remaining: limits.max_package_bytes,
            exhausted: false,
            max_file: limits.max_file_bytes,
        }
    }

    /// True once the package's budget ran out: later entries are not read at all.
    pub fn is_exhausted(&self) -> bool {
        self.exhausted
    }

    /// Reads one file from `reader`, within the file limit, the compression-ratio limit
    /// (when the compressed size is known) and the remaining package budget. `None` when a
    /// limit stopped it, with a diagnostic: a file over its own limit is skipped alone; the
    /// package budget running out is reported once and stops the package.
    pub fn read_all(
        &mut self,
        reader: impl Read,
        what: &str,
        compressed: Option<u64>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> io::Result<Option<Vec<u8>>> {
        if self.exhausted {
            return Ok(None);
        }
        let ratio_cap =
            compressed.map_or(u64::MAX, |c| c.saturating_mul(MAX_RATIO).max(RATIO_FLOOR));
        let file_cap = self.max_file.min(ratio_cap);
        let mut data = Vec::new();
        reader
            .take(self.remaining.min(file_cap).saturating_add(1))
            .read_to_end(&mut data)?;
        let size = data.len() as u64;
        if size > file_cap && file_cap < self.remaining.saturating_add(1) {
            let why = if ratio_cap < self.max_file {
                format!("more than {MAX_RATIO} times its compressed size (a zip bomb?)")
            } else {
                format!(
                    "past the {} MiB one file may have",
                    self.max_file / (1024 * 1024)
                )
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::SizeLimitExceeded,
                    format!("`{what}` inflates {why}; it was not read"),
                )
                .in_file(what),
            );
            return Ok(None);
        }
        if size > self.remaining {
            self.exhausted = true;
            self.remaining = 0;
            diagnostics.push(
                Diagnostic::new(
                    Code::SizeLimitExceeded,
                    format!("`{what}` inflates past the package size limit; it and later entries were not read"),
                )
                .in_file(what),
            );
            return Ok(None);
        }
        self.remaining -= data.len() as u64;
        Ok(Some(data))
    }
}

#[derive(Debug)]
pub struct Entry {
    /// The name as stored, with `/` separators.
    pub name: String,
    pub data: Vec<u8>,
}

/// The package's entries, with a case-insensitive index and a record of which entries a
/// reader used (so the completeness check can report the rest).
#[derive(Debug, Default)]
pub struct PackageFiles {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
    used: Vec<Cell<bool>>,
}

impl PackageFiles {
    fn push(&mut self, entry: Entry, diagnostics: &mut Vec<Diagnostic>) {
        let key = fold(&entry.name);
        if let Some(&first) = self.index.get(&key) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateEntry,
                    format!(
                        "`{}` has the same name as `{}` when case is ignored",
                        entry.name, self.entries[first].name
                    ),
                )
                .in_file(entry.name),
            );
            return;
        }
        self.index.insert(key, self.entries.len());
        self.entries.push(entry);
        self.used.push(Cell::new(false));
    }

    /// Looks up an entry by name (case-insensitive, `\` and `/` alike) and marks it used.
    pub fn take(&self, name: &str) -> Option<&Entry> {
        let i = *self.index.get(&fold(name))?;
        self.used[i].set(true);
        Some(&self.entries[i])
    }

    /// The entries under `dir/` (an unpacked form template), marked used, in name order.
    pub fn take_dir(&self, dir: &str) -> Vec<&Entry> {
        let prefix = format!("{}/", fold(dir).trim_end_matches('/'));
        let mut found: Vec<usize> = self
            .index
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .map(|(_, &i)| i)
            .collect();
        found.sort_by(|&a, &b| self.entries[a].name.cmp(&self.entries[b].name));
        found
            .into_iter()
            .map(|i| {
                self.used[i].set(true);
                &self.entries[i]
            })
            .collect()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entries no reader asked for, in package order.
    pub fn unused(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .zip(&self.used)
            .filter(|(_, u)| !u.get())
            .map(|(e, _)| e)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Case-folded, `/`-separated lookup key.
fn fold(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches("./")
        .to_lowercase()
}

/// Normalises an entry name, or `None` when it is absolute or climbs out with `..`.
pub fn safe_name(raw: &str) -> Option<String> {
    let name = raw.replace('\\', "/");
    let bytes = name.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic();
    if name.starts_with('/') || has_drive || name.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}

/// What the input path turned out to be.
pub enum Opened {
    Package(PackageFiles),
    /// The path could not be read at all (exit code 2).
    Unreadable(Diagnostic),
    /// Readable, but not a package.
    NotAPackage(Diagnostic),
}

const ZIP_MAGIC: [&[u8]; 2] = [b"PK\x03\x04", b"PK\x05\x06"];

/// Whether `magic` (a file's first bytes) starts a zip archive: the one test of "is this a
/// zip", whatever the file is called.
pub fn is_zip_magic(magic: &[u8]) -> bool {
    ZIP_MAGIC.iter().any(|m| magic.starts_with(m))
}

/// Whether the file at `path` is a zip archive by its magic bytes.
pub fn is_zip_file(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| is_zip_magic(&magic))
}

pub fn open(path: &Path, limits: &Limits, diagnostics: &mut Vec<Diagnostic>) -> Opened {
    let shown = path.display().to_string();
    let unreadable = |e: io::Error| {
        Opened::Unreadable(
            Diagnostic::new(Code::InputUnreadable, format!("cannot read `{shown}`: {e}"))
                .in_file(&shown),
        )
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return unreadable(e),
    };
    let mut budget = Budget::new(limits);
    if meta.is_dir() {
        let mut files = PackageFiles::default();
        if let Err(e) = read_dir(path, &mut files, &mut budget, diagnostics) {
            return unreadable(e);
        }
        return Opened::Package(files);
    }
    if !meta.is_file() {
        return Opened::NotAPackage(
            Diagnostic::new(
                Code::NotAPackage,
                format!("`{shown}` is neither a directory nor a regular file (a pipe, device or socket); it was not read"),
            )
            .in_file(&shown),
        );
    }
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return unreadable(e),
    };
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic).unwrap_or(0);
    if !is_zip_magic(&magic[..n]) {
        let hint = if &magic[..n] == b"MSCF" {
            " (it is a cabinet, perhaps a lone .xsn form template)"
        } else {
            ""
        };
        return Opened::NotAPackage(
            Diagnostic::new(
                Code::NotAPackage,
                format!("`{shown}` is not a zip archive{hint}"),
            )
            .in_file(&shown),
        );
    }
    if let Err(e) = file.rewind() {
        return unreadable(e);
    }
    Opened::Package(read_zip(io::BufReader::new(file), &mut budget, diagnostics))
}

/// A zip package held in memory.
pub fn from_zip_bytes(
    bytes: &[u8],
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> PackageFiles {
    read_zip(
        io::Cursor::new(bytes),
        &mut Budget::new(limits),
        diagnostics,
    )
}

impl PackageFiles {
    /// Files given by name and content (tests and fuzz targets); unsafe names are skipped.
    pub fn from_entries(
        entries: Vec<(String, Vec<u8>)>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut files = PackageFiles::default();
        for (name, data) in entries {
            if let Some(name) = safe_name(&name) {
                files.push(Entry { name, data }, diagnostics);
            }
        }
        files
    }
}

/// A package directory's regular files; links and special files are reported, not opened.
fn read_dir(
    root: &Path,
    files: &mut PackageFiles,
    budget: &mut Budget,
    diagnostics: &mut Vec<Diagnostic>,
) -> io::Result<()> {
    let mut unreadable = Vec::new();
    walk::walk(
        root,
        &mut |entry| {
            let rel = &entry.rel;
            match entry.kind {
                Kind::Dir => return Ok(Step::Enter),
                Kind::Symlink => diagnostics.push(
                    Diagnostic::new(
                        Code::SymlinkSkipped,
                        format!("`{rel}` is a symbolic link and was not followed"),
                    )
                    .in_file(rel),
                ),
                // A FIFO blocks on open and a device never ends: only regular files are read.
                Kind::Special => diagnostics.push(
                    Diagnostic::new(
                        Code::SpecialFileSkipped,
                        format!(
                            "`{rel}` is not a regular file (a pipe, device or socket) and was not read"
                        ),
                    )
                    .in_file(rel),
                ),
                Kind::File => {
                    match budget.read_all(fs::File::open(&entry.path)?, rel, None, diagnostics)? {
                        Some(data) => files.push(
                            Entry {
                                name: rel.clone(),
                                data,
                            },
                            diagnostics,
                        ),
                        None if budget.is_exhausted() => return Ok(Step::Stop),
                        None => {}
                    }
                }
            }
            Ok(Step::Enter)
        },
        &mut |dir, e| unreadable.push((dir.display().to_string(), e)),
    )?;
    for (dir, e) in unreadable {
        diagnostics.push(
            Diagnostic::new(Code::InputUnreadable, format!("cannot read `{dir}`: {e}"))
                .in_file(dir),
        );
    }
    Ok(())
}

fn read_zip(
    reader: impl Read + Seek,
    budget: &mut Budget,
    diagnostics: &mut Vec<Diagnostic>,
) -> PackageFiles {
    let mut files = PackageFiles::default();
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(a) => a,
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::ArchiveCorrupt,
                format!("the zip archive cannot be opened: {e}"),
            ));
            return files;
        }
    };
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::new(
                    Code::ArchiveCorrupt,
                    format!("zip entry #{i} cannot be read: {e}"),
                ));
                continue;
            }
        };
        let raw = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if entry.is_dir() {
            continue;
        }
        let Some(name) = safe_name(&raw) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnsafeEntryName,
                    format!("zip entry `{raw}` has an unsafe name and was skipped"),
                )
                .at(Location::file(raw)),
            );
            continue;
        };
        if entry.is_symlink() {
            diagnostics.push(
                Diagnostic::new(
                    Code::SymlinkSkipped,
                    format!("zip entry `{name}` is a symbolic link and was skipped"),
                )
                .in_file(name),
            );
            continue;
        }
        let compressed = Some(entry.compressed_size());
        match budget.read_all(&mut entry, &name, compressed, diagnostics) {
            Ok(Some(data)) => files.push(Entry { name, data }, diagnostics),
            Ok(None) if budget.is_exhausted() => break,
            Ok(None) => {}
            Err(e) => diagnostics.push(
                Diagnostic::new(
                    Code::ArchiveCorrupt,
                    format!("zip entry `{name}` is corrupt: {e}"),
                )
                .in_file(name),
            ),
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_are_normalised_and_unsafe_ones_refused() {
        assert_eq!(
            safe_name("form\\1044\\a.xsn").as_deref(),
            Some("form/1044/a.xsn")
        );
        assert_eq!(safe_name("./manifest.xml").as_deref(), Some("manifest.xml"));
        assert_eq!(safe_name("../evil"), None);
        assert_eq!(safe_name("a/../../evil"), None);
        assert_eq!(safe_name("/etc/passwd"), None);
        assert_eq!(safe_name("C:\\Windows\\x"), None);
        assert_eq!(safe_name(""), None);
    }

    #[test]
    fn lookup_is_case_insensitive_and_tracks_use() {
        let mut files = PackageFiles::default();
        let mut diags = Vec::new();
        files.push(
            Entry {
                name: "Form/Skjema.XSN".into(),
                data: vec![1],
            },
            &mut diags,
        );
        files.push(
            Entry {
                name: "form/skjema.xsn".into(),
                data: vec![2],
            },
            &mut diags,
        );
        files.push(
            Entry {
                name: "extra.txt".into(),
                data: vec![],
            },
            &mut diags,
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::DuplicateEntry);
        assert_eq!(files.take("form\\skjema.xsn").unwrap().data, vec![1]);
        let unused: Vec<_> = files.unused().map(|e| e.name.as_str()).collect();
        assert_eq!(unused, ["extra.txt"]);
    }

    #[test]
    fn one_file_over_its_limit_is_skipped_alone() {
        let mut budget = Budget::new(&Limits {
            max_file_bytes: 4,
            ..Limits::default()
        });
        let mut diags = Vec::new();
        let big = budget.read_all(&[0u8; 5][..], "big", None, &mut diags);
        assert!(big.unwrap().is_none() && !budget.is_exhausted());
        assert!(
            diags[0].message.contains("past the 0 MiB"),
            "{}",
            diags[0].message
        );
        let small = budget.read_all(&[0u8; 4][..], "small", None, &mut diags);
        assert_eq!(small.unwrap().unwrap().len(), 4);
        // Past 1 MiB, an entry may not inflate more than MAX_RATIO times its compressed size.
        let mut budget = Budget::new(&Limits::default());
        let bomb = vec![0u8; 2 * 1024 * 1024];
        let read = budget.read_all(&bomb[..], "bomb", Some(100), &mut diags);
        assert!(read.unwrap().is_none());
        assert!(
            diags[1].message.contains("compressed size"),
            "{}",
            diags[1].message
        );
        let fine = budget.read_all(&bomb[..], "fine", Some(1024 * 1024), &mut diags);
        assert!(fine.unwrap().is_some());
    }

    #[test]
    fn budget_stops_at_the_limit_once() {
        let mut budget = Budget::new(&Limits {
            max_package_bytes: 10,
            ..Limits::default()
        });
        let mut diags = Vec::new();
        assert!(
            budget
                .read_all(&[0u8; 6][..], "a", None, &mut diags)
                .unwrap()
                .is_some()
        );
        assert!(
            budget
                .read_all(&[0u8; 6][..], "b", None, &mut diags)
                .unwrap()
                .is_none()
        );
        assert!(
            budget
                .read_all(&[0u8; 1][..], "c", None, &mut diags)
                .unwrap()
                .is_none()
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::SizeLimitExceeded);
    }
}
