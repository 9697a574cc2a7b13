//! `yujuesuan._native`: the Python extension, a thin layer over the library
//! crate. Each function converts Python arguments, calls what the CLI calls
//! (`read_report`, `output::cells::cells`, `batch::run::run`, the worker's
//! `serve`) with the GIL released, and converts the result; the Python
//! package `yujuesuan` (python/yujuesuan/__init__.py) shapes the results
//! into dicts, pyarrow tables and DataFrames. No reading logic lives here.

// Untrusted bytes must never panic the interpreter: the library's rule.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use yujuesuan::batch::inputs::collect_inputs;
use yujuesuan::batch::limits::FileLimits;
use yujuesuan::batch::pool::Executor;
use yujuesuan::batch::progress::ProgressMode;
use yujuesuan::batch::run::{Formats, RunOptions, run};
use yujuesuan::batch::worker_process::WorkerCommand;
use yujuesuan::output::cells::{Cell, cells};
use yujuesuan::output::storable::{ensure_cells, ensure_report};
use yujuesuan::templates::Templates;

create_exception!(
    _native,
    ReadError,
    PyException,
    "A file could not be read. `error_class` is the class the CLI prints \
     (not_pdf, encrypted, corrupt, no_text_layer, unrecognised_layout, \
     too_large, timeout, internal), `message` says why, `path` is the file."
);

/// The built-in grammars, loaded once per process.
fn templates() -> PyResult<Arc<Templates>> {
    static TEMPLATES: OnceLock<Result<Arc<Templates>, String>> = OnceLock::new();
    TEMPLATES
        .get_or_init(|| Templates::embedded().map(Arc::new))
        .clone()
        .map_err(PyValueError::new_err)
}

/// The Python exception for a file that could not be read: its text is the
/// CLI's line (`path: class: message`), its attributes the parts.
fn read_error(py: Python<'_>, path: &Path, e: &yujuesuan::ReadError) -> PyErr {
    let err = ReadError::new_err(format!("{}: {e}", path.display()));
    let value = err.value(py);
    let attributes = [
        ("error_class", e.class.as_str().to_string()),
        ("message", e.message.clone()),
        ("path", path.display().to_string()),
    ];
    for (name, text) in attributes {
        if let Err(e) = value.setattr(name, text) {
            return e;
        }
    }
    err
}

/// Reads one report and returns its report JSON as text (the package
/// parses it into a dict).
#[pyfunction]
fn read_json(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    let templates = templates()?;
    let report = py
        .detach(|| {
            // A report whose data the outputs cannot store is a fault of
            // ours: the `internal` error `extract` gives it.
            yujuesuan::read_report(&path, &templates).and_then(|r| ensure_report(&r).map(|()| r))
        })
        .map_err(|e| read_error(py, &path, &e))?;
    let mut json = Vec::new();
    yujuesuan::output::report_json::write_report(&report, &mut json)
        .map_err(|e| PyOSError::new_err(e.to_string()))?;
    String::from_utf8(json).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The cells of the files and folders in `paths` (folders recursed as by
/// `yujuesuan cells`), read in parallel on `jobs` threads, in input order.
/// The first file (in input order) that cannot be read raises `ReadError`.
fn read_cells(py: Python<'_>, paths: &[PathBuf], jobs: Option<usize>) -> PyResult<Vec<Cell>> {
    let templates = templates()?;
    let files = collect_inputs(paths);
    let read_all = || -> Vec<Result<Vec<Cell>, (PathBuf, yujuesuan::ReadError)>> {
        files
            .par_iter()
            .map(|f| {
                yujuesuan::read_report(f, &templates)
                    .and_then(|r| {
                        let cells = cells(&r);
                        ensure_cells(&cells).map(|()| cells)
                    })
                    .map_err(|e| (f.clone(), e))
            })
            .collect()
    };
    let results = py.detach(|| match jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map(|pool| pool.install(read_all))
            .map_err(|e| e.to_string()),
        None => Ok(read_all()),
    });
    let results = results.map_err(PyOSError::new_err)?;
    let mut out = Vec::new();
    for result in results {
        match result {
            Ok(c) => out.extend(c),
            Err((path, e)) => return Err(read_error(py, &path, &e)),
        }
    }
    Ok(out)
}

/// Cells as columns: a dict from the column names of `cells.csv` (the
/// contract's fields, then `page`, `x0`, `y0`, `x1`, `y1`, `line`) to lists.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None))]
fn cells_columns<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let cells = read_cells(py, &paths, jobs)?;
    let columns = PyDict::new(py);
    let text = |f: fn(&Cell) -> &str| cells.iter().map(f).collect::<Vec<&str>>();
    let optional = |f: fn(&Cell) -> Option<&str>| cells.iter().map(f).collect::<Vec<_>>();
    let corner = |f: fn(&yujuesuan::provenance::BBox) -> f32| {
        cells
            .iter()
            .map(|c| c.bbox.as_ref().map(|b| f64::from(f(b))))
            .collect::<Vec<_>>()
    };
    columns.set_item("report", text(|c| &c.report))?;
    columns.set_item("document", text(|c| c.document.as_str()))?;
    columns.set_item("unit", optional(|c| c.unit.as_deref()))?;
    columns.set_item("year", cells.iter().map(|c| c.year).collect::<Vec<_>>())?;
    columns.set_item("amount_unit", optional(|c| c.amount_unit.as_deref()))?;
    columns.set_item("table", text(|c| &c.table))?;
    columns.set_item("row", text(|c| &c.row))?;
    columns.set_item("row_name", text(|c| &c.row_name))?;
    columns.set_item("column", text(|c| &c.column))?;
    columns.set_item("value", cells.iter().map(|c| c.value).collect::<Vec<_>>())?;
    columns.set_item("page", cells.iter().map(|c| c.page).collect::<Vec<_>>())?;
    columns.set_item("x0", corner(|b| b.x0))?;
    columns.set_item("y0", corner(|b| b.y0))?;
    columns.set_item("x1", corner(|b| b.x1))?;
    columns.set_item("y1", corner(|b| b.y1))?;
    columns.set_item("line", cells.iter().map(|c| c.line).collect::<Vec<_>>())?;
    Ok(columns)
}

/// `yujuesuan extract`: reads `paths` into the output folder `out` and
/// returns `summary.json`'s content as text. `worker` is the command that
/// starts a worker process (the package passes this interpreter running
/// `yujuesuan._worker`); `None` reads on threads in this process.
#[pyfunction]
#[pyo3(signature = (paths, out, jobs, formats, force, timeout_secs, worker=None))]
#[allow(clippy::too_many_arguments)]
fn extract(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    out: PathBuf,
    jobs: Option<usize>,
    formats: Vec<String>,
    force: bool,
    timeout_secs: f64,
    worker: Option<Vec<OsString>>,
) -> PyResult<String> {
    let wanted = Formats::from_names(&formats).map_err(PyValueError::new_err)?;
    let executor = match worker.as_deref() {
        Some([program, args @ ..]) => Executor::Workers(WorkerCommand {
            program: PathBuf::from(program),
            args: args.to_vec(),
        }),
        Some([]) => return Err(PyValueError::new_err("the worker command is empty")),
        None => Executor::InProcess(templates()?),
    };
    let timeout = Duration::try_from_secs_f64(timeout_secs)
        .map_err(|e| PyValueError::new_err(format!("timeout: {e}")))?;
    let options = RunOptions {
        out: out.clone(),
        jobs: jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        limits: FileLimits {
            timeout,
            ..FileLimits::default()
        },
        formats: wanted,
        force,
        progress: ProgressMode::Quiet,
        executor,
    };
    let site = wanted.reports && formats.iter().any(|f| f == "site");
    py.detach(|| {
        let report = run(&paths, &options).map_err(|e| e.0)?;
        if site {
            yujuesuan::site::write_site(&out)
                .map_err(|e| format!("cannot write {}: {e}", out.join("site").display()))?;
        }
        serde_json::to_string(&report.summary).map_err(|e| e.to_string())
    })
    .map_err(PyOSError::new_err)
}

/// The worker process's loop (`python -m yujuesuan._worker`): reads file
/// requests on stdin and answers on stdout, as `yujuesuan worker` does.
#[pyfunction]
fn serve_worker(py: Python<'_>) -> PyResult<()> {
    let templates = templates()?;
    py.detach(|| {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        yujuesuan::batch::worker::serve(
            stdin.lock(),
            std::io::BufWriter::new(stdout.lock()),
            &templates,
            &FileLimits::default(),
        )
    })
    .map_err(|e| PyOSError::new_err(e.to_string()))
}

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ReadError", m.py().get_type::<ReadError>())?;
    m.add_function(wrap_pyfunction!(read_json, m)?)?;
    m.add_function(wrap_pyfunction!(cells_columns, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(serve_worker, m)?)?;
    Ok(())
}
