//! Output names: `reports/<name>.json` and the per-file record. The name is
//! the file's stem, the `report` field of its cells; when several inputs of
//! one run share a stem (`2023/决算.pdf`, `2024/决算.pdf`), each of them gets
//! `<stem>-<8 hex digits of the SHA-256 of its relative path>` instead, so
//! that none overwrites another while cells keep the plain stem.

use super::inputs::Input;
use crate::pipeline::stem_of;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// One output name per input, in input order, all distinct.
pub fn output_names(inputs: &[Input]) -> Vec<String> {
    let mut stem_count: HashMap<String, usize> = HashMap::new();
    for i in inputs {
        *stem_count.entry(stem_of(&i.path)).or_default() += 1;
    }
    let mut taken = HashSet::new();
    inputs
        .iter()
        .map(|i| {
            let stem = stem_of(&i.path);
            let base = if stem_count.get(&stem).copied().unwrap_or(0) > 1 {
                let digest = Sha256::digest(i.relative.to_string_lossy().as_bytes());
                let short: String = hex(&digest).chars().take(8).collect();
                format!("{stem}-{short}")
            } else {
                stem
            };
            // Two inputs with the same relative path (the same folder name
            // given twice from different places): number them in order.
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}");
            }
            name
        })
        .collect()
}

/// Lower-case hexadecimal of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn input(path: &str, relative: &str) -> Input {
        Input {
            path: PathBuf::from(path),
            relative: PathBuf::from(relative),
        }
    }

    #[test]
    fn shared_stems_get_a_hash_of_the_relative_path() {
        let names = output_names(&[
            input("/c/2023/决算.pdf", "c/2023/决算.pdf"),
            input("/c/2024/决算.pdf", "c/2024/决算.pdf"),
            input("/c/other.txt", "c/other.txt"),
            input("/d/2023/决算.pdf", "c/2023/决算.pdf"),
        ]);
        assert_eq!(names[2], "other");
        assert!(names[0].starts_with("决算-") && names[0].len() == "决算-".len() + 8);
        assert_ne!(names[0], names[1]);
        assert_eq!(names[3], format!("{}-2", names[0]));
    }
}
