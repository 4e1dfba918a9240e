//! The one directory walker: depth first, in name order (so every listing is deterministic),
//! never through a symbolic link. The caller sees every entry and says whether to enter a
//! directory; what a link, a special file or an unreadable directory means is its decision.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dir,
    /// A regular file.
    File,
    /// A symbolic link, not followed.
    Symlink,
    /// A FIFO, device or socket: opening one can block forever.
    Special,
}

#[derive(Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// Relative to the walk's root, `/`-separated.
    pub rel: String,
    pub name: String,
    pub kind: Kind,
    /// 0 for the root's own entries.
    pub depth: usize,
}

/// What to do next: go into a directory or not (the same for other entries), or end the
/// whole walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Enter,
    Skip,
    Stop,
}

/// Walks `root`, calling `visit` for each entry below it, a directory's entries right after
/// it. A directory that cannot be listed is an error at the root, and is passed to
/// `unreadable` below it (the walk goes on).
pub fn walk(
    root: &Path,
    visit: &mut dyn FnMut(&Entry) -> io::Result<Step>,
    unreadable: &mut dyn FnMut(&Path, io::Error),
) -> io::Result<()> {
    let children = list(root)?;
    walk_children(children, "", 0, visit, unreadable).map(|_| ())
}

fn list(dir: &Path) -> io::Result<Vec<std::fs::DirEntry>> {
    let mut children = std::fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    children.sort_by_key(|e| e.file_name());
    Ok(children)
}

fn walk_children(
    children: Vec<std::fs::DirEntry>,
    rel: &str,
    depth: usize,
    visit: &mut dyn FnMut(&Entry) -> io::Result<Step>,
    unreadable: &mut dyn FnMut(&Path, io::Error),
) -> io::Result<Step> {
    for child in children {
        let name = child.file_name().to_string_lossy().into_owned();
        let file_type = child.file_type()?;
        let kind = if file_type.is_symlink() {
            Kind::Symlink
        } else if file_type.is_dir() {
            Kind::Dir
        } else if file_type.is_file() {
            Kind::File
        } else {
            Kind::Special
        };
        let entry = Entry {
            path: child.path(),
            rel: if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            },
            name,
            kind,
            depth,
        };
        match visit(&entry)? {
            Step::Stop => return Ok(Step::Stop),
            Step::Enter if kind == Kind::Dir => match list(&entry.path) {
                Ok(grandchildren) => {
                    let step =
                        walk_children(grandchildren, &entry.rel, depth + 1, visit, unreadable)?;
                    if step == Step::Stop {
                        return Ok(Step::Stop);
                    }
                }
                Err(e) => unreadable(&entry.path, e),
            },
            _ => {}
        }
    }
    Ok(Step::Enter)
}

/// Every regular file under `root`, by relative path, in name order.
pub fn files(root: &Path) -> io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    walk(
        root,
        &mut |e| {
            if e.kind == Kind::File {
                out.push(e.clone());
            }
            Ok(Step::Enter)
        },
        &mut |_, _| {},
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_in_name_order_and_links_are_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for path in ["b/2.txt", "b/1.txt", "a.txt", "c/skip/x.txt"] {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "x").unwrap();
        }
        std::os::unix::fs::symlink("/", root.join("link")).unwrap();
        let mut seen = Vec::new();
        walk(
            root,
            &mut |e| {
                seen.push(format!("{}:{:?}", e.rel, e.kind));
                Ok(if e.name == "skip" {
                    Step::Skip
                } else {
                    Step::Enter
                })
            },
            &mut |_, _| panic!("all readable"),
        )
        .unwrap();
        assert_eq!(
            seen,
            [
                "a.txt:File",
                "b:Dir",
                "b/1.txt:File",
                "b/2.txt:File",
                "c:Dir",
                "c/skip:Dir",
                "link:Symlink"
            ]
        );
        let rels: Vec<String> = files(root).unwrap().into_iter().map(|e| e.rel).collect();
        assert_eq!(rels, ["a.txt", "b/1.txt", "b/2.txt", "c/skip/x.txt"]);
        assert!(walk(&root.join("nope"), &mut |_| Ok(Step::Enter), &mut |_, _| {}).is_err());
    }
}
