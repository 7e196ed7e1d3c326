// Cargo runs this script for every crate under variants/. The real work is done by
// buildsys, which reads the crate's Cargo.toml metadata from the current directory.
use std::process::{exit, Command};

fn main() {
    let status = Command::new("buildsys").arg("build-variant").status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("buildsys build-variant failed: {}", s);
            exit(1);
        }
        Err(e) => {
            eprintln!("could not run buildsys: {}", e);
            exit(1);
        }
    }
}
