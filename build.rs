//! Rebuild mujaz when an embedded asset changes: `include_dir!` cannot tell Cargo which
//! files it read, so without this an edited template or font would not reach the binary.

fn main() {
    for folder in ["templates", "fonts"] {
        println!("cargo:rerun-if-changed={folder}");
    }
}
