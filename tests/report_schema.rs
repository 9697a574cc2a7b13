//! Every report the tests produce validates against schema/report.schema.json.

mod common;
use yujuesuan::templates::Templates;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root().join("schema/report.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn inputs() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for dir in ["corpus/seed-variants", "corpus/text"] {
        for e in std::fs::read_dir(common::root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    if let Some(shared) = common::shared_dir() {
        out.push(shared.join("seeds/qiaokou-edu-itc-2022-final-accounts.txt"));
    }
    out.sort();
    out
}

#[test]
fn every_report_validates() {
    let v = validator();
    let templates = Templates::embedded().unwrap();
    let files = inputs();
    assert!(files.len() > 10);
    for path in files {
        let report = yujuesuan::read_report(&path, &templates).unwrap();
        let json = serde_json::to_value(&report).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {}",
            path.display(),
            errors.join("; ")
        );
    }
}

#[test]
fn the_schema_rejects_a_broken_report() {
    let v = validator();
    let bad = serde_json::json!({"report": "", "source": "x", "input_kind": "fax", "pages": -1, "tables": [], "sections": [], "warnings": []});
    assert!(!v.is_valid(&bad));
}
