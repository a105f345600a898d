//! Refactors change no output: every sample and fixture brief, built in every built-in outlet
//! as screen PDF, print PDF, PNG and SVG, and every diagnostic fixture built and checked as
//! JSON, gives exactly the files, diagnostics and exit codes recorded in
//! `tests/golden/outputs.txt` (SHA-256 of each file and of each JSON report).
//!
//! The hashes were recorded before the layout refactor of issue 12. After an intended change
//! to the output, run with `MUJAZ_BLESS=1` to record the new hashes, and say why in the commit.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use common::*;

const OUTLETS: &[&str] = &["default", "modern", "sober"];

/// One run of `mujaz`: a name for the record, the arguments, and the folder the brief is in.
struct Case {
    name: String,
    args: Vec<String>,
    dir: PathBuf,
}

/// The briefs that build: the samples and the hostile one.
fn buildable_briefs() -> Vec<PathBuf> {
    let mut briefs = files_with_extension(&root().join("briefs"), "toml");
    briefs.push(fixture("hostile/brief.toml"));
    briefs
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for brief in buildable_briefs() {
        let short = brief.strip_prefix(root()).unwrap().display().to_string();
        let dir = brief.parent().unwrap().to_path_buf();
        let file = brief.file_name().unwrap().to_string_lossy().into_owned();
        for outlet in OUTLETS {
            let runs: [(&str, &[&str]); 5] = [
                ("pdf", &["build", "--outlet", outlet, "-o", "OUT/brief.pdf"]),
                ("print", &["build", "--outlet", outlet, "--print", "-o", "OUT/brief.pdf"]),
                ("png", &["build", "--outlet", outlet, "--format", "png", "--ppi", "30", "-o", "OUT/brief.png"]),
                ("svg", &["build", "--outlet", outlet, "--format", "svg", "-o", "OUT/brief.svg"]),
                ("data", &["data", "--outlet", outlet]),
            ];
            for (kind, args) in runs {
                let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
                args.insert(1, file.clone());
                cases.push(Case { name: format!("{short} {outlet} {kind}"), args, dir: dir.clone() });
            }
        }
    }
    // Several briefs at once go through the batch's worker processes.
    for outlet in OUTLETS {
        let args = ["build", "briefs", "tests/fixtures/hostile", "--outlet", outlet, "--message-format", "json"];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.extend(["-o".to_string(), "OUT/".to_string()]);
        cases.push(Case { name: format!("batch {outlet}"), args, dir: root() });
    }
    let args = ["build", "tests/fixtures/diagnostics", "--message-format", "json", "-o", "OUT/"];
    cases.push(Case {
        name: "batch diagnostics".into(),
        args: args.iter().map(|a| a.to_string()).collect(),
        dir: root(),
    });
    let mut fixtures: Vec<PathBuf> =
        std::fs::read_dir(fixture("diagnostics")).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    fixtures.sort();
    for case in fixtures {
        let short = case.strip_prefix(root()).unwrap().display().to_string();
        let build = ["build", "--message-format", "json", "brief.toml", "-o", "OUT/brief.pdf"];
        let check = ["check", "--message-format", "json", "brief.toml"];
        for (kind, args) in [("build", &build[..]), ("check", &check[..])] {
            let args = args.iter().map(|a| a.to_string()).collect();
            cases.push(Case { name: format!("{short} {kind}"), args, dir: case.clone() });
        }
    }
    cases
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A JSON report, stable from run to run: a batch reports briefs in the order they finish,
/// so its records are put in the order of the briefs they name (each brief's own records
/// keep their order).
fn stable_report(stdout: &[u8]) -> String {
    let text = String::from_utf8_lossy(stdout);
    let mut lines: Vec<&str> = text.lines().collect();
    let brief = |line: &str| {
        serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v["brief"].as_str().map(str::to_string))
    };
    lines.sort_by_key(|line| brief(line));
    lines.into_iter().map(|line| format!("{line}\n")).collect()
}

/// Run one case in a fresh output folder: its exit code, the hash of its JSON or data, and
/// the hash of every file it wrote.
fn record(case: &Case) -> String {
    let out = tempfile::tempdir().unwrap();
    let args: Vec<String> = case.args.iter().map(|a| a.replace("OUT", &out.path().display().to_string())).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = mujaz(&args, &case.dir);
    let report = match args[0] {
        "data" => String::from_utf8_lossy(&output.stdout).into_owned(),
        _ => stable_report(&output.stdout),
    };
    // Messages name the output folder, which is new for every run.
    let report = report.replace(&out.path().display().to_string(), "OUT");
    let mut line = format!("{}\texit {:?}\tstdout {}", case.name, output.status.code(), sha256(report.as_bytes()));
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for file in files {
        let name = file.strip_prefix(out.path()).unwrap().display().to_string();
        let bytes = std::fs::read(&file).unwrap();
        // An up-to-date stamp holds a hash of the inputs (the template files among them,
        // which a refactor may reword) and the hash of the PDF it vouches for: that one must
        // stay.
        let hash = match name.ends_with(".mujaz") {
            true => String::from_utf8(bytes).unwrap().split_whitespace().nth(1).unwrap().to_string(),
            false => sha256(&bytes),
        };
        line.push_str(&format!("\t{name} {hash}"));
    }
    line
}

fn golden() -> PathBuf {
    root().join("tests/golden/outputs.txt")
}

#[test]
fn every_output_equals_the_recorded_one() {
    let cases = cases();
    assert!(cases.len() > 100, "only {} cases", cases.len());
    let results: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());
    let next = Mutex::new(0usize);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut next = next.lock().unwrap();
                        *next += 1;
                        *next - 1
                    };
                    let Some(case) = cases.get(index) else { break };
                    let line = record(case);
                    results.lock().unwrap().insert(case.name.clone(), line);
                }
            });
        }
    });
    let actual: String = results.into_inner().unwrap().into_values().map(|line| line + "\n").collect();
    if std::env::var_os("MUJAZ_BLESS").is_some() {
        std::fs::write(golden(), &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(golden()).unwrap();
    let differences: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .map(|(e, a)| format!("expected {e}\n  actual {a}"))
        .collect();
    assert_eq!(expected.lines().count(), actual.lines().count(), "the number of cases changed");
    assert!(differences.is_empty(), "{} outputs changed:\n{}", differences.len(), differences.join("\n"));
}

#[test]
fn the_record_covers_every_brief_outlet_and_format() {
    let expected = std::fs::read_to_string(golden()).unwrap();
    for brief in buildable_briefs() {
        let short = brief.strip_prefix(root()).unwrap().display().to_string();
        for outlet in OUTLETS {
            for kind in ["pdf", "print", "png", "svg", "data"] {
                let name = format!("{short} {outlet} {kind}\t");
                let line = expected.lines().find(|l| l.starts_with(&name)).unwrap_or_else(|| panic!("no {name}"));
                if kind != "data" {
                    assert!(line.contains("exit Some(0)") && line.contains("brief"), "{line}");
                }
            }
        }
    }
}
