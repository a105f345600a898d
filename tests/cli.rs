//! The `mujaz` command as an editor uses it: outputs, exit codes, and failures that keep
//! earlier work safe.

mod common;

use std::fs;

use common::*;

/// The sorted names of the files in a folder.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn build_writes_the_pdf_beside_the_brief_by_default() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(seed_brief(), dir.path().join("seed.toml")).unwrap();
    let output = mujaz(&["build", "seed.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = fs::read(dir.path().join("seed.pdf")).expect("seed.pdf written");
    assert!(pdf.starts_with(b"%PDF-"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("built seed.toml → seed.pdf"), "{stderr}");
    assert_eq!(names_in(dir.path()), [".seed.pdf.mujaz", "seed.pdf", "seed.toml"], "stray files");
}

#[test]
fn output_flag_names_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let brief = english_brief();
    let output = mujaz(&["build", brief.to_str().unwrap(), "-o", "out/english.pdf"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(dir.path().join("out/english.pdf").is_file());
}

#[test]
fn a_missing_brief_with_an_output_file_is_reported_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let output = mujaz(&["build", "nothere.toml", "-o", "out/nothere.html", "--format", "html"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[E0001/file-not-found]: nothere.toml: no such file"), "{stderr}");
    assert!(!stderr.contains("give a folder"), "{stderr}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn an_output_file_for_several_briefs_is_refused_with_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("a.toml")).unwrap();
    fs::copy(english_brief(), dir.path().join("b.toml")).unwrap();
    let output = mujaz(&["build", "--format", "html", "a.toml", "b.toml", "-o", "both.html"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("-o both.html names a .html file, but 2 briefs are being built; give a folder (e.g. -o out/)"),
        "{stderr}"
    );
}

#[test]
fn a_bad_brief_exits_1_and_keeps_the_previous_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("brief.toml");
    fs::copy(english_brief(), &brief).unwrap();
    assert!(mujaz(&["build", "brief.toml"], dir.path()).status.success());
    let good = fs::read(dir.path().join("brief.pdf")).unwrap();

    let broken = fs::read_to_string(&brief).unwrap().edited("date = 2024-12-30", "date = \"30 December\"");
    fs::write(&brief, broken).unwrap();
    let output = mujaz(&["build", "brief.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`brief.date` should be a date, not a string"), "{stderr}");
    assert!(stderr.contains("brief.toml:8:8"), "{stderr}");
    assert_eq!(fs::read(dir.path().join("brief.pdf")).unwrap(), good, "the good PDF was touched");
    assert_eq!(names_in(dir.path()), [".brief.pdf.mujaz", "brief.pdf", "brief.toml"], "stray files");
}

#[test]
fn one_bad_brief_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("good.toml")).unwrap();
    fs::write(dir.path().join("bad.toml"), "[brief]\ntitle = \"x\"\n").unwrap();
    let output = mujaz(&["build", "bad.toml", "good.toml", "-o", "pdfs"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(dir.path().join("pdfs/good.pdf").is_file());
    assert!(!dir.path().join("pdfs/bad.pdf").exists());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("built 1 of 2 briefs; failed: bad.toml in "), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(mujaz(&["build"], dir.path()).status.code(), Some(2));
    assert_eq!(mujaz(&["frobnicate"], dir.path()).status.code(), Some(2));
}

#[test]
fn check_prints_json_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("b.toml"),
        "[brief]\ntitel = \"x\"\ndate = 2025-01-01\n[news]\ntext = \"n\"\n[commentary]\npoints = [\"p\"]\n",
    )
    .unwrap();
    let output = mujaz(&["check", "--message-format", "json", "b.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The misspelt key is reported once, as unknown with a suggestion, not also as missing.
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["code"], "E0102");
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["column"], 1);
    assert_eq!(lines[0]["end"]["column"], 6);
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["message"], "unknown key `titel` in `brief`");
    assert_eq!(lines[0]["hint"], "did you mean `title`?");
}
