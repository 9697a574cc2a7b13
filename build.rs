//! Embeds every file under `grammars/` into the binary, so that a new region's
//! variant is a data file (picked up by the next build) rather than a code change,
//! and the installed binary needs no data directory beside it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let grammars = root.join("grammars");
    println!("cargo:rerun-if-changed=grammars");
    let mut files = Vec::new();
    collect(&grammars, &mut files);
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let Ok(mut out) = fs::File::create(out_dir.join("embedded_grammars.rs")) else {
        panic!("cannot write embedded_grammars.rs");
    };
    let mut body = String::from(
        "/// Every grammar file, as (path relative to grammars/, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&grammars)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        body.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    body.push_str("];\n");
    if out.write_all(body.as_bytes()).is_err() {
        panic!("cannot write embedded_grammars.rs");
    }
}
