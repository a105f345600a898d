//! Many briefs in one run: folders, output naming, collisions, skipping unchanged briefs, and
//! output that does not depend on how the work was split.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Lay out a folder of briefs: two good ones at the top, one good one nested, one bad one.
fn desk(dir: &Path) {
    fs::create_dir_all(dir.join("briefs/archive")).unwrap();
    fs::copy(seed_brief(), dir.join("briefs/a-seed.toml")).unwrap();
    fs::write(dir.join("briefs/b-broken.toml"), "[brief]\ntitle = \"x\"\ndate = \"today\"\n").unwrap();
    fs::copy(english_brief(), dir.join("briefs/c-english.toml")).unwrap();
    fs::copy(fixture("hostile/brief.toml"), dir.join("briefs/archive/d-hostile.toml")).unwrap();
    // Not a brief: hidden folders are skipped.
    fs::create_dir_all(dir.join("briefs/.drafts")).unwrap();
    fs::write(dir.join("briefs/.drafts/e.toml"), "not toml at all [").unwrap();
}

#[test]
fn a_folder_builds_every_good_brief_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    let output = mujaz(&["build", "briefs", "-o", "pdfs"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    for name in ["a-seed.pdf", "c-english.pdf", "d-hostile.pdf"] {
        assert!(dir.path().join("pdfs").join(name).is_file(), "{name} missing");
    }
    assert!(!dir.path().join("pdfs/b-broken.pdf").exists());
    assert!(!dir.path().join("pdfs/e.pdf").exists(), "a hidden folder was searched");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[E0104/wrong-type]: `brief.date` should be a date, not a string"), "{stderr}");
    assert!(stderr.contains("┌─ briefs/b-broken.toml:3:8"), "{stderr}");
    assert!(stderr.contains("built 3 of 4 briefs; failed: briefs/b-broken.toml in "), "{stderr}");
    // Without a terminal there is no progress bar: one plain line per brief.
    let built_lines = stderr.lines().filter(|l| l.starts_with("built briefs/")).count();
    assert_eq!(built_lines, 3, "{stderr}");
    assert!(!stderr.contains('\r'), "progress bar drawn without a terminal");
}

#[test]
fn a_template_error_in_a_worker_process_keeps_its_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("a.toml")).unwrap();
    let text =
        fs::read_to_string(english_brief()).unwrap().edited("lang = \"en\"", "lang = \"en\"\noutlet = \"broken\"");
    fs::write(dir.path().join("b.toml"), text).unwrap();
    fs::create_dir_all(dir.path().join("templates/broken")).unwrap();
    fs::write(
        dir.path().join("templates/broken/brief.typ"),
        "#import \"/lib.typ\": *\n#text(fill: palette.nosuch)[x]\n",
    )
    .unwrap();
    let output = mujaz(&["build", "a.toml", "b.toml", "-o", "out"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[E0201/template-error]: dictionary does not contain key \"nosuch\""), "{stderr}");
    assert!(stderr.contains("┌─ templates/broken/brief.typ:2:21"), "{stderr}");
    assert!(stderr.contains("2 │ #text(fill: palette.nosuch)[x]"), "{stderr}");
    let output = mujaz(&["build", "a.toml", "b.toml", "-o", "out", "--message-format", "json"], dir.path());
    let json = String::from_utf8_lossy(&output.stdout);
    assert!(json.contains(r#""file":"templates/broken/brief.typ""#) && json.contains(r#""line":2"#), "{json}");
    assert!(json.contains(r#""column":21"#), "{json}");
    assert!(json.contains(r#""brief":"b.toml""#), "the record does not say which brief failed: {json}");

    // A brief whose file name is not UTF-8 travels to its worker and back.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let odd = std::ffi::OsStr::from_bytes(b"odd-\xff.toml");
        fs::copy(english_brief(), dir.path().join(odd)).unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_mujaz"))
            .arg("build")
            .arg("a.toml")
            .arg(odd)
            .args(["-o", "odd"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        // (Its PDF is named from the file name as text: `odd-�.pdf`.)
        assert_eq!(fs::read_dir(dir.path().join("odd")).unwrap().count(), 2 + 2, "two PDFs and their stamps");
    }
}

#[test]
fn output_patterns_fill_in_the_brief_fields() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    fs::remove_file(dir.path().join("briefs/b-broken.toml")).unwrap();
    let output =
        mujaz(&["build", "briefs", "-o", "out", "--output-pattern", "{lang}/{date}-{id}-{outlet}"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for name in [
        "ar/2025-09-21-egypt-pakistan-2025-09-default.pdf",
        "en/2024-12-30-red-sea-shipping-2024-default.pdf",
        "en/2025-01-01-d-hostile-default.pdf",
    ] {
        assert!(dir.path().join("out").join(name).is_file(), "{name} missing");
    }
}

#[test]
fn two_briefs_that_would_write_one_file_fail_before_anything_is_built() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("one")).unwrap();
    fs::create_dir_all(dir.path().join("two")).unwrap();
    fs::copy(english_brief(), dir.path().join("one/brief.toml")).unwrap();
    fs::copy(seed_brief(), dir.path().join("two/brief.toml")).unwrap();
    fs::copy(seed_brief(), dir.path().join("two/other.toml")).unwrap();
    let output = mujaz(&["build", "one", "two", "-o", "out"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[E0302/output-collision]: one/brief.toml: `one/brief.toml` and `two/brief.toml` would both be written to `out/brief.pdf`"),
        "{stderr}"
    );
    assert!(!dir.path().join("out/brief.pdf").exists());
    assert!(dir.path().join("out/other.pdf").is_file(), "the brief without a collision was not built");

    // One file named two ways is one brief, not a collision with itself.
    let output = mujaz(&["build", "one/brief.toml", "./one/../one/brief.toml", "one", "-o", "again"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("built one/brief.toml").count(), 1, "{stderr}");
    assert!(dir.path().join("again/brief.pdf").is_file());
}

#[test]
fn an_unchanged_brief_is_skipped_until_it_changes_or_is_forced() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("brief.toml")).unwrap();
    let first = mujaz(&["build", "brief.toml"], dir.path());
    assert!(String::from_utf8_lossy(&first.stderr).contains("built brief.toml → brief.pdf"));

    let second = mujaz(&["build", "brief.toml"], dir.path());
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("skipped brief.toml → brief.pdf (unchanged"));

    let forced = mujaz(&["build", "--force", "brief.toml"], dir.path());
    assert!(String::from_utf8_lossy(&forced.stderr).contains("built brief.toml"));

    // Same size, same modification time would not matter: the content hash decides.
    let text = fs::read_to_string(dir.path().join("brief.toml")).unwrap().edited("Cairo", "Suez");
    fs::write(dir.path().join("brief.toml"), text).unwrap();
    let changed = mujaz(&["build", "brief.toml"], dir.path());
    assert!(String::from_utf8_lossy(&changed.stderr).contains("built brief.toml"));

    // A deleted PDF is rebuilt even though the stamp is still there.
    fs::remove_file(dir.path().join("brief.pdf")).unwrap();
    let rebuilt = mujaz(&["build", "brief.toml"], dir.path());
    assert!(String::from_utf8_lossy(&rebuilt.stderr).contains("built brief.toml"));
}

#[test]
fn pdfs_are_identical_alone_in_a_batch_and_with_any_jobs() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    fs::remove_file(dir.path().join("briefs/b-broken.toml")).unwrap();
    let alone = mujaz(&["build", "briefs/a-seed.toml", "-o", "alone.pdf"], dir.path());
    assert!(alone.status.success());
    for jobs in ["1", "2", "4"] {
        let out = format!("jobs-{jobs}");
        let output = mujaz(&["build", "briefs", "--jobs", jobs, "-o", &out], dir.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let reference = fs::read(dir.path().join("alone.pdf")).unwrap();
    for jobs in ["1", "2", "4"] {
        let batch = fs::read(dir.path().join(format!("jobs-{jobs}/a-seed.pdf"))).unwrap();
        assert!(batch == reference, "--jobs {jobs} gave a different PDF");
        for name in ["c-english.pdf", "d-hostile.pdf"] {
            let first = fs::read(dir.path().join("jobs-1").join(name)).unwrap();
            assert!(fs::read(dir.path().join(format!("jobs-{jobs}")).join(name)).unwrap() == first, "{name}");
        }
    }
}

#[test]
fn timings_report_every_stage_and_peak_memory() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    fs::remove_file(dir.path().join("briefs/b-broken.toml")).unwrap();
    let output = mujaz(&["build", "briefs", "-o", "out", "--timings"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("  timings: load ").count(), 3, "{stderr}");
    assert!(stderr.contains(" · render ") && stderr.contains(" · export "), "{stderr}");
    assert!(stderr.contains("  peak memory: "), "{stderr}");
}

#[test]
fn threads_of_one_process_build_a_batch_as_worker_processes_do() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    let by_processes = mujaz(&["build", "briefs", "-o", "processes"], dir.path());
    assert_eq!(by_processes.status.code(), Some(1));

    let briefs = mujaz::batch::discover(&[dir.path().join("briefs")]);
    assert_eq!(briefs.len(), 4);
    let options = mujaz::batch::BatchOptions {
        destination: mujaz::batch::Destination::Folder(dir.path().join("threads")),
        jobs: Some(2),
        ..Default::default()
    };
    let started = std::sync::Mutex::new(Vec::new());
    let outcomes = mujaz::batch::run(&briefs, &options, &|event| {
        if let mujaz::batch::Event::Started(path) = event {
            started.lock().unwrap().push(path.to_path_buf());
        }
    });
    assert_eq!(started.into_inner().unwrap().len(), 4);
    let built: Vec<bool> = outcomes.iter().map(|o| matches!(o, mujaz::batch::Outcome::Built(_))).collect();
    // In path order: a-seed, archive/d-hostile, b-broken, c-english.
    assert_eq!(built, [true, true, false, true], "the broken brief fails, the others build");
    match &outcomes[2] {
        mujaz::batch::Outcome::Failed(errors) => {
            assert!(
                errors.iter().any(|e| e.to_text().contains("`brief.date` should be a date, not a string")),
                "{}",
                errors[0].to_text()
            )
        }
        _ => panic!("the broken brief did not fail"),
    }
    for name in ["a-seed.pdf", "c-english.pdf", "d-hostile.pdf"] {
        let threads = fs::read(dir.path().join("threads").join(name)).unwrap();
        let processes = fs::read(dir.path().join("processes").join(name)).unwrap();
        assert!(threads == processes, "{name} differs between threads and worker processes");
    }
}

#[test]
fn a_pdf_of_other_pages_or_an_image_is_never_taken_for_an_unchanged_pdf() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(seed_brief(), dir.path().join("e.toml")).unwrap();
    let pages = |dir: &Path| lopdf::Document::load(dir.join("e.pdf")).unwrap().get_pages().len();
    assert!(mujaz(&["build", "--pages", "1", "e.toml"], dir.path()).status.success());
    assert_eq!(pages(dir.path()), 1);
    // The whole brief after a proof of its first page.
    let whole = mujaz(&["build", "e.toml"], dir.path());
    assert!(!String::from_utf8_lossy(&whole.stderr).contains("skipped"), "{}", String::from_utf8_lossy(&whole.stderr));
    assert_eq!(pages(dir.path()), 3);
    let again = mujaz(&["build", "--pages", "2-3", "e.toml"], dir.path());
    assert!(!String::from_utf8_lossy(&again.stderr).contains("skipped"));
    assert_eq!(pages(dir.path()), 2);
    // The same pages again: now it is unchanged.
    let same = mujaz(&["build", "--pages", "2-3", "e.toml"], dir.path());
    assert!(String::from_utf8_lossy(&same.stderr).contains("skipped"));

    // Images are written even where a PDF of that name is up to date.
    assert!(mujaz(&["build", "e.toml", "-o", "y"], dir.path()).status.success());
    let png = mujaz(&["build", "--format", "png", "--ppi", "20", "e.toml", "-o", "y"], dir.path());
    assert!(png.status.success(), "{}", String::from_utf8_lossy(&png.stderr));
    assert!(dir.path().join("y-1.png").is_file(), "{}", String::from_utf8_lossy(&png.stderr));
}
