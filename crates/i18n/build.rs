//! Rebuilds the pages when a catalogue file is added or removed:
//! `fluent_templates::static_loader!` reads `locales/` at compile time and
//! tracks the files it read, but not the directories.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
