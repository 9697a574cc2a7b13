//! The generated variants of the seed (corpus/seed-variants, written by
//! corpus/generator/seed_variants.py): wraps elsewhere, codes in 类/款/项
//! columns, 元 with separators, extra and missing rows, a table split over a
//! page break, GBK, printed zeros, codes printed by their own level in 千元.
//! Each must score F1 = 1.

mod common;
use yujuesuan::output::cells::cells;
use yujuesuan::templates::Templates;

#[test]
fn every_seed_variant_scores_f1_one() {
    let dir = common::root().join("corpus/seed-variants");
    let templates = Templates::embedded().unwrap();
    let mut seen = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let truth =
            common::load_truth(&common::root().join(format!("corpus/truth/{stem}.cells.jsonl")));
        let report = yujuesuan::read_report(&path, &templates).unwrap();
        let (_, _, f, diffs) = common::score(&truth, &cells(&report));
        if f < 1.0 {
            failures.push(format!(
                "{stem}: F1={f:.4}\n  {}",
                diffs
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} variants found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_gbk_variant_is_gbk_on_disk() {
    let path = common::root().join("corpus/seed-variants/qiaokou-edu-itc-2022-v6-gbk.txt");
    let bytes = std::fs::read(path).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the GBK variant must not be UTF-8"
    );
}
