//! A region's variant of a table is a data change: a new file in grammars/
//! makes a title the built-in set does not know into a recognised table.

mod common;
use yujuesuan::templates::Templates;

const REPORT: &str = "2023 年度部门收入总表（表 2）\n\n部门：某区某局 单位：万元\n\n项目 本年收入合计 财政拨款收入\n\n栏次 1 2\n\n合计 10.00 10.00\n\n205 教育支出 10.00 10.00\n";

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, dest).unwrap();
        }
    }
}

fn copy_grammars(to: &std::path::Path) {
    for sub in ["tables", "catalogues"] {
        copy_dir(&common::root().join("grammars").join(sub), &to.join(sub));
    }
}

#[test]
fn a_new_title_variant_is_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("variant.txt");
    std::fs::write(&report, REPORT).unwrap();
    let builtin = Templates::embedded().unwrap();
    assert!(
        yujuesuan::read_report(&report, &builtin).is_err(),
        "unknown title before the variant"
    );

    let grammars = dir.path().join("grammars");
    copy_grammars(&grammars);
    let base = std::fs::read_to_string(grammars.join("tables/income.toml")).unwrap();
    let variant = base
        .replace(
            "kind = \"income\"",
            "kind = \"income\"\nvariant = \"region_income_total\"",
        )
        .replace("titles = ['收入决算表']", "titles = ['部门收入总表']");
    std::fs::write(grammars.join("tables/income_region_variant.toml"), variant).unwrap();
    let templates = Templates::from_dir(&grammars).unwrap();
    let r = yujuesuan::read_report(&report, &templates).unwrap();
    let t = r.table("income").unwrap();
    assert_eq!(t.variant.as_deref(), Some("region_income_total"));
    assert_eq!(t.row("205").unwrap().values.get("财政拨款收入"), Some(10.0));
}

#[test]
fn a_broken_grammar_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let grammars = dir.path().join("grammars");
    copy_grammars(&grammars);
    std::fs::write(
        grammars.join("tables/zz_bad.toml"),
        "kind = 'x'\nlayout = 'coded'\ntitles = ['(']\n",
    )
    .unwrap();
    let err = Templates::from_dir(&grammars).unwrap_err();
    assert!(err.contains("zz_bad.toml"), "{err}");
}
