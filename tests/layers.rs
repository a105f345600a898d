//! The layout of `src/` keeps data walking one way: a module imports only from its own layer
//! or the ones below it, Typst is known only to render and export, and the embedded files
//! only to assets (issue 12; the layers are listed in the README's "Layout of the code").

mod common;

use std::path::{Path, PathBuf};

/// The library's top-level modules, bottom layer first; modules of one layer may use each
/// other.
const LAYERS: &[&[&str]] = &[
    &["options", "limits", "messages", "diag", "fsio", "guard", "images", "assets"],
    &["brief", "bulletin"],
    &["walk", "locale"],
    &["load"],
    &["validate"],
    &["outlet"],
    &["render", "web"],
    &["export"],
    &["pipeline"],
    &["starter", "batch", "isolate", "watch", "preview", "import", "site"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `.rs` file of the crate.
fn source_files() -> Vec<PathBuf> {
    common::files_with_extension(&common::root().join("src"), "rs")
}

/// Every `.rs` file of the library but its facade (the binary's `main.rs`, `cli.rs` and
/// `cmd/` sit above all layers and use the library only through its public API).
fn library_files() -> Vec<PathBuf> {
    let src = common::root().join("src");
    source_files()
        .into_iter()
        .filter(|p| {
            let relative = p.strip_prefix(&src).unwrap();
            !["main.rs", "cli.rs", "lib.rs"].iter().any(|f| relative == Path::new(f)) && !relative.starts_with("cmd")
        })
        .collect()
}

/// The top-level module a file belongs to: `src/batch/plan.rs` → `batch`.
fn module_of(file: &Path) -> String {
    let relative = file.strip_prefix(common::root().join("src")).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its comments (doc links may name any module). A trailing
/// comment starts at ` // `; `//` inside an address such as `https://` is code.
fn code_lines(file: &Path) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| line.split(" // ").next().unwrap_or("").to_string())
        .filter(|line| !line.trim().is_empty())
        .collect()
}

/// The first names of the paths a piece of code reaches through `crate::`, including every
/// name inside `use crate::{a, b::{c, d}}` groups (nested groups are walked for their first
/// names only, which are modules of the group's own module).
fn crate_modules(code: &str) -> Vec<String> {
    let name =
        |text: &str| -> String { text.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            found.push(name(rest));
            continue;
        };
        // The names at the group's own depth, up to its closing brace.
        let (mut depth, mut start) = (0usize, 0usize);
        for (index, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    found.push(name(&group[start..index]));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    found.push(name(&group[start..index]));
                    start = index + 1;
                }
                _ => {}
            }
        }
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    let files = library_files();
    assert!(files.len() > 30, "only {} files found", files.len());
    for file in &files {
        let module = module_of(file);
        let own = layer_of(&module).unwrap_or_else(|| panic!("`{module}` is in no layer: add it to LAYERS"));
        // Multi-line `use crate::{…}` groups are joined first.
        let code = code_lines(file).join(" ");
        for used in crate_modules(&code) {
            // The `msg!` macro is exported at the crate's root but belongs to `messages`.
            let used = if used == "msg" { "messages".to_string() } else { used };
            // Through the facade (`crate::Checked`) the layer would not show: name the module.
            let Some(theirs) = layer_of(&used) else {
                wrong.push(format!("{} ({module}) reaches `crate::{used}`, which is no module", file.display()));
                continue;
            };
            if theirs > own {
                wrong.push(format!("{} ({module}, layer {own}) uses `{used}` (layer {theirs})", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that run up the layers:\n{}", wrong.join("\n"));
}

#[test]
fn the_layer_check_sees_grouped_nested_and_plain_imports() {
    let code = "use crate::{fsio, guard::{watched, Stopped}, render};\nlet x = crate::pipeline::Checked;";
    assert_eq!(crate_modules(code), ["fsio", "guard", "render", "pipeline"]);
    let file = std::env::temp_dir().join(format!("mujaz-layers-{}.rs", std::process::id()));
    std::fs::write(&file, "// crate::render in a comment\nlet u = \"https://x\"; crate::batch::run(); // crate::cmd\n")
        .unwrap();
    assert_eq!(crate_modules(&code_lines(&file).join(" ")), ["batch"]);
    std::fs::remove_file(file).unwrap();
}

#[test]
fn only_render_and_export_know_typst() {
    let mut wrong = Vec::new();
    for file in source_files() {
        let module = module_of(&file);
        for line in code_lines(&file) {
            let typst_crates =
                ["typst::", "typst_layout::", "typst_pdf::", "typst_render::", "typst_svg::", "comemo::"];
            let names_typst = typst_crates.iter().any(|name| line.contains(name));
            if names_typst && !["render", "export"].contains(&module.as_str()) {
                wrong.push(format!("{}: {}", file.display(), line.trim()));
            }
            if line.contains("include_dir") && module != "assets" {
                wrong.push(format!("{}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "Typst or the embedded files used outside their module:\n{}", wrong.join("\n"));
}
