//! The reviewer's view in a real browser: each app's `--report FILE.html` is opened in Debian's
//! headless Chromium, and the page it renders holds, for every view that is a page, a mark for
//! every control of the view (found by walking the view's XSL on its own), each pointing at a
//! component or a finding that exists in the same page. Screenshots are left in
//! `target/review-screenshots/` to look at.

use crate::apps::{EmittedApp, all};
use crate::support::{root, run, stderr};
use std::collections::BTreeSet;
use std::process::Command;

/// Chromium, or a skip (a failure under CI, where `.ci/run` installs it).
fn chromium() -> Option<&'static str> {
    for name in ["chromium", "chromium-browser"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(name);
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("chromium is missing; .ci/run installs Debian's chromium");
    }
    crate::support::visible_notice("Chromium is missing; skipping the review report in a browser");
    None
}

/// A headless browser run, stopped after a minute should it hang (coreutils' `timeout`).
fn browser(chromium: &str, page: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new("timeout")
        .args(["60", chromium])
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

/// Values of `attribute="…"` in a rendered DOM.
fn values<'a>(dom: &'a str, attribute: &str) -> Vec<&'a str> {
    // The attribute itself, not one whose name ends like it (`lcid="…"` is no `id`).
    let needle = format!(" {attribute}=\"");
    dom.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &dom[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn check_app(chromium: &str, app: &EmittedApp, dir: &std::path::Path) -> Vec<String> {
    let report = dir.join(format!("{}.html", app.name.replace([':', ' '], "-")));
    let ran = run(&[
        "check",
        app.package.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(
        report.is_file(),
        "{}: no report: {}",
        app.name,
        stderr(&ran)
    );
    let dumped = browser(chromium, &report, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dumped.stdout).into_owned();
    let mut failures = Vec::new();
    if !dom.contains("</html>") {
        return vec![format!("{}: the browser rendered nothing", app.name)];
    }
    let all_ids = values(&dom, "id");
    let ids: BTreeSet<&str> = all_ids.iter().copied().collect();
    if ids.len() != all_ids.len() {
        failures.push(format!(
            "{}: {} anchors are not unique, and a link would reach the wrong one",
            app.name,
            all_ids.len() - ids.len()
        ));
    }
    for target in values(&dom, "data-target") {
        if !ids.contains(target.replace("&amp;", "&").as_str()) {
            failures.push(format!(
                "{}: a mark points at `{target}`, which is not there",
                app.name
            ));
        }
    }
    for (file, text) in &app.views {
        let start = format!("data-view=\"{file}\"");
        let Some(at) = dom.find(&start) else {
            failures.push(format!("{}: no review of {file}", app.name));
            continue;
        };
        let section = &dom[at..];
        let section = &section[..section.find("</section>").unwrap_or(section.len())];
        let marked: BTreeSet<&str> = values(section, "data-ctrl").into_iter().collect();
        for (id, line) in crate::controls::control_ids(text) {
            if !marked.contains(id.as_str()) {
                failures.push(format!("{}: {file}:{line} {id} has no mark", app.name));
            }
        }
        if section.contains("mark unknown") {
            failures.push(format!(
                "{}: {file} has a mark that points nowhere",
                app.name
            ));
        }
    }
    // Screenshots are for a person to look at; CI has none to look.
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return failures;
    }
    let shots = root().join("target/review-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join(format!("{}.png", app.name.replace([':', ' '], "-")));
    browser(
        chromium,
        &report,
        &[
            "--window-size=1400,2400",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    failures
}

#[test]
fn the_review_report_marks_every_control_in_a_browser() {
    let Some(apps) = all() else { return };
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let chosen: Vec<&EmittedApp> = apps
        .iter()
        .filter(|a| {
            a.name.starts_with("fixture:")
                || [
                    "real:Expense Report.xsn",
                    "real:Incident_Form.xsn",
                    "real:Status Report.xsn",
                ]
                .contains(&a.name.as_str())
        })
        .collect();
    assert_eq!(chosen.len(), 6, "the fixtures and three real forms");
    let failures: Vec<String> = chosen
        .iter()
        .flat_map(|app| check_app(chromium, app, tmp.path()))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
