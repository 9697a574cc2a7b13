//! The run's site as a person uses it: `extract` writes OUT/site/, which is
//! opened from disk in headless Chromium. The DOM must show the figures the
//! report JSON holds (a discrepancy's two values, a table's totals), every
//! crop image must load, and no page may request the network. Screenshots of
//! the overview and of one report page are written under target/ and their
//! paths printed. Chromium is installed by .ci/run; missing under CI is a failure.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    assert!(
        found.is_some() || std::env::var_os("CI").is_none(),
        "chromium is missing under CI"
    );
    if found.is_none() {
        eprintln!("SKIPPED: chromium is not installed");
    }
    found
}

/// Runs headless Chromium on a file with extra arguments; returns stdout.
fn browse(browser: &str, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=5000")
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{browser} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The inputs: the two real budgets whose reviewers found true failing
/// checks and discrepancies (`unit_budget.pdf` has both), a clean corpus
/// PDF, a text report and a non-report. None (outside CI) when ../shared is
/// missing; under CI that fails.
fn inputs(dir: &Path) -> Option<Vec<PathBuf>> {
    let real = root().join("../shared/real/zxj6827111-blip__GovBudgetChecker");
    if !real.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared/real is missing under CI"
        );
        eprintln!("SKIPPED: {} is missing", real.display());
        return None;
    }
    let junk = dir.join("not-a-report.txt");
    std::fs::write(&junk, "hello\n").unwrap();
    Some(vec![
        real.join("unit_budget.pdf"),
        real.join("dept_budget.pdf"),
        root().join("corpus/pdf/libreoffice-calc/calc-14-small-wan.pdf"),
        root().join("corpus/seed-variants/qiaokou-edu-itc-2022-v1-wraps.txt"),
        junk,
    ])
}

fn extract(out: &Path, files: &[PathBuf]) {
    let run = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .arg("extract")
        .args(files)
        .arg("-o")
        .arg(out)
        .args(["--jobs", "2", "--quiet"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    // One input is not a report, so the run exits 1 and still writes everything.
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        out.join("site/index.html").is_file(),
        "no site written: {stderr}"
    );
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(html_files(&p));
        } else if p.extension().is_some_and(|e| e == "html") {
            out.push(p);
        }
    }
    out
}

fn report_json(out: &Path, stem: &str) -> (String, Value) {
    for e in std::fs::read_dir(out.join("reports")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        if name.starts_with(stem) {
            return (
                name,
                serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap(),
            );
        }
    }
    panic!("no report {stem}");
}

#[test]
fn extract_writes_a_site_that_a_browser_shows_offline_with_the_reports_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(files) = inputs(tmp.path()) else {
        return;
    };
    let out = tmp.path().join("out");
    extract(&out, &files);
    let site = out.join("site");
    assert!(site.join("index.html").is_file());

    // No page may reach the network: a strict CSP on every page, and no
    // http(s) URL in a place that loads something.
    for page in html_files(&site) {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            html.contains("Content-Security-Policy") && html.contains("default-src 'none'"),
            "{}",
            page.display()
        );
        for pattern in [
            "src=\"http",
            "href=\"http",
            "url(http",
            "src='http",
            "href='http",
            "@import",
        ] {
            assert!(
                !html.contains(pattern),
                "{} loads {pattern}…",
                page.display()
            );
        }
        assert!(html.contains("<html lang=\"zh\">") && html.contains("charset=\"utf-8\""));
        assert!(
            html.len() < 2_000_000,
            "{} is {} bytes",
            page.display(),
            html.len()
        );
    }

    let Some(browser) = chromium() else { return };
    let (name, report) = report_json(&out, "unit_budget");
    let page = site.join("reports").join(format!("{name}.html"));
    let dom = browse(browser, &page, &["--dump-dom"]);

    // The discrepancies' two values, as the report JSON holds them.
    let discrepancies = report["discrepancies"].as_array().unwrap();
    assert!(!discrepancies.is_empty());
    for d in discrepancies {
        for key in ["narrative_value", "table_value"] {
            let shown = format!("<b class=\"{}\">{}</b>", key.replace('_', "-"), d[key]);
            assert!(dom.contains(&shown), "{key} {} not shown: {shown}", d[key]);
        }
    }
    // A table's totals: every value of the income table's 合计 row, as printed.
    let income = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "income")
        .unwrap();
    let total = income["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "合计")
        .unwrap();
    for printed in total["printed"].as_array().unwrap() {
        let p = printed.as_str().unwrap();
        assert!(
            dom.contains(&format!(">{p}</span>")),
            "income 合计 {p} not in the page"
        );
    }
    // Chinese is in the DOM as text (UTF-8 read as such).
    assert!(dom.contains(report["unit"].as_str().unwrap()));
    // Every crop loads: the page's own script counts images that failed.
    let images = attribute(&dom, "data-images");
    assert!(
        images >= 3,
        "expected the discrepancy crops, found {images} images"
    );
    assert_eq!(
        attribute(&dom, "data-images-broken"),
        0,
        "some crops did not load"
    );

    // The overview lists every report and the failed file's class.
    let index = browse(browser, &site.join("index.html"), &["--dump-dom"]);
    assert!(index.contains("unrecognised_layout") || index.contains("not_pdf"));
    assert!(index.contains(&name));

    // Screenshots for a person to look at.
    let shots = root().join("target/site-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for (file, target) in [
        ("overview.png", site.join("index.html")),
        ("report.png", page),
    ] {
        let path = shots.join(file);
        browse(
            browser,
            &target,
            &[
                "--window-size=1280,2000",
                &format!("--screenshot={}", path.display()),
            ],
        );
        assert!(std::fs::metadata(&path).unwrap().len() > 10_000);
        println!("screenshot: {}", path.display());
    }
}

/// A numeric attribute of the body in a dumped DOM.
fn attribute(dom: &str, name: &str) -> usize {
    let key = format!("{name}=\"");
    let start = dom
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in the DOM"))
        + key.len();
    dom[start..].split('"').next().unwrap().parse().unwrap()
}

/// Every file under `dir` (relative path → bytes).
fn files_under(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn site_command(out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .arg("site")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_readers_crops_equal_the_sites_own_and_stale_ones_are_made_again() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(files) = inputs(tmp.path()) else {
        return;
    };
    // Crops made by the readers as files finish.
    let out = tmp.path().join("out");
    extract(&out, &files);
    let crops = out.join("site/crops");
    let by_readers = files_under(&crops);
    let pngs = by_readers
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .count();
    assert!(pngs >= 3, "expected crops, found {pngs}");
    for dir in std::fs::read_dir(&crops).unwrap() {
        assert!(dir.unwrap().path().join("report.stamp").is_file());
    }
    // Crops made by `yujuesuan site` from a run without the site: the same bytes.
    let plain = tmp.path().join("plain");
    let run = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .arg("extract")
        .args(&files)
        .arg("-o")
        .arg(&plain)
        .args(["--jobs", "2", "--quiet", "--format", "reports,jsonl"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(!plain.join("site").exists());
    site_command(&plain);
    assert_eq!(files_under(&plain.join("site/crops")), by_readers);

    // A folder whose stamp does not match its report JSON is made again;
    // one whose report is gone is removed; writing the site again keeps the rest.
    let (name, _) = report_json(&out, "unit_budget");
    let stale = crops.join(&name);
    std::fs::write(stale.join("report.stamp"), "stale").unwrap();
    let png = std::fs::read_dir(&stale)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    std::fs::write(&png, b"not a png").unwrap();
    std::fs::create_dir_all(crops.join("gone-report")).unwrap();
    site_command(&out);
    assert_eq!(files_under(&crops), by_readers);
}
