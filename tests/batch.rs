//! Corpus runs (`yujuesuan extract`): a mixed folder of good and bad files
//! gives the right error classes and exit code, complete outputs for the
//! good files, the same bytes whatever `--jobs` is, and a resumed run after
//! an interruption equals an uninterrupted one byte for byte.

mod common;
mod support;

use sha2::Digest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::{PdfBuilder, one_page};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
}

/// Builds the mixed folder; returns it and the number of good files.
fn mixed_folder(dir: &Path) -> usize {
    let root = common::root();
    let good = dir.join("good");
    std::fs::create_dir_all(good.join("2022")).unwrap();
    std::fs::create_dir_all(good.join("2023")).unwrap();
    let variants = root.join("corpus/seed-variants");
    for name in [
        "qiaokou-edu-itc-2022-v1-wraps.txt",
        "qiaokou-edu-itc-2022-v6-gbk.txt",
    ] {
        std::fs::copy(variants.join(name), good.join(name)).unwrap();
    }
    // The same stem in two folders: both must be kept.
    let text = root.join("corpus/text");
    std::fs::copy(
        text.join("text-00-small-wan.txt"),
        good.join("2022/report.txt"),
    )
    .unwrap();
    std::fs::copy(
        text.join("text-01-small-wan.txt"),
        good.join("2023/report.txt"),
    )
    .unwrap();
    let stsong = root.join("tests/fixtures/reportlab-stsong.pdf");
    std::fs::copy(&stsong, good.join("stsong.pdf")).unwrap();
    let mut goods = 5;
    if let Some(real) = common::shared_path(
        "real/zxj6827111-blip__GOV/上海市普陀区财政局2024年度部门决算.pdf",
        "the batch test reads one real PDF",
    ) {
        std::fs::copy(&real, good.join("real.pdf")).unwrap();
        goods += 1;
    }

    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let bytes = std::fs::read(&stsong).unwrap();
    std::fs::write(bad.join("truncated.pdf"), &bytes[..600]).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/user-password.pdf"),
        bad.join("encrypted.pdf"),
    )
    .unwrap();
    std::fs::write(bad.join("scan.pdf"), image_only_pdf()).unwrap();
    std::fs::write(bad.join("empty.pdf"), b"").unwrap();
    std::fs::write(
        bad.join("photo.pdf"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2],
    )
    .unwrap();
    std::fs::write(
        bad.join("letter.txt"),
        "关于开展工作的通知\n\n请按时报送。\n",
    )
    .unwrap();
    goods
}

/// One page that draws an image and no text: a scan.
fn image_only_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::default();
    let image = b.stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0x80],
    );
    one_page(
        b,
        (595.0, 842.0),
        &format!("/XObject << /Im1 {image} 0 R >>"),
        "",
        "q 595 0 0 842 0 0 cm /Im1 Do Q",
    )
}

fn extract(inputs: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .arg("extract")
        .arg(inputs)
        .arg("-o")
        .arg(out)
        .args(["--format", "reports,jsonl,csv,sqlite"])
        .args(extra)
        .output()
        .unwrap()
}

/// Every output file's bytes, by path relative to the output folder, except
/// `timing.json` (this run's times) and temporary files.
fn snapshot(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, map: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, map);
            } else if !p.ends_with("timing.json") && p.extension().is_none_or(|x| x != "tmp") {
                map.insert(
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut map = BTreeMap::new();
    walk(out, out, &mut map);
    map
}

fn assert_same(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in a {
        assert!(b[k] == *v, "{} differs", k.display());
    }
}

#[test]
fn a_mixed_folder_gives_classes_outputs_and_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let goods = mixed_folder(&inputs);
    let out = dir.path().join("out");
    let run = extract(&inputs, &out, &["--jobs", "2"]);
    assert_eq!(run.status.code(), Some(1), "some failed");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!("{} read, 6 failed", goods)),
        "{stderr}"
    );

    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    let classes: BTreeMap<String, String> = errors
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let path = PathBuf::from(v["path"].as_str().unwrap());
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(!v["message"].as_str().unwrap().is_empty());
            (name, v["class"].as_str().unwrap().to_string())
        })
        .collect();
    let expected: BTreeMap<String, String> = [
        ("truncated.pdf", "corrupt"),
        ("encrypted.pdf", "encrypted"),
        ("scan.pdf", "no_text_layer"),
        ("empty.pdf", "not_pdf"),
        ("photo.pdf", "not_pdf"),
        ("letter.txt", "unrecognised_layout"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(classes, expected);

    let reports: Vec<String> = std::fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(reports.len(), goods, "{reports:?}");
    let same_stem = reports.iter().filter(|r| r.starts_with("report-")).count();
    assert_eq!(same_stem, 2, "same stems disambiguated: {reports:?}");

    let cells = std::fs::read_to_string(out.join("cells.jsonl")).unwrap();
    let csv = std::fs::read_to_string(out.join("cells.csv")).unwrap();
    assert_eq!(csv.lines().count(), cells.lines().count() + 1);
    assert!(
        cells.contains("\"report\":\"report\""),
        "cells keep the stem"
    );

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["files"], goods + 6);
    assert_eq!(summary["errors"]["not_pdf"], 2);
    assert_eq!(summary["cells"], cells.lines().count());

    let db = rusqlite::Connection::open(out.join("yujuesuan.sqlite")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM reports"), (goods + 6) as i64);
    assert_eq!(count("SELECT count(*) FROM errors"), 6);
    // The writer appends with per-row enforcement off: every `report_id`
    // must still name a report, by construction.
    assert_eq!(
        count("SELECT count(*) FROM pragma_foreign_key_check"),
        0,
        "rows without their report"
    );
    assert_eq!(
        count("SELECT count(*) FROM cells"),
        cells.lines().count() as i64
    );
    let seed_total = "SELECT count(*) FROM cells WHERE table_kind = 'income_expenditure_summary' \
                      AND row_key = '收入/一般公共预算财政拨款收入'";
    assert_eq!(
        count(&format!("{seed_total} AND value = 187.89")),
        3,
        "the seed's 187.89 in both variants and the PDF"
    );
    assert_eq!(
        count(&format!("{seed_total} AND value_yuan = 1878900")),
        2,
        "万元 converted to 元 where the unit is printed"
    );
}

#[test]
fn outputs_are_the_same_whatever_the_jobs_and_after_resuming() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    mixed_folder(&inputs);
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    assert_eq!(extract(&inputs, &one, &["-j", "1"]).status.code(), Some(1));
    assert_eq!(extract(&inputs, &two, &["-j", "2"]).status.code(), Some(1));
    let reference = snapshot(&one);
    assert_same(&reference, &snapshot(&two));

    // An interrupted run: some files' outputs gone, others half-written.
    let records = two.join("records");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&records)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for (i, p) in names.iter().enumerate() {
        if i % 2 == 0 {
            std::fs::remove_file(p).unwrap();
        }
    }
    std::fs::remove_file(two.join("summary.json")).unwrap();
    std::fs::write(two.join("cells.jsonl.tmp"), b"{\"half").unwrap();
    std::fs::write(two.join("cells.jsonl"), b"{\"half").unwrap();
    let resumed = extract(&inputs, &two, &["-j", "2"]);
    assert_eq!(resumed.status.code(), Some(1));
    let timing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(two.join("timing.json")).unwrap()).unwrap();
    assert_eq!(timing["files_this_run"], names.len().div_ceil(2));
    assert_same(&reference, &snapshot(&two));

    // Resuming a finished run reads nothing again.
    extract(&inputs, &two, &["-j", "2"]);
    let timing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(two.join("timing.json")).unwrap()).unwrap();
    assert_eq!(timing["files_this_run"], 0);
    // --force reads everything again, to the same bytes.
    extract(&inputs, &two, &["-j", "2", "--force"]);
    let timing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(two.join("timing.json")).unwrap()).unwrap();
    assert_eq!(timing["files_this_run"], names.len());
    assert_same(&reference, &snapshot(&two));
}

/// A record that a resumed run keeps by its head but cannot parse (one
/// written by an older version with a `null` value, which the cells
/// contract forbids) is reported as ours, with the way out; `--force`
/// reads the file again.
#[test]
fn a_kept_record_that_does_not_parse_asks_for_force() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let twin = common::root().join("corpus/text/calc-11-small-yuan.txt");
    std::fs::copy(&twin, inputs.join("a.txt")).unwrap();
    let out = dir.path().join("out");
    assert_eq!(extract(&inputs, &out, &[]).status.code(), Some(0));
    let record = out.join("records/a.json");
    let text = std::fs::read_to_string(&record).unwrap();
    let at = text.find("\"value\":").unwrap() + "\"value\":".len();
    let end = at + text[at..].find(',').unwrap();
    std::fs::write(&record, format!("{}null{}", &text[..at], &text[end..])).unwrap();

    let resumed = extract(&inputs, &out, &[]);
    assert_eq!(resumed.status.code(), Some(1));
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(
        errors.contains("internal") && errors.contains("--force"),
        "{errors}"
    );
    let cells = std::fs::read_to_string(out.join("cells.jsonl")).unwrap();
    assert!(!cells.contains("null"));

    assert_eq!(extract(&inputs, &out, &["--force"]).status.code(), Some(0));
}

#[test]
fn a_run_killed_midway_completes_on_restart() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    // Enough text reports that the run takes a while.
    let text = common::root().join("corpus/text");
    std::fs::create_dir_all(&inputs).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&text)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for p in files.iter().take(16) {
        std::fs::copy(p, inputs.join(p.file_name().unwrap())).unwrap();
    }
    let reference = dir.path().join("reference");
    assert_eq!(
        extract(&inputs, &reference, &["-j", "2"]).status.code(),
        Some(0)
    );

    let out = dir.path().join("out");
    let mut child = bin()
        .arg("extract")
        .arg(&inputs)
        .arg("-o")
        .arg(&out)
        .args(["--format", "reports,jsonl,csv,sqlite", "-j", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let records = out.join("records");
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(60) {
        let done = std::fs::read_dir(&records).map_or(0, |d| d.count());
        if done >= 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let restarted = extract(&inputs, &out, &["-j", "2"]);
    assert_eq!(restarted.status.code(), Some(0));
    assert_same(&snapshot(&reference), &snapshot(&out));
}

#[test]
fn a_file_over_a_limit_is_stopped_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let root = common::root();
    std::fs::copy(
        root.join("corpus/seed-variants/qiaokou-edu-itc-2022-v1-wraps.txt"),
        inputs.join("a.txt"),
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/fixtures/reportlab-stsong.pdf"),
        inputs.join("b.pdf"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = extract(&inputs, &out, &["--timeout-secs", "0.000001"]);
    assert_eq!(run.status.code(), Some(1));
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert_eq!(errors.matches("\"timeout\"").count(), 2, "{errors}");

    let out = dir.path().join("small");
    let run = extract(&inputs, &out, &["--max-file-mb", "0"]);
    assert_eq!(run.status.code(), Some(1));
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert_eq!(errors.matches("\"too_large\"").count(), 2, "{errors}");
}

#[test]
fn the_worker_answers_one_frame_per_request_and_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("v1.json");
    let mut child = bin()
        .arg("worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let variant = common::root().join("corpus/seed-variants/qiaokou-edu-itc-2022-v1-wraps.txt");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let request = serde_json::json!({"path": variant, "report": report});
        let missing = serde_json::json!({"path": "/nonexistent.pdf", "report": null});
        writeln!(stdin, "{request}\n{missing}").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let mut pipe = out.stdout.as_slice();
    let mut lines: Vec<serde_json::Value> = Vec::new();
    while let Some(frame) = yujuesuan::batch::frame::read_frame(&mut pipe).unwrap() {
        let answer = yujuesuan::batch::outcome::FileOutcome::from_worker(&frame).unwrap();
        lines.push(serde_json::to_value(&answer).unwrap());
    }
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["outcome"]["read"]["cells"]
            .as_array()
            .unwrap()
            .len(),
        147
    );
    assert_eq!(lines[0]["report_written"], true);
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(written["tables"].as_array().is_some_and(|t| t.len() == 9));
    let sha = format!(
        "{:x}",
        sha2::Sha256::digest(std::fs::read(&variant).unwrap())
    );
    assert_eq!(lines[0]["sha256"], sha.as_str());
    assert_eq!(lines[1]["outcome"]["failed"]["class"], "not_pdf");
    assert_eq!(lines[1]["report_written"], false);
}
