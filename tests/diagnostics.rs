//! Golden tests for diagnostics: each folder under `tests/fixtures/diagnostics/` holds a
//! `brief.toml` and the exact output `mujaz check` gives for it, for people
//! (`expected.txt`: exit code and stderr; `expected.ar.txt`: the same with `--messages ar`)
//! and for tools (`expected.json`: stdout).
//!
//! Run with `MUJAZ_BLESS=1` to rewrite the expected files after an intended change.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn human(case: &Path) -> String {
    let output = mujaz(&["check", "brief.toml"], case);
    format!("exit code: {:?}\n{}", output.status.code(), String::from_utf8_lossy(&output.stderr))
}

fn human_in_arabic(case: &Path) -> String {
    let output = mujaz(&["check", "--messages", "ar", "brief.toml"], case);
    format!("exit code: {:?}\n{}", output.status.code(), String::from_utf8_lossy(&output.stderr))
}

/// The `file:line:column` lines of a report, which every language shares.
fn locations(report: &str) -> Vec<&str> {
    report.lines().filter(|line| line.trim_start().starts_with("┌─")).collect()
}

fn json(case: &Path) -> String {
    let output = mujaz(&["check", "--message-format", "json", "brief.toml"], case);
    assert!(output.stderr.is_empty(), "JSON mode printed to stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn compare(path: &Path, actual: &str, mismatches: &mut Vec<String>) {
    if std::env::var_os("MUJAZ_BLESS").is_some() {
        fs::write(path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        mismatches.push(format!("{}:\n--- expected\n{expected}\n--- actual\n{actual}", path.display()));
    }
}

#[test]
fn every_diagnostic_fixture_prints_exactly_its_golden_output() {
    let root = fixture("diagnostics");
    let mut cases: Vec<_> = fs::read_dir(&root).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    cases.sort();
    assert!(cases.len() >= 20, "only {} fixtures", cases.len());
    let mut mismatches = Vec::new();
    for case in &cases {
        let english = human(case);
        let arabic = human_in_arabic(case);
        compare(&case.join("expected.txt"), &english, &mut mismatches);
        compare(&case.join("expected.ar.txt"), &arabic, &mut mismatches);
        compare(&case.join("expected.json"), &json(case), &mut mismatches);
        assert_eq!(
            locations(&english),
            locations(&arabic),
            "{}: the languages point at different places",
            case.display()
        );
        assert_eq!(english.lines().next(), arabic.lines().next(), "{}: the exit codes differ", case.display());
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n\n"));
}

#[test]
fn no_fixture_output_shows_a_panic_or_backtrace() {
    for case in fs::read_dir(fixture("diagnostics")).unwrap().filter_map(|e| e.ok()) {
        let text = human(&case.path());
        assert!(!text.contains("panicked") && !text.contains("RUST_BACKTRACE"), "{text}");
    }
}

#[test]
fn an_internal_error_exits_3_without_a_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mujaz"))
        .args(["check", "x.toml"])
        .current_dir(dir.path())
        .env("MUJAZ_DEBUG_PANIC", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: internal error in mujaz"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn deny_warnings_fails_the_build_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("diagnostics/uncited-source/brief.toml"), dir.path().join("brief.toml")).unwrap();
    let allowed = mujaz(&["build", "brief.toml", "-o", "allowed.pdf"], dir.path());
    assert!(allowed.status.success());
    assert!(String::from_utf8_lossy(&allowed.stderr).contains("warning[W0109/uncited-source]"));
    let denied = mujaz(&["build", "--deny-warnings", "brief.toml", "-o", "denied.pdf"], dir.path());
    assert_eq!(denied.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(stderr.contains("warning[W0109/uncited-source]"), "{stderr}");
    assert!(
        stderr.contains("error: cannot build `brief.toml` (1 warning, denied by --deny-warnings); nothing was written"),
        "{stderr}"
    );
    let checked = mujaz(&["check", "--deny-warnings", "brief.toml"], dir.path());
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&checked.stderr)
            .contains("error: `brief.toml` has 1 warning, denied by --deny-warnings")
    );
    assert!(!dir.path().join("denied.pdf").exists());
}

#[test]
fn a_template_error_points_at_the_template_file_and_line() {
    let checked = mujaz::check(&english_brief()).expect("checks");
    let fonts = mujaz::render::fonts::FontSet::embedded();
    let mut outlet = mujaz::outlet::builtin("default", fonts.as_ref()).unwrap();
    let main = outlet.files.iter_mut().find(|f| f.path == "brief.typ").unwrap();
    main.bytes = std::sync::Arc::from(b"#let data = json(\"/brief.json\")\n\n#data.brief.nosuchkey\n".as_slice());
    main.display_name = "templates/broken/brief.typ".into();
    let errors = match mujaz::render::render(&checked.brief, &outlet, mujaz::Profile::Screen, fonts) {
        Ok(_) => panic!("a broken template compiled"),
        Err(errors) => errors,
    };
    let text = errors[0].to_text();
    assert!(text.contains("error[E0201/template-error]"), "{text}");
    assert!(text.contains("templates/broken/brief.typ:3:13"), "{text}");
    assert!(text.contains("nosuchkey"), "{text}");
}

#[test]
fn the_readme_documents_every_diagnostic_code() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    for code in mujaz::diag::Code::ALL {
        let row = format!(
            "| {} | {} | {} |",
            code.id(),
            code.name(),
            code.description().render(mujaz::messages::Language::En)
        );
        assert!(readme.contains(&row), "README lacks the row: {row}");
    }
}
