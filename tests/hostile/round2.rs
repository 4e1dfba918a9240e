//! The second hostile campaign: a write outside the tree, special files, super-linear inputs,
//! leftovers of interrupted runs, unbounded parallelism, terminal injection and a closed
//! stdout. Each runs under the watchdog with a 10 s bound.

use super::{Scratch, bounded, fixture_dir, refused};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BOUND: Duration = Duration::from_secs(10);

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A small Altinn app policy with one Altinn II role that has a certain package.
fn policy(rules: usize) -> String {
    let rule = |i: usize| {
        format!(
            "  <xacml:Rule RuleId=\"r{i}\" Effect=\"Permit\">\n    <xacml:Target>\n      <xacml:AnyOf>\n        <xacml:AllOf>\n          <xacml:Match MatchId=\"urn:oasis:names:tc:xacml:3.0:function:string-equal-ignore-case\">\n            <xacml:AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">a0239</xacml:AttributeValue>\n            <xacml:AttributeDesignator AttributeId=\"urn:altinn:rolecode\" Category=\"urn:oasis:names:tc:xacml:1.0:subject-category:access-subject\" DataType=\"http://www.w3.org/2001/XMLSchema#string\" MustBePresent=\"false\"/>\n          </xacml:Match>\n        </xacml:AllOf>\n      </xacml:AnyOf>\n    </xacml:Target>\n  </xacml:Rule>\n"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xacml:Policy xmlns:xacml=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1.0\" RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:deny-overrides\">\n  <xacml:Target/>\n{}</xacml:Policy>\n",
        (0..rules).map(rule).collect::<String>()
    )
}

#[test]
fn an_upgrade_never_writes_through_a_planted_link() {
    let scratch = Scratch::new();
    let victim = scratch.file("input-victim.txt", b"precious");
    let file = scratch.file("input/policy.xml", policy(1).as_bytes());
    // The fixed temporary name of earlier versions, and a few guesses at the new ones.
    for name in [
        ".policy.xml.tul2studio-tmp",
        ".policy.xml.tul2studio-tmp-1-0-0",
    ] {
        std::os::unix::fs::symlink(&victim, scratch.path(&format!("input/{name}"))).unwrap();
    }
    let run = bounded(
        &args(&["policy", "upgrade", "--write", file.to_str().unwrap()]),
        scratch.path("").as_path(),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.elapsed < BOUND);
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    let meta = std::fs::symlink_metadata(&file).unwrap();
    assert!(
        meta.file_type().is_file(),
        "policy.xml is still a regular file"
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("urn:altinn:accesspackage")
    );
}

#[test]
fn a_fifo_in_a_package_is_skipped_not_opened() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    for fifo in ["notes.pipe", "form/formpages.xml"] {
        let path = dir.join(fifo);
        let _ = std::fs::remove_file(&path);
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
    }
    let run = scratch.convert(&dir, &["--format", "json"]);
    assert!(run.elapsed < BOUND, "took {:?}", run.elapsed);
    assert!(
        run.stderr.contains("TUL0017") || run.code.is_some(),
        "{}",
        run.stderr
    );
    // A device as the input: refused at once, never read.
    let device = bounded(&args(&["check", "/dev/zero"]), scratch.path("").as_path());
    refused(&device, "TUL0002");
    assert!(device.elapsed < BOUND);
}

#[test]
fn an_element_with_100000_attributes_is_refused_quickly() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"x\"")).collect();
    let manifest = std::fs::read_to_string(dir.join("manifest.xml")).unwrap();
    std::fs::write(
        dir.join("manifest.xml"),
        manifest.replacen(
            "<ServiceEditionVersion>",
            &format!("<ServiceEditionVersion{attributes}>"),
            1,
        ),
    )
    .unwrap();
    let run = scratch.convert(&dir, &[]);
    refused(&run, "TUL0018");
    assert!(run.elapsed < BOUND, "took {:?}", run.elapsed);
}

#[test]
fn a_cabinet_declaring_65000_folders_is_refused_unread() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let xsn = dir.join("form/1044/skjema.xsn");
    std::fs::remove_dir_all(&xsn).unwrap();
    let mut header = vec![0u8; 36];
    header[..4].copy_from_slice(b"MSCF");
    header[8..12].copy_from_slice(&36u32.to_le_bytes());
    header[24] = 3;
    header[25] = 1;
    header[26..28].copy_from_slice(&65_000u16.to_le_bytes());
    header[28..30].copy_from_slice(&1u16.to_le_bytes());
    header.resize(65_000 * 8 + 36, 0);
    std::fs::write(&xsn, header).unwrap();
    let run = scratch.convert(&dir, &[]);
    assert!(run.stderr.contains("TUL0204"), "{}", run.stderr);
    assert!(run.elapsed < BOUND, "took {:?}", run.elapsed);
}

/// 5,000 rules in the debug build the suite runs (about 3 s alone; it was 14 s for 500 before
/// the fix). The release benchmark checks 10,000 and the growth (`benches/policy.rs`).
#[test]
fn policy_check_over_5000_rules_is_bounded() {
    let scratch = Scratch::new();
    let file = scratch.file("input/policy.xml", policy(5_000).as_bytes());
    let run = bounded(
        &args(&["policy", "check", file.to_str().unwrap()]),
        scratch.path("").as_path(),
    );
    assert_eq!(
        run.code,
        Some(0),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(run.elapsed < BOUND, "took {:?}", run.elapsed);
}

#[test]
fn a_failed_final_rename_leaves_no_staging() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let out = scratch.path("out");
    let first = scratch.convert(&dir, &[]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    // Inside our own earlier output, `-o .`: the directory cannot be renamed away.
    let run = bounded(
        &args(&["convert", dir.to_str().unwrap(), "-o", "."]),
        out.as_path(),
    );
    assert!(matches!(run.code, Some(2) | Some(0)), "{}", run.stderr);
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .chain(std::fs::read_dir(scratch.path("")).unwrap())
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tul2studio-"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn leftovers_of_a_killed_run_are_removed_and_reported() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    assert_eq!(scratch.convert(&dir, &[]).code, Some(0));
    // What a run killed with SIGKILL leaves (a pid that is not running).
    scratch.file("out-staging/.keep", b"");
    std::fs::rename(
        scratch.path("out-staging"),
        scratch.path(".out.tul2studio-new-999999999"),
    )
    .unwrap();
    scratch.file(".out.tul2studio-tmp-999999998-1-0", b"partial");
    let run = scratch.convert(&dir, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr.matches("TUL0019").count(), 2, "{}", run.stderr);
    assert!(!scratch.path(".out.tul2studio-new-999999999").exists());
    assert!(!scratch.path(".out.tul2studio-tmp-999999998-1-0").exists());
}

#[test]
fn sigint_removes_the_staging_of_a_batch() {
    let scratch = Scratch::new();
    let catalogue = scratch.path("input");
    let made = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
        .args(["generate", "--count", "30", "-o"])
        .arg(&catalogue)
        .status()
        .unwrap();
    assert!(made.success());
    let out = scratch.path("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
        .args(["batch", "--jobs", "1", "-o"])
        .arg(&out)
        .arg(&catalogue)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = |dir: &Path| {
        std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().contains(".tul2studio-new-"))
            })
            .unwrap_or(false)
    };
    let start = Instant::now();
    // Interrupt mid-batch: once outputs appear, at the first moment an app is being staged.
    let written = |dir: &Path| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    while written(&out) < 3 && start.elapsed() < BOUND && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(2));
    }
    let spin = Instant::now();
    while !staging(&out) && spin.elapsed() < Duration::from_millis(500) {
        std::hint::spin_loop();
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    if status.code() == Some(0) {
        crate::support::visible_notice("the batch ended before the interrupt arrived");
    } else {
        assert_eq!(status.code(), Some(130), "{status:?}");
    }
    assert!(!staging(&out), "staging left after SIGINT");
    assert!(start.elapsed() < BOUND * 3);
}

#[test]
fn jobs_are_clamped_with_a_notice() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    let out = scratch.path("out");
    let run = bounded(
        &args(&[
            "batch",
            "--jobs",
            "1000000",
            "-o",
            out.to_str().unwrap(),
            dir.to_str().unwrap(),
        ]),
        scratch.path("").as_path(),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("notice: --jobs 1000000 is more than"),
        "{}",
        run.stderr
    );
    assert!(run.elapsed < BOUND);
}

#[test]
fn control_characters_in_names_reach_no_terminal() {
    let scratch = Scratch::new();
    let dir = fixture_dir(&scratch);
    scratch.file("input/evil\u{1b}[2J\u{7}name\r.txt", b"x");
    let run = scratch.convert(&dir, &[]);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains("evil\\u{1b}[2J\\u{7}name\\u{d}.txt"),
        "{}",
        run.stderr
    );
    // JSON keeps the exact name.
    let json = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(doc.to_string().contains("evil\\u001b[2J\\u0007name\\r.txt"));
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let fixture = crate::support::root().join("fixtures/ssb-ra9901");
    let fixture = fixture.to_str().unwrap();
    for command in [
        vec!["explain", "--list"],
        vec!["explain", "--docs"],
        vec!["access", "DAGL", "--all"],
        vec!["access", "DAGL", "--format", "json"],
        vec!["inspect", fixture],
        vec!["check", fixture, "--format", "json"],
        vec!["check", fixture, "--format", "sarif"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
            .args(&command)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away at once
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{command:?}: {stderr}"
        );
        assert_ne!(output.status.code(), Some(101), "{command:?}");
    }
}
