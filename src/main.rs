//! The command-line interface: parse arguments, call the library, print.
//! Errors are printed here, once, one line per failed file.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yujuesuan::batch::inputs::collect_inputs;
use yujuesuan::compare;
use yujuesuan::output::{cells, report_json};
use yujuesuan::templates::Templates;

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
    /// Write the cells of each report as JSON Lines to stdout.
    Cells {
        /// Report files (.pdf or .txt) or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print a report's reconstructed text in the seed's layout (for debugging,
    /// or for users who want the text alone).
    Text {
        /// A report file (.pdf or .txt).
        file: PathBuf,
    },
    /// Write OUT/reports/<stem>.json per report.
    Extract {
        /// Report files (.pdf or .txt) or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Compare one figure across the reports of an extract run (OUT/reports/*.json):
    /// one row per unit and year.
    Compare(CompareArgs),
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
    match compare::compare(&args.out, &query) {
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

fn load_templates(dir: Option<&Path>) -> Result<Templates, String> {
    match dir {
        Some(d) => Templates::from_dir(d),
        None => Templates::embedded(),
    }
}

fn run_cells(files: &[PathBuf], templates: &Templates) -> bool {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
    for f in files {
        match yujuesuan::read_report(f, templates) {
            Ok(report) => {
                if let Err(e) = cells::write_jsonl(&cells::cells(&report), &mut out) {
                    eprintln!("yujuesuan: cannot write output: {e}");
                    return false;
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                ok = false;
            }
        }
    }
    out.flush().is_ok() && ok
}

fn run_extract(files: &[PathBuf], dir: &Path, templates: &Templates) -> bool {
    let reports = dir.join("reports");
    if let Err(e) = std::fs::create_dir_all(&reports) {
        eprintln!("yujuesuan: cannot create {}: {e}", reports.display());
        return false;
    }
    let mut ok = true;
    for f in files {
        let result = yujuesuan::read_report(f, templates)
            .map_err(|e| e.to_string())
            .and_then(|report| {
                let path = reports.join(format!("{}.json", report.report));
                let tmp = path.with_extension("json.tmp");
                let mut buf = Vec::new();
                report_json::write_report(&report, &mut buf).map_err(|e| e.to_string())?;
                std::fs::write(&tmp, &buf)
                    .and_then(|_| std::fs::rename(&tmp, &path))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            });
        if let Err(e) = result {
            eprintln!("{}: {e}", f.display());
            ok = false;
        }
    }
    ok
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let templates = match load_templates(cli.grammars.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("yujuesuan: {e}");
            return ExitCode::from(2);
        }
    };
    let ok = match &cli.command {
        Command::Cells { files } => run_cells(&collect_inputs(files), &templates),
        Command::Extract { files, out } => run_extract(&collect_inputs(files), out, &templates),
        Command::Text { file } => run_text(file),
        Command::Compare(args) => run_compare(args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
