//! `--grammars DIR` replaces the vocabulary too: the words of disclosures
//! that are data (`vocabulary.toml`: total labels, side words, the
//! self-evaluation's columns, the checklist sections) come from the
//! directory when it has its own file, and an unknown key there is an error.

mod common;
use std::path::Path;
use yujuesuan::templates::Templates;

/// Copies `grammars/` to a temporary directory and lets `edit` change its vocabulary.
fn grammars_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&common::root().join("grammars"), dir.path());
    let voc = dir.path().join("vocabulary.toml");
    let text = std::fs::read_to_string(&voc).unwrap();
    std::fs::write(&voc, edit(text)).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_grammars_directory_brings_its_own_vocabulary() {
    let dir = grammars_with(|t| {
        t.replace(
            "total_labels = [\"合计\",",
            "total_labels = [\"合计\", \"全部合计\",",
        )
    });
    let templates = Templates::from_dir(dir.path()).unwrap();
    assert!(templates.vocabulary.is_total_label("全部合计"));
    assert!(
        !Templates::embedded()
            .unwrap()
            .vocabulary
            .is_total_label("全部合计")
    );
    assert_eq!(
        templates.vocabulary.side_named("年末结转和结余"),
        Some("支出")
    );
}

#[test]
fn an_unknown_key_in_the_vocabulary_is_an_error() {
    let dir = grammars_with(|t| format!("nonsense = 1\n{t}"));
    let err = Templates::from_dir(dir.path()).unwrap_err();
    assert!(err.contains("vocabulary.toml"), "{err}");
}

#[test]
fn without_its_own_vocabulary_a_directory_keeps_the_built_in_one() {
    let dir = grammars_with(|t| t);
    std::fs::remove_file(dir.path().join("vocabulary.toml")).unwrap();
    let templates = Templates::from_dir(dir.path()).unwrap();
    assert!(templates.vocabulary.is_total_label("本年支出合计"));
    assert_eq!(
        templates.vocabulary.self_evaluation_columns,
        ["年初预算数", "调整后预算数", "决算数"]
    );
}
