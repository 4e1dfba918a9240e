//! The one way the integration tests build an input and run the binary on it (just's `Test`
//! builder is the model): a scratch directory, a package in it (`input/`, or `input.zip`
//! once zipped), a command line, and what the run left behind.
//!
//! ```ignore
//! Test::minimal()
//!     .file("t/1044.xml", "<broken")
//!     .args(&["check", "{input}", "--format", "json"])
//!     .run()
//!     .exits(1)
//!     .produces(&[Code::MalformedXml]);
//! ```
//!
//! Every run has a deadline, and fails on a panic message in its output.

use crate::support::{copy_tree, root, write_tree};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tul2studio::diagnostics::Code;

/// Generous for a debug build on two cores; a hang or blow-up takes far longer.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The smallest package the reader accepts: an identity and one Bokmål text.
pub const TRANSLATION: &str = r#"<Translation language="1044"><DataAreas><DataArea type="Service"><Texts><Text textType="ServiceName" textCode="1">Test</Text></Texts></DataArea></DataAreas></Translation>"#;

/// The Bokmål translation file line of [`manifest`].
pub const NB_TRANSLATION: &str = r#"      <File language="1044" name="t/1044.xml"/>"#;

/// A manifest with the test identity, `extra_areas` after the service area and
/// `translations` as its translation files.
pub fn manifest(extra_areas: &str, translations: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ServiceEditionVersion>
  <DataAreas>
    <DataArea type="Service">
      <Property name="ServiceOwnerCode" value="TST"/>
      <Property name="ServiceName" value="TS-0001 Test"/>
    </DataArea>
{extra_areas}
  </DataAreas>
  <Translations>
    <Files>
{translations}
    </Files>
  </Translations>
</ServiceEditionVersion>
"#
    )
}

/// The ssb fixture's data model, for tests that replace it.
pub const SSB_SCHEMA: &str = "form/1044/skjema.xsn/RA-9901_M.xsd";

/// An XML schema whose only content is `body`.
pub fn schema(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
{body}
</xsd:schema>"#
    )
}

/// A cabinet header declaring `folders` folders and one file, with room for the folder
/// table and nothing else.
pub fn cabinet_declaring(folders: u16) -> Vec<u8> {
    let mut header = vec![0u8; 36];
    header[..4].copy_from_slice(b"MSCF");
    header[8..12].copy_from_slice(&36u32.to_le_bytes());
    header[24] = 3;
    header[25] = 1;
    header[26..28].copy_from_slice(&folders.to_le_bytes());
    header[28..30].copy_from_slice(&1u16.to_le_bytes());
    header.resize(usize::from(folders) * 8 + 36, 0);
    header
}

pub struct Test {
    scratch: tempfile::TempDir,
    zipped: bool,
    /// Where the run starts, relative to the scratch directory.
    cwd: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    planted_panic: bool,
}

impl Test {
    /// An empty package directory.
    pub fn new() -> Test {
        let scratch = tempfile::tempdir().unwrap();
        std::fs::create_dir(scratch.path().join("input")).unwrap();
        Test {
            scratch,
            zipped: false,
            cwd: String::new(),
            args: vec!["check".into(), "{input}".into()],
            env: Vec::new(),
            planted_panic: false,
        }
    }

    /// [`manifest`] with no extra areas, and its Bokmål translation.
    pub fn minimal() -> Test {
        Test::new()
            .file("manifest.xml", manifest("", NB_TRANSLATION))
            .file("t/1044.xml", TRANSLATION)
    }

    /// A copy of `fixtures/<name>`, to be changed.
    pub fn fixture(name: &str) -> Test {
        let test = Test::new();
        copy_tree(&root().join("fixtures").join(name), &test.input_dir());
        test
    }

    /// Writes (or replaces) a package file, folders made as needed.
    pub fn file(self, path: &str, bytes: impl AsRef<[u8]>) -> Test {
        write_tree(&self.input_dir(), &[(path, bytes.as_ref())]);
        self
    }

    /// Replaces a package file's text by `change(text)`.
    pub fn edit(self, path: &str, change: impl FnOnce(&str) -> String) -> Test {
        let file = self.input_dir().join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, change(&text)).unwrap();
        self
    }

    pub fn remove(self, path: &str) -> Test {
        std::fs::remove_file(self.input_dir().join(path)).unwrap();
        self
    }

    /// A scratch file outside the package (an access map, a policy, a planted leftover).
    pub fn beside(self, path: &str, bytes: impl AsRef<[u8]>) -> Test {
        write_tree(self.scratch.path(), &[(path, bytes.as_ref())]);
        self
    }

    /// Anything else, done to the scratch directory before the run.
    pub fn setup(self, step: impl FnOnce(&Path)) -> Test {
        step(self.scratch.path());
        self
    }

    /// The package is packed into `input.zip` before the run and passed as `{input}`.
    pub fn zipped(mut self) -> Test {
        self.zipped = true;
        self
    }

    /// `bytes` are the package: `input.zip`, passed as `{input}`.
    pub fn zip_input(bytes: impl AsRef<[u8]>) -> Test {
        let mut test = Test::new();
        std::fs::remove_dir(test.input_dir()).unwrap();
        std::fs::write(test.scratch.path().join("input.zip"), bytes).unwrap();
        test.zipped = true;
        test
    }

    /// The run starts in `dir` (relative to the scratch directory).
    pub fn current_dir(mut self, dir: &str) -> Test {
        self.cwd = dir.to_string();
        self
    }

    /// `convert {input} -o {scratch}/out` with `extra`; the run may write nothing but `out`.
    pub fn convert(mut self, extra: &[&str]) -> Ran {
        self.args = ["convert", "{input}", "-o", "{scratch}/out"]
            .iter()
            .chain(extra)
            .map(|a| a.to_string())
            .collect();
        let ran = self.run();
        ran.wrote_only(&["out"]);
        ran
    }

    /// The command line; `{input}` is the package and `{scratch}` the scratch directory.
    pub fn args(mut self, args: &[&str]) -> Test {
        self.args = args.iter().map(|a| a.to_string()).collect();
        self
    }

    pub fn arg(mut self, arg: &str) -> Test {
        self.args.push(arg.to_string());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The run panics on purpose (`TUL2STUDIO_TEST_PANIC`, a `test-hooks` build): its panic
    /// message is expected.
    pub fn planted_panic(mut self, input_part: &str) -> Test {
        self.planted_panic = true;
        self.env("TUL2STUDIO_TEST_PANIC", input_part)
    }

    pub fn scratch(&self) -> &Path {
        self.scratch.path()
    }

    fn input_dir(&self) -> PathBuf {
        self.scratch.path().join("input")
    }

    /// The path `{input}` stands for.
    pub fn input(&self) -> PathBuf {
        if self.zipped {
            self.scratch.path().join("input.zip")
        } else {
            self.input_dir()
        }
    }

    /// Runs the binary in the scratch directory, killing it at the deadline (a failure).
    pub fn run(self) -> Ran {
        let before = entries(self.scratch.path());
        if self.zipped && self.input_dir().is_dir() {
            let bytes = tul2studio::pack::pack_dir(&self.input_dir()).unwrap();
            std::fs::write(self.input(), bytes).unwrap();
        }
        let input = self.input().display().to_string();
        let scratch = self.scratch.path().display().to_string();
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| a.replace("{input}", &input).replace("{scratch}", &scratch))
            .collect();
        let logs = tempfile::tempdir().unwrap();
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_tul2studio"))
            .args(&args)
            .current_dir(self.scratch.path().join(&self.cwd))
            .env("NO_COLOR", "1")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(logs.path().join("out")).unwrap())
            .stderr(std::fs::File::create(logs.path().join("err")).unwrap())
            .spawn()
            .unwrap();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = child.kill();
                panic!("{args:?} ran past {DEADLINE:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let read = |name| std::fs::read_to_string(logs.path().join(name)).unwrap_or_default();
        let (stdout, stderr) = (read("out"), read("err"));
        assert!(
            self.planted_panic || !stderr.contains("panicked"),
            "{args:?} panicked: {stderr}"
        );
        Ran {
            before,
            exit: status.code(),
            stdout,
            stderr,
            elapsed: start.elapsed(),
            args,
            test: self,
        }
    }
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What a run printed and left in its scratch directory.
pub struct Ran {
    /// The scratch directory's names before the run.
    before: Vec<String>,
    pub exit: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub args: Vec<String>,
    pub test: Test,
}

impl Ran {
    pub fn exits(&self, code: i32) -> &Ran {
        assert_eq!(self.exit, Some(code), "{:?}: {}", self.args, self.stderr);
        self
    }

    /// Stdout as JSON (the run had `--format json`).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{:?} printed no JSON ({e}): {}", self.args, self.stdout))
    }

    /// Every diagnostic code in the JSON report, in order.
    pub fn codes(&self) -> Vec<String> {
        let report = self.json();
        let packages = report["packages"].as_array().expect("a packages array");
        packages
            .iter()
            .flat_map(|p| p["diagnostics"].as_array().expect("a diagnostics array"))
            .map(|d| d["code"].as_str().expect("a code").to_string())
            .collect()
    }

    /// Each of `codes` is in the JSON report; returns every code it holds.
    pub fn produces(&self, codes: &[Code]) -> Vec<String> {
        let found = self.codes();
        for code in codes {
            assert!(
                found.iter().any(|c| c == code.as_str()),
                "{:?}: {code} missing from {found:?}\n{}",
                self.args,
                self.stderr
            );
        }
        found
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.test.scratch().join(rel)
    }

    /// The run failed as the contract says (1 or 2), naming `code`, within its deadline.
    pub fn refused(&self, code: &str) -> &Ran {
        assert!(
            matches!(self.exit, Some(1) | Some(2)),
            "exit {:?}: {}",
            self.exit,
            self.stderr
        );
        assert!(
            self.stderr.contains(code),
            "{code} missing: {}",
            self.stderr
        );
        self
    }

    /// Nothing new in the scratch directory but `allowed` (the package's own `input*`
    /// entries were there before).
    pub fn wrote_only(&self, allowed: &[&str]) -> &Ran {
        let new: Vec<String> = entries(self.test.scratch())
            .into_iter()
            .filter(|n| !self.before.contains(n) && !allowed.contains(&n.as_str()))
            .filter(|n| !(self.test.zipped && n == "input.zip"))
            .collect();
        assert!(new.is_empty(), "written outside the output: {new:?}");
        assert!(!Path::new("/tmp/evil.txt").exists());
        self
    }

    /// The same scratch directory, for another run.
    pub fn again(self) -> Test {
        self.test
    }
}
