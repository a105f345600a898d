//! The editor's tools: starter briefs, the JSON Schema, shell completions and the manual page.

mod common;

use std::fs;

use common::*;

/// A TOML document as the JSON an editor's schema checker sees (Taplo turns dates into
/// strings).
fn toml_as_json(text: &str) -> serde_json::Value {
    fn convert(value: toml::Value) -> serde_json::Value {
        match value {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(items) => items.into_iter().map(convert).collect(),
            toml::Value::Table(table) => table.into_iter().map(|(k, v)| (k, convert(v))).collect(),
        }
    }
    convert(toml::Value::Table(toml::from_str(text).expect("valid TOML")))
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("schema/brief.schema.json")).unwrap()).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).expect("a valid JSON Schema")
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let output = mujaz(&["schema"], dir.path());
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).unwrap();
    let path = root().join("schema/brief.schema.json");
    if std::env::var_os("MUJAZ_BLESS").is_some() {
        fs::write(&path, &generated).unwrap();
    }
    assert!(
        generated == fs::read_to_string(&path).unwrap(),
        "schema/brief.schema.json is out of date: run `mujaz schema > schema/brief.schema.json`"
    );
}

#[test]
fn the_schema_accepts_every_sample_brief_and_rejects_type_and_key_errors() {
    let validator = schema_validator();
    for brief in [seed_brief(), english_brief(), fixture("hostile/brief.toml")] {
        let json = toml_as_json(&fs::read_to_string(&brief).unwrap());
        let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{brief:?} rejected: {errors:?}");
    }
    let mut rejected = 0;
    for case in fs::read_dir(fixture("diagnostics")).unwrap().map(|e| e.unwrap().path()) {
        let expected = fs::read_to_string(case.join("expected.json")).unwrap_or_default();
        let codes: Vec<String> = expected
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].as_str().unwrap_or("").to_string())
            .collect();
        // Type and unknown-key errors are what a schema can see; syntax errors never parse.
        // A quoted date and a TOML date are both strings once a TOML file is seen as JSON.
        let blind = case.ends_with("date-as-string");
        if blind || codes.iter().any(|c| c == "E0101") || !codes.iter().any(|c| c == "E0102" || c == "E0104") {
            continue;
        }
        let Ok(text) = fs::read_to_string(case.join("brief.toml")) else { continue };
        let json = toml_as_json(&text);
        assert!(!validator.is_valid(&json), "the schema accepts {case:?}, which mujaz rejects with {codes:?}");
        rejected += 1;
    }
    assert!(rejected >= 6, "only {rejected} fixtures were type or key errors");
}

#[test]
fn new_briefs_build_as_they_are_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (name, lang) in [("ar.toml", "ar"), ("en.toml", "en")] {
        let output = mujaz(&["new", "--lang", lang, name], dir.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let text = fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(text.starts_with("#:schema ./brief.schema.json\n"));
        for key in ["[brief]", "[news]", "[commentary]", "[background]", "timeline", "[questions]", "[[sources]]"] {
            assert!(text.contains(key), "{name} lacks {key}");
        }
        let built = mujaz(&["build", "--deny-warnings", name], dir.path());
        assert!(built.status.success(), "{name}: {}", String::from_utf8_lossy(&built.stderr));
        let json = toml_as_json(&text);
        assert!(schema_validator().is_valid(&json), "the schema rejects a new brief");
    }
    assert!(String::from_utf8_lossy(&fs::read(dir.path().join("ar.toml")).unwrap()).contains("العنوان الرئيس"));
    let schema = fs::read_to_string(dir.path().join("brief.schema.json")).unwrap();
    assert_eq!(schema, fs::read_to_string(root().join("schema/brief.schema.json")).unwrap());

    let again = mujaz(&["new", "ar.toml"], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn completions_and_man_page_come_from_the_cli_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let bash = mujaz(&["completions", "bash"], dir.path());
    let text = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.status.success() && text.contains("--output-pattern") && text.contains("outlet"), "{text}");
    let man = mujaz(&["man"], dir.path());
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(man.status.success() && text.contains(".TH mujaz") && text.contains("build"), "{text}");
}
