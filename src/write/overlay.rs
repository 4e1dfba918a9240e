//! `convert --content-only` into an Altinn app repository (one created in Altinn Studio and
//! cloned): the converted App/config, App/ui, App/models and App/options poured into it, and
//! nothing else touched.
//!
//! What may be replaced or removed: files the last conversion wrote (the record
//! `App/config/.tul2studio.json` fingerprints them) that nobody changed since, and files of
//! Studio's template that are still as the repository's first commit has them (the default
//! data model `model.*`, the default layout set's pages). Everything else the conversion would
//! overwrite or leave orphaned is kept and reported; `--force` replaces it, except code
//! (`.cs`), which is never deleted. The overlay is staged beside the repository, then each
//! file is moved into place with the one it replaces moved aside; any failure moves
//! everything back.

use super::{WriteError, fingerprint, is_safe};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folders the overlay writes; nothing outside them changes.
pub const CONTENT: [&str; 4] = ["App/config/", "App/ui/", "App/models/", "App/options/"];
/// The record of what the last conversion wrote, inside the content folders.
pub const RECORD: &str = "App/config/.tul2studio.json";
const METADATA: &str = "App/config/applicationmetadata.json";

/// Is `dir` an Altinn app repository (as Studio's template lays one out)?
pub fn is_app_repository(dir: &Path) -> bool {
    dir.join(METADATA).is_file() || dir.join("App/App.csproj").is_file()
}

/// `(org, app)` from the repository's own applicationmetadata.json (`"id": "org/app"`).
pub fn repository_identity(dir: &Path) -> Option<(String, String)> {
    let metadata: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join(METADATA)).ok()?).ok()?;
    let (org, app) = metadata.get("id")?.as_str()?.split_once('/')?;
    (!org.is_empty() && !app.is_empty()).then(|| (org.to_string(), app.to_string()))
}

/// What the overlay will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to write (new or replaced).
    pub writes: Vec<String>,
    /// Files to remove (orphaned placeholders or earlier output).
    pub removes: Vec<String>,
    /// Files kept, and why.
    pub kept: Vec<(String, String)>,
}

fn in_content(path: &str) -> bool {
    CONTENT.iter().any(|c| path.starts_with(c))
}

/// The repository's first commit, when it is a git repository with `git` at hand.
fn first_commit(repo: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-list", "--max-parents=0", "HEAD"])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    out.status
        .success()
        .then(|| text.lines().last().map(str::to_string))
        .flatten()
}

/// The bytes of `path` in the first commit.
fn as_created(repo: &Path, commit: &str, path: &str) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .arg("show")
        .arg(format!("{commit}:{path}"))
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Every file under the content folders, by repository-relative path.
fn content_files(repo: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for folder in CONTENT {
        // A content folder the repository lacks has no files.
        if let Ok(files) = crate::walk::files(&repo.join(folder)) {
            out.extend(files.into_iter().map(|f| format!("{folder}{}", f.rel)));
        }
    }
    out.sort();
    out
}

/// Decides, file by file, what the overlay of `files` on `repo` does.
pub fn plan(repo: &Path, files: &BTreeMap<String, Vec<u8>>, force: bool) -> Plan {
    let recorded: BTreeMap<String, String> = fs::read(repo.join(RECORD))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.get("files")?.as_object().cloned())
        .map(|m| {
            m.into_iter()
                .filter_map(|(k, v)| Some((k, v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let commit = first_commit(repo);
    let pristine = |path: &str, bytes: &[u8]| {
        commit
            .as_deref()
            .and_then(|c| as_created(repo, c, path))
            .is_some_and(|original| original == bytes)
    };
    let ours = |path: &str, bytes: &[u8]| recorded.get(path) == Some(&fingerprint(bytes));
    let mut plan = Plan::default();
    for (path, new) in files {
        let Ok(existing) = fs::read(repo.join(path)) else {
            plan.writes.push(path.clone());
            continue;
        };
        if existing == *new {
            continue;
        }
        if ours(path, &existing) || pristine(path, &existing) || force {
            plan.writes.push(path.clone());
        } else {
            let why = if recorded.contains_key(path) {
                "changed since the last conversion"
            } else {
                "not written by tul2studio and changed since the repository was created"
            };
            plan.kept.push((path.clone(), why.to_string()));
        }
    }
    for path in content_files(repo) {
        if files.contains_key(&path) || path == RECORD {
            continue;
        }
        let Ok(existing) = fs::read(repo.join(&path)) else {
            continue;
        };
        // The template's placeholders the conversion replaces: the default model and the
        // default layout set's pages.
        let placeholder = path.starts_with("App/models/")
            || (path.starts_with("App/ui/") && path.contains("/layouts/"));
        let code = path.ends_with(".cs");
        let removable = ours(&path, &existing)
            || (placeholder && pristine(&path, &existing))
            || (force && !code && placeholder);
        if removable {
            plan.removes.push(path);
        } else if placeholder || recorded.contains_key(&path) {
            let why = if code {
                "code is never deleted; the new model does not use it"
            } else {
                "left over from before the conversion and changed since; --force removes it"
            };
            plan.kept.push((path, why.to_string()));
        }
    }
    plan
}

/// Applies `plan`: every write staged beside `repo` first, then each file moved into place
/// with the one it replaces moved aside; a failure puts everything back. `write_file` does
/// the staging writes (tests inject failures).
pub fn apply(
    repo: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    plan: &Plan,
    mut write_file: impl FnMut(&Path, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    if let Some(bad) = plan
        .writes
        .iter()
        .chain(&plan.removes)
        .find(|p| !is_safe(p) || !in_content(p))
    {
        return Err(WriteError::UnsafePath(bad.clone()));
    }
    let (_, staging, aside) = super::siblings(repo);
    let _ = fs::remove_dir_all(&staging);
    let _ = fs::remove_dir_all(&aside);
    let _active = super::Active::register(&staging, &aside, repo);
    // The record of this run: every converted file that is now as converted.
    let marker = super::marker_bytes(
        files
            .iter()
            .filter(|(path, _)| !plan.kept.iter().any(|(k, _)| k == *path))
            .map(|(p, b)| (p, b.as_slice())),
    );
    let mut writes: Vec<(&str, &[u8])> = plan
        .writes
        .iter()
        .filter_map(|p| Some((p.as_str(), files.get(p)?.as_slice())))
        .collect();
    let record_changed = fs::read(repo.join(RECORD)).ok().as_deref() != Some(&marker[..]);
    if record_changed {
        writes.push((RECORD, &marker));
    }
    if writes.is_empty() && plan.removes.is_empty() {
        return Ok(());
    }
    super::stage(&staging, writes.iter().copied(), &mut write_file)?;
    // The moves run as one step of the gate: an interrupt waits for them, or for the undo.
    let gate = super::enter_gate(&staging, repo)?;
    // (path, whether the original was moved aside, whether a new file was placed)
    let mut journal: Vec<(PathBuf, bool, bool)> = Vec::new();
    let result = (|| -> Result<(), WriteError> {
        let io_at = |p: &Path| {
            let p = p.to_path_buf();
            move |e| WriteError::Io(p, e)
        };
        let set_aside = |rel: &str, journal: &mut Vec<(PathBuf, bool, bool)>| {
            let target = repo.join(rel);
            if fs::symlink_metadata(&target).is_err() {
                journal.push((PathBuf::from(rel), false, false));
                return Ok(());
            }
            let backup = aside.join(rel);
            if let Some(p) = backup.parent() {
                fs::create_dir_all(p).map_err(io_at(p))?;
            }
            fs::rename(&target, &backup).map_err(io_at(&target))?;
            journal.push((PathBuf::from(rel), true, false));
            Ok(())
        };
        for (rel, _) in &writes {
            set_aside(rel, &mut journal)?;
            let target = repo.join(rel);
            if let Some(p) = target.parent() {
                fs::create_dir_all(p).map_err(io_at(p))?;
            }
            fs::rename(staging.join(rel), &target).map_err(io_at(&target))?;
            if let Some(last) = journal.last_mut() {
                last.2 = true;
            }
        }
        for rel in &plan.removes {
            set_aside(rel, &mut journal)?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (rel, moved, placed) in journal.iter().rev() {
            let target = repo.join(rel);
            if *placed {
                let _ = fs::remove_file(&target);
            }
            if *moved {
                let _ = fs::rename(aside.join(rel), &target);
            }
        }
    }
    let _ = fs::remove_dir_all(&staging);
    let _ = fs::remove_dir_all(&aside);
    drop(gate);
    result
}

/// Plans and applies the overlay with plain file writes.
pub fn overlay(
    repo: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    force: bool,
) -> Result<Plan, WriteError> {
    let plan = plan(repo, files, force);
    apply(repo, files, &plan, |path, bytes| fs::write(path, bytes))?;
    Ok(plan)
}
