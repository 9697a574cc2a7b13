//! `yujuesuan load` against a real PostgreSQL server, started by the test
//! on a loopback port with a temporary data directory (Debian's
//! `postgresql`: `.ci/run` installs it when missing). initdb refuses to run
//! as root, so as root the server runs as `nobody`. No mocks.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin,
/// else the PATH's.
fn pg_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    found.sort_by_key(|p| {
        let version = p.parent().and_then(|v| v.file_name());
        version
            .and_then(|v| v.to_str()?.parse::<u32>().ok())
            .unwrap_or(0)
    });
    if let Some(newest) = found.pop() {
        return Some(newest);
    }
    let which = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        .ok()?;
    let path = String::from_utf8(which.stdout).ok()?;
    Path::new(path.trim()).parent().map(Path::to_path_buf)
}

/// True when the test runs as root.
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A command, run as `nobody` when we are root.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// A running server; stopped when dropped.
struct Server {
    _dir: tempfile::TempDir,
    data: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl Server {
    fn start(bin: PathBuf) -> Server {
        let dir = tempfile::tempdir().unwrap();
        if is_root() {
            let id = |flag: &str| -> u32 {
                let o = Command::new("id").args([flag, "nobody"]).output().unwrap();
                String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
            };
            std::os::unix::fs::chown(dir.path(), Some(id("-u")), Some(id("-g"))).unwrap();
        }
        let data = dir.path().join("data");
        let status = as_server_user(&bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "initdb failed");
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync=off",
            dir.path().display()
        );
        let status = as_server_user(&bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(dir.path().join("log"))
            .args(["-w", "start"])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "pg_ctl start failed");
        Server {
            _dir: dir,
            data,
            bin,
            port,
        }
    }

    fn url(&self) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
    }
}

/// Every table's rows as one digest per table, to compare two loads.
fn digests(client: &mut postgres::Client, schema: &str) -> Vec<(String, i64, String)> {
    yujuesuan::output::schema::tables()
        .iter()
        .map(|t| {
            let sql = format!(
                "SELECT count(*), coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') \
                 FROM \"{schema}\".\"{}\" x",
                t.name
            );
            let row = client.query_one(&sql, &[]).unwrap();
            (t.name.clone(), row.get(0), row.get(1))
        })
        .collect()
}

fn load(out: &Path, url: &str, schema: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .arg("load")
        .arg(out)
        .args(["--postgres", url, "--pg-schema", schema])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "load: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_run_loads_into_postgresql_with_the_same_rows_and_reloads_idempotently() {
    let Some(bin) = pg_bin() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "initdb not found; .ci/run installs postgresql"
        );
        eprintln!("SKIPPED: PostgreSQL (initdb) is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let variants = common::root().join("corpus/seed-variants");
    for entry in std::fs::read_dir(&variants).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        input.join("letter.txt"),
        "关于开展工作的通知\n\n请按时报送。\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .args(["extract", "--quiet", "--format", "sqlite", "-o"])
        .arg(&out)
        .arg(&input)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "the letter fails");

    let server = Server::start(bin);
    let printed = load(&out, &server.url(), "budget data");
    assert!(printed.contains("9 reports loaded"), "{printed}");
    let mut client = postgres::Client::connect(&server.url(), postgres::NoTls).unwrap();
    let first = digests(&mut client, "budget data");

    // The same rows as SQLite, table by table.
    let db = rusqlite::Connection::open(out.join("yujuesuan.sqlite")).unwrap();
    for (table, count, _) in &first {
        let n: i64 = db
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(*count, n, "{table}");
        assert!(
            printed.contains(&format!("{table}: {n} copied, {n} in schema")),
            "{printed}"
        );
    }
    let mut sum = |sql: &str| -> f64 {
        let pg: f64 = client
            .query_one(sql.replace("{T}", "\"budget data\".cells").as_str(), &[])
            .unwrap()
            .get(0);
        let lite: f64 = db
            .query_row(&sql.replace("{T}", "cells"), [], |r| r.get(0))
            .unwrap();
        assert!((pg - lite).abs() <= 1e-9 * lite.abs(), "{pg} vs {lite}");
        pg
    };
    assert!(sum("SELECT sum(value) FROM {T}") > 0.0);
    let texts: i64 = client
        .query_one(
            "SELECT count(*) FROM \"budget data\".facts WHERE sentence LIKE '%万元%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(texts > 0, "Chinese text survives COPY");

    // Loading again replaces each report's rows: the same database.
    load(&out, &server.url(), "budget data");
    assert_eq!(digests(&mut client, "budget data"), first);

    // The README's query, on a load into the schema it names.
    load(&out, &server.url(), "yujuesuan");
    let rows = client.query(readme_psql_query().as_str(), &[]).unwrap();
    assert!(!rows.is_empty(), "the seed variants have failing checks");
}

/// The query of the README's `psql -d budgets -c "…"` line.
fn readme_psql_query() -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("psql -d budgets -c \"").unwrap() + "psql -d budgets -c \"".len();
    let rest = &readme[start..];
    rest[..rest.find('"').unwrap()].to_string()
}
