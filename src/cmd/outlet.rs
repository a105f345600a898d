//! `mujaz outlet new` and `mujaz outlet list`.

use std::process::ExitCode;

use mujaz::msg;
use mujaz::options::exit;
use mujaz::render::fonts::FontSet;

use crate::cli::{OutletListArgs, OutletNewArgs};

/// `mujaz outlet new`: copy a built-in outlet's files out to start a new outlet.
pub fn new(args: OutletNewArgs) -> ExitCode {
    match mujaz::outlet::scaffold(&args.name, &args.from, &args.templates) {
        Ok(folder) => {
            let folder = folder.display().to_string();
            eprintln!("{}", msg!("outlet-created", name = &args.name, folder = &folder, from = &args.from));
            eprintln!("{}", msg!("outlet-created-next", folder = &folder, name = &args.name));
            ExitCode::SUCCESS
        }
        Err(err) => {
            crate::cmd::print_error(format!("{err:#}"));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}

/// `mujaz outlet list`: the built-in outlets and the user's.
pub fn list(args: OutletListArgs) -> ExitCode {
    for name in mujaz::assets::outlet_names() {
        println!("{name}\t{}", msg!("outlet-list-builtin"));
    }
    let builtin = mujaz::assets::outlet_names();
    for name in mujaz::outlet::user_outlets(&args.templates) {
        let folder = args.templates.join(&name);
        let note = if builtin.contains(&name) { format!(" {}", msg!("outlet-list-overrides")) } else { String::new() };
        let fonts = match mujaz::outlet::own_fonts(&folder, FontSet::embedded().as_ref()) {
            Ok(fonts) if fonts.is_empty() => String::new(),
            Ok(fonts) => {
                let mut families: Vec<&str> = Vec::new();
                for family in fonts.iter().flat_map(|font| &font.families) {
                    if !families.contains(&family.as_str()) {
                        families.push(family);
                    }
                }
                format!("\t{}", msg!("outlet-list-fonts", fonts = families.join(", ")))
            }
            Err(_) => format!("\t{}", msg!("outlet-list-fonts-unreadable")),
        };
        println!("{name}\t{}{note}{fonts}", folder.display());
    }
    ExitCode::SUCCESS
}
