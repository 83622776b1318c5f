//! Running the real `gwr` binary from the command-line tests.
#![allow(dead_code)] // each test binary uses its own part

use std::path::Path;
use std::process::{Command, Output};

/// The `gwr` binary of this build, with nothing but what a test adds.
pub fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gwr"))
}

/// Run `command` and keep what it printed.
pub fn run(command: &mut Command) -> Output {
    command.output().expect("run gwr")
}

/// A path inside the repository, as an argument.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
