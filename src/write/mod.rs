//! Writing an emitted app to disk: complete or absent. Files go to a temporary sibling
//! directory first and are renamed into place at the end, so a failure half-way leaves the
//! previous output untouched. Only relative, `..`-free paths are written, so nothing lands
//! outside the output directory.

pub mod overlay;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a directory as tul2studio's output (a re-run may replace it).
pub const MARKER: &str = ".tul2studio.json";

/// The marker as pretty JSON with a final newline (the emitted files' style).
fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// `.<name>` + this + `<pid>`: the new output being written.
const STAGING: &str = ".tul2studio-new-";
/// `.<name>` + this + `<pid>`: the previous output, moved aside for the swap.
const ASIDE: &str = ".tul2studio-old-";
/// `.<name>` + this + `<pid>-<n>`: a file being replaced in place.
const TEMP: &str = ".tul2studio-tmp-";

/// Writes in progress, so an interrupt can put everything back ([`abandon_all`]).
static ACTIVE: std::sync::Mutex<Vec<(PathBuf, PathBuf, PathBuf)>> =
    std::sync::Mutex::new(Vec::new());

/// One write in progress, registered for the interrupt handler while it lives.
struct Active(PathBuf);

impl Active {
    fn register(staging: &Path, old: &Path, dir: &Path) -> Active {
        if let Ok(mut active) = ACTIVE.lock() {
            active.push((staging.to_path_buf(), old.to_path_buf(), dir.to_path_buf()));
        }
        Active(staging.to_path_buf())
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        if let Ok(mut active) = ACTIVE.lock() {
            active.retain(|(staging, _, _)| *staging != self.0);
        }
    }
}

/// Writers pass through this gate (shared); the interrupt handler closes it (exclusive), so
/// once it starts undoing, no worker writes another byte.
static GATE: std::sync::RwLock<bool> = std::sync::RwLock::new(false);

/// Runs one file-system step of a write, unless an interrupt has begun undoing writes.
fn gated<T>(step: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    // The guard is held through the step: the handler waits for it to finish.
    match GATE.read() {
        Ok(open) if !*open => step(),
        _ => Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted")),
    }
}

/// Undoes every write in progress: staging removed, a previous output moved aside put back.
/// The interrupt handler calls it before the process exits; the gate stays closed.
pub fn abandon_all() {
    let Ok(mut gate) = GATE.write() else {
        return;
    };
    *gate = true;
    let Ok(active) = ACTIVE.lock() else {
        return;
    };
    for (staging, old, dir) in active.iter() {
        undo(staging, old, dir);
    }
    // Keep the gate closed until the process is gone.
    std::mem::forget(gate);
}

fn undo(staging: &Path, old: &Path, dir: &Path) {
    if staging
        .file_name()
        .is_some_and(|n| n.to_string_lossy().contains(TEMP))
    {
        let _ = fs::remove_file(staging);
        return;
    }
    let _ = fs::remove_dir_all(staging);
    if old.exists() && !dir.exists() {
        let _ = fs::rename(old, dir);
    }
}

/// What an earlier, interrupted run left beside `dir`, and what became of it.
#[derive(Debug, PartialEq, Eq)]
pub struct Reclaimed {
    pub path: PathBuf,
    pub pid: u32,
    /// The previous output was put back in place (the run died between the two renames).
    pub restored: bool,
}

/// Is a process with this id still running? Without /proc the answer is "maybe", and a
/// leftover is only reclaimed once it is an hour old.
fn alive(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(3600))
}

/// Removes what interrupted runs left beside `dir` (its staging directories and temporary
/// files), putting a previous output moved aside back when `dir` itself is missing. Only
/// names tul2studio makes, and only of processes no longer running, are touched.
pub fn reclaim(dir: &Path) -> Vec<Reclaimed> {
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let prefix = format!(".{name}");
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let (kind, tail) = match [STAGING, ASIDE, TEMP]
            .iter()
            .find(|k| rest.starts_with(**k))
        {
            Some(k) => (*k, &rest[k.len()..]),
            None => continue,
        };
        let Ok(pid) = tail.split('-').next().unwrap_or("").parse::<u32>() else {
            continue;
        };
        let path = entry.path();
        // Never follow a link someone put there under our name.
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() || alive(pid, &path) {
            continue;
        }
        let mut restored = false;
        if kind == ASIDE && !dir.exists() {
            restored = fs::rename(&path, dir).is_ok();
        } else if meta.is_dir() {
            let _ = fs::remove_dir_all(&path);
        } else {
            let _ = fs::remove_file(&path);
        }
        found.push(Reclaimed {
            path,
            pid,
            restored,
        });
    }
    found
}

/// Replaces the file at `path` with `bytes` atomically, keeping its permissions: the bytes
/// go to a new temporary sibling, created exclusively (an existing name, a symbolic link
/// included, is never opened, so nothing is written through it), then renamed over `path`.
/// A `path` that is a symbolic link is refused: the rename would replace the link.
pub fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(io::Error::other("a symbolic link; not replaced"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = path.with_file_name(format!(
            ".{name}{TEMP}{}-{stamp}-{attempt}",
            std::process::id()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let _active = Active::register(&temp, &temp, path);
    let result = gated(|| {
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::set_permissions(&temp, meta.permissions()))
            .and_then(|()| fs::rename(&temp, path))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[derive(Debug)]
pub enum WriteError {
    /// The directory holds files that tul2studio did not write: never replaced.
    NotEmpty(PathBuf),
    /// Earlier tul2studio output with files changed or added since; `--force` replaces it.
    Edited(PathBuf, Vec<String>),
    /// The output would land inside the input package.
    InsideInput(PathBuf),
    /// The output path is a symbolic link.
    Symlink(PathBuf),
    /// An emitted path would leave the output directory (a bug, refused all the same).
    UnsafePath(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotEmpty(p) if overlay::is_app_repository(p) => write!(
                f,
                "`{}` is an Altinn app repository (it has App/config/applicationmetadata.json or App/App.csproj): add --content-only to pour the converted service into it; nothing outside App/config, App/ui, App/models and App/options is touched",
                p.display()
            ),
            WriteError::NotEmpty(p) => write!(
                f,
                "`{}` is not empty and holds no {MARKER}, so tul2studio did not write it; it is never replaced, not even with --force: choose a new or empty directory with -o (or an Altinn app repository with --content-only)",
                p.display()
            ),
            WriteError::Edited(p, changed) => write!(
                f,
                "`{}` is earlier tul2studio output, but {} file(s) were changed or added since (`{}`...); --force replaces them",
                p.display(),
                changed.len(),
                changed.first().map_or("", String::as_str)
            ),
            WriteError::InsideInput(p) => write!(
                f,
                "`{}` is inside the input package; choose an output directory outside it",
                p.display()
            ),
            WriteError::Symlink(p) => write!(
                f,
                "`{}` is a symbolic link; choose a real directory",
                p.display()
            ),
            WriteError::UnsafePath(p) => {
                write!(f, "refusing to write `{p}` outside the output directory")
            }
            WriteError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// May `dir` be (re)written? Absent or empty: yes. Our earlier output (the marker) exactly
/// as we wrote it: yes. Our output edited since: only with `force`. Anything else: never,
/// because replacing it would lose someone's files.
pub fn check_target(dir: &Path, force: bool) -> Result<(), WriteError> {
    match fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(WriteError::Symlink(dir.to_path_buf())),
        Ok(m) if !m.is_dir() => Err(WriteError::NotEmpty(dir.to_path_buf())),
        Ok(_) => {
            let empty = fs::read_dir(dir)
                .map_err(|e| WriteError::Io(dir.to_path_buf(), e))?
                .next()
                .is_none();
            if empty {
                return Ok(());
            }
            let Ok(marker) = fs::read(dir.join(MARKER)) else {
                return Err(WriteError::NotEmpty(dir.to_path_buf()));
            };
            let changed = changed_since(dir, &marker);
            if changed.is_empty() || force {
                Ok(())
            } else {
                Err(WriteError::Edited(dir.to_path_buf(), changed))
            }
        }
    }
}

/// Files under `dir` that differ from what the marker recorded, or that it does not list.
fn changed_since(dir: &Path, marker: &[u8]) -> Vec<String> {
    let recorded = serde_json::from_slice::<serde_json::Value>(marker)
        .ok()
        .and_then(|v| v.get("files")?.as_object().cloned())
        .unwrap_or_default();
    let mut changed = Vec::new();
    // Anything but a directory counts: a link or pipe put there is a change too.
    let _ = crate::walk::walk(
        dir,
        &mut |entry| {
            if entry.kind == crate::walk::Kind::Dir {
                return Ok(crate::walk::Step::Enter);
            }
            if entry.rel != MARKER {
                // Only a regular file is opened: reading a pipe would block.
                let regular = entry.kind == crate::walk::Kind::File;
                let same = regular
                    && fs::read(&entry.path).ok().is_some_and(|bytes| {
                        recorded.get(&entry.rel).and_then(|h| h.as_str())
                            == Some(&fingerprint(&bytes))
                    });
                if !same {
                    changed.push(entry.rel.clone());
                }
            }
            Ok(crate::walk::Step::Skip)
        },
        &mut |_, _| {},
    );
    changed.sort();
    changed
}

/// FNV-1a, 64 bits: enough to notice a hand edit; not a security measure.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Is `output` the input directory or inside it? Compared on canonical paths; the output
/// may not exist yet, so its nearest existing ancestor is canonicalised.
pub fn is_inside(output: &Path, input: &Path) -> bool {
    let Ok(input) = fs::canonicalize(input) else {
        return false;
    };
    if !input.is_dir() {
        return false;
    }
    let absolute = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return false,
        }
    }
    let Ok(mut resolved) = fs::canonicalize(existing) else {
        return false;
    };
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    resolved.starts_with(&input)
}

/// Writes the app converted from `input`; an output inside the input is refused (a later
/// run would read its own output as part of the package).
pub fn write_output(
    input: &Path,
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    force: bool,
) -> Result<(), WriteError> {
    if is_inside(dir, input) {
        return Err(WriteError::InsideInput(dir.to_path_buf()));
    }
    write_app(dir, files, force)
}

/// Writes `files` as the complete content of `dir`.
pub fn write_app(
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    force: bool,
) -> Result<(), WriteError> {
    write_with(dir, files, force, |path, bytes| fs::write(path, bytes))
}

/// Beside `dir`: its parent, the staging directory and the place the old output goes aside.
fn siblings(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "app".into());
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}{STAGING}{pid}"));
    let aside = parent.join(format!(".{name}{ASIDE}{pid}"));
    (parent, staging, aside)
}

/// The record of what was written: each path with the fingerprint of its bytes.
fn marker_bytes<'b>(files: impl Iterator<Item = (&'b String, &'b [u8])>) -> Vec<u8> {
    let listing: serde_json::Map<String, serde_json::Value> = files
        .map(|(path, bytes)| (path.clone(), fingerprint(bytes).into()))
        .collect();
    json_bytes(
        &serde_json::json!({ "tool": "tul2studio", "version": env!("CARGO_PKG_VERSION"), "files": listing }),
    )
}

/// Writes `files` under `staging` through the gate; on failure the staging goes.
fn stage<'b>(
    staging: &Path,
    files: impl IntoIterator<Item = (&'b str, &'b [u8])>,
    write_file: &mut impl FnMut(&Path, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    let result = files.into_iter().try_for_each(|(rel, bytes)| {
        let path = staging.join(rel);
        if let Some(p) = path.parent() {
            gated(|| fs::create_dir_all(p)).map_err(|e| WriteError::Io(p.to_path_buf(), e))?;
        }
        gated(|| write_file(&path, bytes)).map_err(|e| WriteError::Io(path.clone(), e))
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(staging);
    }
    result
}

/// Holds the gate open for the moves that follow, so an interrupt sees them done or not
/// begun; once an interrupt has closed it, the staging goes and the write stops.
fn enter_gate(
    staging: &Path,
    target: &Path,
) -> Result<std::sync::RwLockReadGuard<'static, bool>, WriteError> {
    match GATE.read() {
        Ok(open) if !*open => Ok(open),
        _ => {
            let _ = fs::remove_dir_all(staging);
            Err(WriteError::Io(
                target.to_path_buf(),
                io::Error::new(io::ErrorKind::Interrupted, "interrupted"),
            ))
        }
    }
}

/// As [`write_app`], with the file writer given (tests inject failures).
pub fn write_with(
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    force: bool,
    mut write_file: impl FnMut(&Path, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    check_target(dir, force)?;
    if let Some(bad) = files.keys().find(|p| !is_safe(p)) {
        return Err(WriteError::UnsafePath(bad.clone()));
    }
    let (parent, staging, old) = siblings(dir);
    fs::create_dir_all(&parent).map_err(|e| WriteError::Io(parent.clone(), e))?;
    let _ = fs::remove_dir_all(&staging);
    let _active = Active::register(&staging, &old, dir);
    let marker = marker_bytes(files.iter().map(|(p, b)| (p, b.as_slice())));
    let entries = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .chain(std::iter::once((MARKER, marker.as_slice())));
    stage(&staging, entries, &mut write_file)?;
    // Swap: the old output moves aside, the new one into place, the old one goes.
    let _guard = enter_gate(&staging, dir)?;
    let had_old = dir.exists();
    if had_old {
        let _ = fs::remove_dir_all(&old);
        if let Err(e) = fs::rename(dir, &old) {
            // `-o .` and the like: nothing moved, and the staged app must not stay behind.
            let _ = fs::remove_dir_all(&staging);
            return Err(WriteError::Io(dir.to_path_buf(), e));
        }
    }
    if let Err(e) = fs::rename(&staging, dir) {
        if had_old {
            let _ = fs::rename(&old, dir);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError::Io(dir.to_path_buf(), e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<String, Vec<u8>> {
        BTreeMap::from([
            ("App/a.json".to_string(), b"{}".to_vec()),
            ("README.md".to_string(), b"x".to_vec()),
        ])
    }

    #[test]
    fn writes_replaces_own_output_and_refuses_foreign_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("app");
        write_app(&out, &files(), false).unwrap();
        assert_eq!(fs::read(out.join("App/a.json")).unwrap(), b"{}");
        assert!(out.join(MARKER).is_file());
        // A re-run replaces its own output.
        write_app(&out, &files(), false).unwrap();
        let foreign = tmp.path().join("foreign");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(
            write_app(&foreign, &files(), false),
            Err(WriteError::NotEmpty(_))
        ));
        assert_eq!(
            fs::read_to_string(foreign.join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_failure_half_way_leaves_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("app");
        write_app(&out, &files(), false).unwrap();
        let mut count = 0;
        let changed = BTreeMap::from([
            ("App/a.json".to_string(), b"{\"new\":1}".to_vec()),
            ("README.md".to_string(), b"y".to_vec()),
        ]);
        let failing = write_with(&out, &changed, false, |path, bytes| {
            count += 1;
            if count == 2 {
                Err(io::Error::other("disk full"))
            } else {
                fs::write(path, bytes)
            }
        });
        assert!(matches!(failing, Err(WriteError::Io(..))));
        assert_eq!(fs::read(out.join("App/a.json")).unwrap(), b"{}");
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let bad = BTreeMap::from([("../evil".to_string(), Vec::new())]);
        assert!(matches!(
            write_app(&tmp.path().join("x"), &bad, false),
            Err(WriteError::UnsafePath(_))
        ));
        assert!(!tmp.path().join("evil").exists());
    }
}
