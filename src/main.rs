//! The command-line interface (placeholder until the CLI lands).
fn main() {}
