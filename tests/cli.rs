//! The command line: outputs and exit codes (0 all read, 1 some failed, 2 usage).

mod common;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
}

fn variant(name: &str) -> std::path::PathBuf {
    common::root().join("corpus/seed-variants").join(name)
}

#[test]
fn cells_writes_json_lines_and_exits_zero() {
    let out = bin()
        .arg("cells")
        .arg(variant("qiaokou-edu-itc-2022-v2-code-columns.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["report"], "qiaokou-edu-itc-2022-v2-code-columns");
    assert_eq!(text.lines().count(), 147);
}

#[test]
fn a_bad_file_is_one_line_on_stderr_and_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("scan.txt");
    std::fs::write(&bad, [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = bin()
        .arg("cells")
        .arg(variant("qiaokou-edu-itc-2022-v1-wraps.txt"))
        .arg(&bad)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("scan.txt: not_pdf"), "{err}");
    assert!(
        !out.stdout.is_empty(),
        "the good file's cells are still written"
    );
}

#[test]
fn text_without_tables_is_an_unrecognised_layout() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("letter.txt");
    std::fs::write(&f, "关于开展工作的通知\n\n各单位：请按时报送。\n").unwrap();
    let out = bin().arg("cells").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognised_layout"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(bin().output().unwrap().status.code(), Some(2));
    assert_eq!(bin().arg("cells").output().unwrap().status.code(), Some(2));
    assert_eq!(
        bin()
            .args(["extract", "x.txt"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn extract_writes_one_report_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("extract")
        .arg(variant("qiaokou-edu-itc-2022-v6-gbk.txt"))
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = std::fs::read_to_string(dir.path().join("reports/qiaokou-edu-itc-2022-v6-gbk.json"))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["unit"], "武汉市硚口区教育局信息技术中心");
    assert_eq!(v["tables"].as_array().unwrap().len(), 9);
}

#[test]
fn pdf_bounds_are_flags_of_extract_and_reach_the_workers() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = common::root().join("corpus/pdf/reportlab/reportlab-33-small-qian.pdf");
    let out = bin()
        .arg("extract")
        .arg(&pdf)
        .arg("-o")
        .arg(dir.path())
        .args(["--quiet", "--max-glyphs-per-page", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let errors = std::fs::read_to_string(dir.path().join("errors.jsonl")).unwrap();
    assert!(errors.contains("\"class\":\"too_large\""), "{errors}");
    assert!(errors.contains("more than 10 glyphs"), "{errors}");
}
