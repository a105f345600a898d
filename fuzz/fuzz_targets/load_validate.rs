//! Fuzz the stages that read untrusted text: TOML loading, brief validation, the inline
//! parser, and the drawing of whatever diagnostics they produce.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = mujaz::diag::SourceFile::new("fuzz.toml", text);
    let diagnostics = match mujaz::load::parse(&file) {
        Ok(raw) => {
            let outlets = vec!["default".to_string()];
            let context = mujaz::validate::Context {
                default_id: "fuzz",
                outlets: Some(&outlets),
                fonts: None,
                folder: std::path::Path::new("/nonexistent"),
            };
            match mujaz::validate::validate(&raw, &context) {
                Ok((_, warnings)) => warnings,
                Err(errors) => errors,
            }
        }
        Err(errors) => errors,
    };
    for diagnostic in &diagnostics {
        let _ = diagnostic.to_text();
        let _ = diagnostic.to_json();
    }
    let _ = mujaz::brief::inline::parse(text);
});
