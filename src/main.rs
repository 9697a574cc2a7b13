//! The command-line interface: parse arguments, call the library, print.
//! Errors are printed here, once, one line per failed file.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use yujuesuan::batch::inputs::collect_inputs;
use yujuesuan::batch::limits::FileLimits;
use yujuesuan::batch::pool::Executor;
use yujuesuan::batch::progress::ProgressMode;
use yujuesuan::batch::run::{Formats, RunOptions, final_line, run};
use yujuesuan::batch::worker;
use yujuesuan::batch::worker_process::WorkerCommand;
use yujuesuan::compare;
use yujuesuan::output::{cells, storable};
use yujuesuan::pipeline::{Depth, read_file, report_from_lines_to};
use yujuesuan::provenance::BBox;
use yujuesuan::show;
use yujuesuan::templates::Templates;
use yujuesuan::templates::compiling::Compiling;

/// The process's allocator: jemalloc instead of glibc's malloc. Reading a
/// report allocates and frees about a million small blocks (spans, tokens,
/// candidate lists), and a quarter of the text path's instructions went to
/// glibc's `malloc` and `free`; with jemalloc the same runs are 1.04–1.17×
/// faster (docs/performance.md, twenty-first session). SQLite keeps
/// glibc's allocator (jemalloc's symbols are prefixed, so C code is not
/// affected; moving it too measured no faster).
#[cfg(feature = "jemalloc")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main` (this symbol overrides jemalloc's
/// weak default; `_RJEM_MALLOC_CONF` in the environment applies on top).
/// Freed pages go back to the system after a second instead of jemalloc's
/// default ten: with the default a 1,000-report `--jobs 2` run held 153 MB
/// in all processes, over the 150 MB a 10,000-report run may take. One
/// arena instead of one per thread: a process's other threads (the CMap
/// helper, the parent's few) allocate little; arenas of their own cost a
/// one-file `cells` up to a fifth more page faults (2,177 against
/// 1,810–1,841 in `perf stat`) and made no run measurably faster.
#[cfg(feature = "jemalloc")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_OPTIONS: &[u8; 30] = b"narenas:1,dirty_decay_ms:1000\0";

/// Chinese government budget and final-accounts reports (预决算) into checked data.
#[derive(Parser)]
#[command(name = "yujuesuan", version, about)]
struct Cli {
    /// Read table templates from this grammars directory instead of the built-in set.
    #[arg(long, global = true)]
    grammars: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports (PDFs or pdftotext-style text) into OUT: OUT/reports/<name>.json
    /// per report, OUT/cells.jsonl, OUT/errors.jsonl, OUT/summary.json, the
    /// database OUT/yujuesuan.sqlite and the browsable OUT/site/index.html.
    /// Resumable: run again to finish an interrupted run.
    Extract(ExtractArgs),
    /// Compare one figure across the reports of an extract run (OUT/reports/*.json):
    /// one row per unit and year.
    Compare(CompareArgs),
    /// Load an extract run's database (OUT/yujuesuan.sqlite) into PostgreSQL
    /// with COPY; reloading a report replaces its rows.
    Load(LoadArgs),
    /// Render part of a PDF page to PNG with boxes outlined: see a number
    /// where it is printed (boxes in PDF points, origin bottom-left, as the
    /// cells' `bbox`).
    Show(ShowArgs),
    /// (Re)write OUT/site/, the static HTML report, from an extract run's outputs.
    Site {
        /// The output directory of an `extract` run.
        out: PathBuf,
    },
    /// Write the cells of each report (PDF or pdftotext-style text) as JSON Lines
    /// to stdout, without writing an output folder.
    Cells {
        /// Reports (PDFs, or .txt files of pdftotext-style text) or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Review budget reports against the 公开情况检查表: each item ok or its problems.
    Review {
        /// Report files (.pdf or .txt) or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the review as JSON Lines (one object per report) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a report's text as pdftotext-style text (one line per printed
    /// line, blank lines between, a gap between pages): to read it, or to
    /// feed tools that take text.
    Text {
        /// A report: a PDF, or a .txt file of pdftotext-style text.
        file: PathBuf,
    },
    /// Read files named on stdin, answer on stdout (used by extract).
    #[command(hide = true)]
    Worker {
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Arguments of `show`.
#[derive(clap::Args)]
struct ShowArgs {
    /// The PDF report.
    file: PathBuf,
    /// The page (1-based) to show, with --box.
    #[arg(long, required_unless_present_any = ["cell", "discrepancy"])]
    page: Option<u32>,
    /// A box to outline, x0,y0,x1,y1 in PDF points (repeatable).
    #[arg(long = "box", value_name = "X0,Y0,X1,Y1", requires = "page")]
    boxes: Vec<String>,
    /// Find the box of a cell, TABLE/ROW/COLUMN (e.g. expenditure/2050199/基本支出).
    #[arg(long, conflicts_with_all = ["page", "discrepancy"])]
    cell: Option<String>,
    /// Show discrepancy K (1-based, as listed in the report JSON): its sentence above its table cell.
    #[arg(long, value_name = "K", conflicts_with = "page")]
    discrepancy: Option<usize>,
    /// The whole page rather than a strip around the boxes.
    #[arg(long)]
    whole_page: bool,
    /// Pixels per PDF point.
    #[arg(long, default_value_t = yujuesuan::show::DEFAULT_SCALE)]
    scale: f32,
    /// The PNG to write.
    #[arg(short, long)]
    out: PathBuf,
}

fn show_crops(args: &ShowArgs, templates: Option<&Templates>) -> Result<Vec<show::Crop>, String> {
    let report = || -> Result<show::ReportJson, String> {
        let t = templates.ok_or("no grammars loaded")?;
        let read = yujuesuan::read_report(&args.file, t)
            .map_err(|e| format!("{}: {e}", args.file.display()))?;
        serde_json::to_vec(&read)
            .and_then(|json| serde_json::from_slice(&json))
            .map_err(|e| e.to_string())
    };
    let mut crops = if let Some(cell) = &args.cell {
        let (table, row, column) = show::parse_cell(cell)
            .ok_or_else(|| format!("--cell {cell:?}: expected TABLE/ROW/COLUMN"))?;
        vec![show::cell_crop(&report()?, &table, &row, &column).map_err(|e| e.to_string())?]
    } else if let Some(k) = args.discrepancy {
        show::discrepancy_crops(&report()?, k).map_err(|e| e.to_string())?
    } else {
        let boxes = args
            .boxes
            .iter()
            .map(|b| BBox::parse(b).ok_or_else(|| format!("--box {b:?}: expected x0,y0,x1,y1")))
            .collect::<Result<Vec<_>, _>>()?;
        let region = if boxes.is_empty() {
            show::Region::Page
        } else {
            show::Region::Strip
        };
        vec![show::Crop {
            page: args.page.unwrap_or(1),
            region,
            boxes,
        }]
    };
    if args.whole_page {
        crops.iter_mut().for_each(|c| c.region = show::Region::Page);
    }
    Ok(crops)
}

fn run_show(args: &ShowArgs, templates: Option<&Templates>) -> bool {
    let result = show_crops(args, templates).and_then(|crops| {
        let bytes = std::fs::read(&args.file)
            .map_err(|e| format!("{}: cannot read file: {e}", args.file.display()))?;
        let png = show::render_stacked(&bytes, &crops, args.scale).map_err(|e| e.to_string())?;
        std::fs::write(&args.out, png).map_err(|e| format!("{}: {e}", args.out.display()))
    });
    match result {
        Ok(()) => true,
        Err(e) => {
            eprintln!("yujuesuan: {e}");
            false
        }
    }
}

/// Arguments of `load`.
#[derive(clap::Args)]
struct LoadArgs {
    /// The output directory of an `extract` run (with the sqlite format).
    out: PathBuf,
    /// The PostgreSQL connection, e.g. postgresql://user@localhost/db.
    #[arg(long, value_name = "URL")]
    postgres: String,
    /// The schema to load into (created with its tables when absent).
    #[arg(long, value_name = "NAME", default_value = "yujuesuan")]
    pg_schema: String,
}

/// Loads a run into PostgreSQL and prints the counts.
fn run_load(args: &LoadArgs) -> bool {
    match yujuesuan::output::postgres::load(&args.out, &args.postgres, &args.pg_schema) {
        Ok(report) => {
            let copied: Vec<String> = report
                .totals
                .iter()
                .map(|(t, n)| {
                    let c = report.copied.get(t).copied().unwrap_or(0);
                    format!("{t}: {c} copied, {n} in schema")
                })
                .collect();
            println!(
                "yujuesuan: {} reports loaded into schema {}; {}",
                report.reports,
                args.pg_schema,
                copied.join("; ")
            );
            true
        }
        Err(e) => {
            eprintln!("yujuesuan: {e}");
            false
        }
    }
}

/// Arguments of `compare`.
#[derive(clap::Args)]
struct CompareArgs {
    /// The output directory of an `extract` run.
    out: PathBuf,
    /// A narrative fact by canonical name (README), or NAME[ITEM] for one item.
    #[arg(long, conflicts_with = "cell", required_unless_present = "cell")]
    fact: Option<String>,
    /// A table cell as TABLE/ROW/COLUMN (e.g. expenditure/合计/基本支出).
    #[arg(long)]
    cell: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: compare::Format,
    /// Convert amounts to this unit (万元, 千元, 元) so reports compare; `printed` keeps each report's.
    #[arg(long, default_value = "万元")]
    amount_unit: String,
    /// Sort by unit, year, report, item or value; a leading - sorts descending.
    #[arg(long, default_value = "unit", allow_hyphen_values = true)]
    sort: String,
    /// Only reports of this document: `budget` or `final_accounts`.
    #[arg(long, value_parser = ["budget", "final_accounts"])]
    document: Option<String>,
    /// Budget against final accounts: the budget's --cell joined with the same
    /// cell of the unit's final accounts of the same year, with the execution rate.
    #[arg(long, requires = "cell")]
    execution: bool,
}

fn run_compare(args: &CompareArgs) -> bool {
    let query = match (&args.fact, &args.cell) {
        (Some(f), _) => compare::Query::fact(f),
        (None, Some(c)) => compare::Query::Cell(c.clone()),
        (None, None) => return false,
    };
    let Some(key) = compare::SortKey::parse(&args.sort) else {
        eprintln!(
            "yujuesuan: unknown --sort {:?} (unit, year, report, item, value)",
            args.sort
        );
        return false;
    };
    if args.execution {
        return run_execution(args, &query);
    }
    match compare::compare(&args.out, &query, args.document.as_deref()) {
        Ok(mut rows) => {
            if args.amount_unit != "printed" {
                compare::to_amount_unit(&mut rows, &args.amount_unit);
            }
            compare::sort_rows(&mut rows, &key);
            let text = compare::render(&rows, args.format);
            std::io::stdout().write_all(text.as_bytes()).is_ok()
        }
        Err(e) => {
            eprintln!("yujuesuan: {e}");
            false
        }
    }
}

fn run_execution(args: &CompareArgs, budget_query: &compare::Query) -> bool {
    let compare::Query::Cell(path) = budget_query else {
        return false;
    };
    let actual_query = compare::execution::actual_query(path);
    let read = |q: &compare::Query, d: &str| compare::compare(&args.out, q, Some(d));
    match (
        read(budget_query, "budget"),
        read(&actual_query, "final_accounts"),
    ) {
        (Ok(mut budget), Ok(mut actual)) => {
            let unit = if args.amount_unit == "printed" {
                "万元"
            } else {
                &args.amount_unit
            };
            compare::to_amount_unit(&mut budget, unit);
            compare::to_amount_unit(&mut actual, unit);
            let rows = compare::execution::join(&budget, &actual);
            let text = compare::execution::render(&rows);
            std::io::stdout().write_all(text.as_bytes()).is_ok()
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("yujuesuan: {e}");
            false
        }
    }
}

/// Per-file limits, shared by `extract` and its workers.
#[derive(clap::Args, Clone)]
struct LimitArgs {
    /// Skip files larger than this (class too_large).
    #[arg(long, default_value_t = 100)]
    max_file_mb: u64,
    /// Stop PDFs with more pages than this (class too_large).
    #[arg(long, default_value_t = 1000)]
    max_pages: usize,
    /// Largest decoded size of one PDF stream, in MiB [default: 128] (too_large).
    #[arg(long, value_name = "MIB")]
    max_stream_mb: Option<u64>,
    /// Largest decoded size of all streams of one PDF, in MiB [default: 1024].
    #[arg(long, value_name = "MIB")]
    max_decoded_mb: Option<u64>,
    /// Most objects in one PDF [default: 1000000].
    #[arg(long, value_name = "N")]
    max_objects: Option<usize>,
    /// Deepest nesting of PDF arrays and dictionaries [default: 256].
    #[arg(long, value_name = "N")]
    max_nesting: Option<usize>,
    /// Most glyphs on one page [default: 200000].
    #[arg(long, value_name = "N")]
    max_glyphs_per_page: Option<usize>,
    /// Most ruling lines on one page [default: 100000].
    #[arg(long, value_name = "N")]
    max_rules_per_page: Option<usize>,
    /// Most content-stream operations on one page [default: 2000000].
    #[arg(long, value_name = "N")]
    max_operations_per_page: Option<usize>,
}

/// An output of `extract` (`--format`).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// OUT/reports/<name>.json.
    Reports,
    /// OUT/cells.jsonl.
    Jsonl,
    /// OUT/cells.csv.
    Csv,
    /// OUT/yujuesuan.sqlite.
    Sqlite,
    /// OUT/site/index.html: a static HTML report of the run (needs `reports`).
    Site,
    /// OUT/parquet/<table>.parquet, one file per database table.
    Parquet,
    /// OUT/yujuesuan.xlsx, a sheet per table kind, checks not passed and discrepancies.
    Xlsx,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Reports (PDFs, or .txt files of pdftotext-style text) or folders of them (recursed).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output directory.
    #[arg(short, long)]
    out: PathBuf,
    /// Files read at once [default: all cores].
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Outputs to write, comma-separated (errors.jsonl and summary.json are always written).
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["reports", "jsonl", "sqlite", "site"])]
    format: Vec<Format>,
    /// Read every file again, even those a previous run finished.
    #[arg(long)]
    force: bool,
    /// No progress display and no summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Stop a file that takes longer than this, in seconds (class timeout).
    #[arg(long, default_value_t = 60.0)]
    timeout_secs: f64,
    /// Read in this process with threads instead of worker processes: no
    /// time limit and no crash isolation (for tests and profiling).
    #[arg(long)]
    in_process: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

impl LimitArgs {
    fn file_limits(&self, timeout_secs: f64) -> FileLimits {
        FileLimits {
            max_bytes: self.max_file_mb.saturating_mul(1024 * 1024),
            max_pages: self.max_pages,
            timeout: Duration::try_from_secs_f64(timeout_secs)
                .unwrap_or(FileLimits::default().timeout),
            pdf_bounds: self.pdf_bounds(),
        }
    }

    /// The PDF stage's bounds given on the command line, defaults elsewhere.
    fn pdf_bounds(&self) -> yujuesuan::pdf::PdfLimits {
        let d = yujuesuan::pdf::PdfLimits::default();
        let mib =
            |v: Option<u64>, default: u64| v.map_or(default, |m| m.saturating_mul(1024 * 1024));
        yujuesuan::pdf::PdfLimits {
            max_stream_bytes: mib(self.max_stream_mb, d.max_stream_bytes),
            max_decoded_bytes: mib(self.max_decoded_mb, d.max_decoded_bytes),
            max_objects: self.max_objects.unwrap_or(d.max_objects),
            max_nesting: self.max_nesting.unwrap_or(d.max_nesting),
            max_glyphs_per_page: self.max_glyphs_per_page.unwrap_or(d.max_glyphs_per_page),
            max_rules_per_page: self.max_rules_per_page.unwrap_or(d.max_rules_per_page),
            max_operations_per_page: self
                .max_operations_per_page
                .unwrap_or(d.max_operations_per_page),
            ..d
        }
    }

    /// The same limits as worker arguments.
    fn worker_args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec![
            "--max-file-mb".into(),
            self.max_file_mb.to_string().into(),
            "--max-pages".into(),
            self.max_pages.to_string().into(),
        ];
        let optional = [
            ("--max-stream-mb", self.max_stream_mb.map(|v| v.to_string())),
            (
                "--max-decoded-mb",
                self.max_decoded_mb.map(|v| v.to_string()),
            ),
            ("--max-objects", self.max_objects.map(|v| v.to_string())),
            ("--max-nesting", self.max_nesting.map(|v| v.to_string())),
            (
                "--max-glyphs-per-page",
                self.max_glyphs_per_page.map(|v| v.to_string()),
            ),
            (
                "--max-rules-per-page",
                self.max_rules_per_page.map(|v| v.to_string()),
            ),
            (
                "--max-operations-per-page",
                self.max_operations_per_page.map(|v| v.to_string()),
            ),
        ];
        for (flag, value) in optional {
            if let Some(v) = value {
                args.push(flag.into());
                args.push(v.into());
            }
        }
        args
    }
}

fn load_templates(dir: Option<&Path>) -> Result<Templates, String> {
    match dir {
        Some(d) => {
            let templates = Templates::from_dir(d)?;
            // The grammar stage reads its words from the run's vocabulary.
            yujuesuan::templates::vocabulary::install(templates.vocabulary.clone());
            Ok(templates)
        }
        None => Templates::embedded(),
    }
}

/// Reads each file and writes what `render` makes of its report to stdout;
/// a file that cannot be read is reported on stderr and makes the run fail.
/// Each file is read before the templates are waited for (see
/// [`Compiling`]); `Err` is the templates' own error.
fn for_each_report(
    files: &[PathBuf],
    templates: &mut Compiling,
    depth: Depth,
    render: impl Fn(&yujuesuan::report::Report) -> Result<Vec<u8>, yujuesuan::ReadError>,
) -> Result<bool, String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
    for f in files {
        let input = read_file(f);
        let templates = templates.get()?;
        let report = input.and_then(|(lines, kind, notes)| {
            report_from_lines_to(&lines, kind, &notes, f, templates, depth)
        });
        match report.and_then(|r| render(&r)) {
            Ok(bytes) => {
                if let Err(e) = out.write_all(&bytes) {
                    eprintln!("yujuesuan: cannot write output: {e}");
                    return Ok(false);
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                ok = false;
            }
        }
    }
    Ok(out.flush().is_ok() && ok)
}

fn run_cells(files: &[PathBuf], templates: &mut Compiling) -> Result<bool, String> {
    // The cells are the tables' values: the stages after the normaliser
    // (checks, facts, discrepancies, review) add nothing to them.
    for_each_report(files, templates, Depth::Tables, |report| {
        let cells = cells::cells(report);
        // A number JSON cannot print (it would print `null`) is a fault of
        // ours, said as one, as `extract` says it.
        storable::ensure_cells(&cells)?;
        let mut buf = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = cells::write_jsonl(&cells, &mut buf);
        Ok(buf)
    })
}

fn run_review(files: &[PathBuf], json: bool, templates: &mut Compiling) -> Result<bool, String> {
    for_each_report(files, templates, Depth::Full, |report| {
        Ok(if json {
            let value = serde_json::json!({"report": report.report, "review": report.review});
            format!("{value}\n").into_bytes()
        } else {
            yujuesuan::review::render::render_text(&report.report, &report.review).into_bytes()
        })
    })
}

fn run_extract(
    args: &ExtractArgs,
    grammars: Option<&Path>,
    templates: Option<Arc<Templates>>,
) -> ExitCode {
    let executor = if let (true, Some(templates)) = (args.in_process, templates) {
        Executor::InProcess(templates)
    } else {
        let program = match std::env::current_exe() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("yujuesuan: cannot find this program to start workers: {e}");
                return ExitCode::from(1);
            }
        };
        let mut worker_args: Vec<OsString> = Vec::new();
        if let Some(g) = grammars {
            worker_args.push("--grammars".into());
            worker_args.push(g.into());
        }
        worker_args.push("worker".into());
        worker_args.extend(args.limits.worker_args());
        Executor::Workers(WorkerCommand {
            program,
            args: worker_args,
        })
    };
    let options = RunOptions {
        out: args.out.clone(),
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        limits: args.limits.file_limits(args.timeout_secs),
        formats: Formats {
            reports: args.format.contains(&Format::Reports),
            cells_jsonl: args.format.contains(&Format::Jsonl),
            cells_csv: args.format.contains(&Format::Csv),
            sqlite: args.format.contains(&Format::Sqlite),
            parquet: args.format.contains(&Format::Parquet),
            xlsx: args.format.contains(&Format::Xlsx),
            site: args.format.contains(&Format::Site),
        },
        force: args.force,
        progress: if args.quiet {
            ProgressMode::Quiet
        } else {
            ProgressMode::Auto
        },
        executor,
    };
    match run(&args.files, &options) {
        Ok(report) => {
            let site =
                args.format.contains(&Format::Site) && args.format.contains(&Format::Reports);
            if site && !write_site(&args.out, args.quiet) {
                return ExitCode::from(1);
            }
            if !args.quiet {
                eprintln!("{}", final_line(&report, &args.out));
            }
            if report.summary.failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("yujuesuan: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes OUT/site/ from a run's outputs; false when it could not be written.
fn write_site(out: &Path, quiet: bool) -> bool {
    match yujuesuan::site::write_site(out) {
        Ok(s) => {
            if !quiet {
                for p in &s.problems {
                    eprintln!("yujuesuan: site: {p}");
                }
            }
            true
        }
        Err(e) => {
            eprintln!(
                "yujuesuan: cannot write {}: {e}",
                out.join("site").display()
            );
            false
        }
    }
}

fn run_worker(limits: &LimitArgs, templates: &Templates) -> bool {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    worker::serve(
        stdin.lock(),
        std::io::BufWriter::new(stdout.lock()),
        templates,
        &limits.file_limits(0.0),
    )
    .is_ok()
}

fn run_text(file: &Path) -> bool {
    let result = std::fs::read(file)
        .map_err(|e| format!("cannot read file: {e}"))
        .and_then(|bytes| yujuesuan::pipeline::read_lines(&bytes).map_err(|e| e.to_string()));
    match result {
        Ok((lines, _)) => {
            let text = yujuesuan::pipeline::lines_as_text(&lines);
            std::io::stdout().write_all(text.as_bytes()).is_ok()
        }
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            false
        }
    }
}

/// True when the command loads templates before it starts. `extract` with
/// worker processes only checks a `--grammars` folder here (for a clear
/// error before any worker starts); with the embedded grammars, which the
/// build checked, it skips loading them: each worker loads its own.
/// `cells` and `review` load a `--grammars` folder first, and compile the
/// built-in ones while they read (see [`Compiling`]).
fn needs_templates(cli: &Cli) -> bool {
    match &cli.command {
        Command::Worker { .. } => true,
        Command::Cells { .. } | Command::Review { .. } => cli.grammars.is_some(),
        Command::Extract(args) => args.in_process || cli.grammars.is_some(),
        Command::Show(args) => args.cell.is_some() || args.discrepancy.is_some(),
        Command::Text { .. } | Command::Compare(_) | Command::Site { .. } | Command::Load(_) => {
            false
        }
    }
}

/// Templates loaded before the run, or else the built-in ones compiling.
fn compiling(loaded: Option<Arc<Templates>>) -> Compiling {
    loaded.map_or_else(Compiling::embedded, Compiling::ready)
}

/// Templates that could not be loaded end the run with status 2.
fn grammar_error(e: &str) -> ExitCode {
    eprintln!("yujuesuan: {e}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let templates = if needs_templates(&cli) {
        match load_templates(cli.grammars.as_deref()) {
            Ok(t) => Some(Arc::new(t)),
            Err(e) => return grammar_error(&e),
        }
    } else {
        None
    };
    let ok = match (&cli.command, templates) {
        (Command::Cells { files }, t) => {
            match run_cells(&collect_inputs(files), &mut compiling(t)) {
                Ok(ok) => ok,
                Err(e) => return grammar_error(&e),
            }
        }
        (Command::Extract(args), t) => return run_extract(args, cli.grammars.as_deref(), t),
        (Command::Worker { limits }, Some(t)) => run_worker(limits, &t),
        (Command::Text { file }, _) => run_text(file),
        (Command::Compare(args), _) => run_compare(args),
        (Command::Load(args), _) => run_load(args),
        (Command::Review { files, json }, t) => {
            match run_review(&collect_inputs(files), *json, &mut compiling(t)) {
                Ok(ok) => ok,
                Err(e) => return grammar_error(&e),
            }
        }
        (Command::Worker { .. }, None) => false,
        (Command::Show(args), t) => run_show(args, t.as_deref()),
        (Command::Site { out }, _) => write_site(out, false),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
