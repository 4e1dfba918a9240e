//! Replays every input under `fuzz/regressions/<target>/` (inputs that once crashed, hung or
//! blew up a fuzz target, kept after the fix) through the same entry points the fuzz
//! targets call, and runs each target on the fixtures, so the entry points stay honest
//! between fuzzing campaigns.

use crate::support::root;
use tul2studio::fuzzing::TARGETS;

fn target(name: &str) -> tul2studio::fuzzing::Target {
    TARGETS.iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn saved_fuzz_findings_stay_fixed() {
    let dir = root().join("fuzz/regressions");
    let mut replayed = 0;
    for (name, run) in TARGETS {
        let Ok(entries) = std::fs::read_dir(dir.join(name)) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let result = std::panic::catch_unwind(|| run(&bytes));
            assert!(
                result.is_ok(),
                "{name}: {} fails again",
                entry.path().display()
            );
            replayed += 1;
        }
    }
    // Every directory under fuzz/regressions names a target.
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            TARGETS.iter().any(|(n, _)| *n == name),
            "no target `{name}`"
        );
    }
    eprintln!("replayed {replayed} saved fuzz inputs");
}

#[test]
fn every_target_reads_the_fixtures() {
    for fixture in crate::support::fixtures() {
        let dir = root().join("fixtures").join(&fixture);
        let zip = tul2studio::pack::pack_dir(&dir).unwrap();
        target("zip")(&zip);
        let files: Vec<(String, Vec<u8>)> = crate::support::tree(&dir).into_iter().collect();
        let records = tul2studio::fuzzing::records(&files);
        assert!(records.windows(12).any(|w| w == b"manifest.xml"));
        target("pipeline")(&records);
        let (_, app) = tul2studio::fuzzing::convert_records(&records);
        assert!(app.is_some_and(|a| a.files.len() >= 2), "{fixture}");
        let manifest = std::fs::read(dir.join("manifest.xml")).unwrap();
        target("manifest")(&manifest);
        for entry in crate::support::files_under(&dir) {
            let bytes = std::fs::read(&entry).unwrap();
            let name = entry.to_string_lossy();
            if name.ends_with(".xsd") {
                target("xsd")(&bytes);
            } else if name.ends_with(".xsl") {
                target("view")(&bytes);
            }
        }
    }
    let cabinet = tul2studio::pack::build_cabinet(&[("a.xml".into(), b"<a/>".to_vec())]).unwrap();
    target("cabinet")(&cabinet);
    target("xpath")(b"sum(../my:Rad/my:Belop) > 10");
}
