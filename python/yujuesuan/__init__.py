"""yujuesuan (预决算): Chinese government budget and final-accounts
disclosures — PDFs or the text a PDF-to-text tool prints — into checked,
comparable data, from Python.

    import yujuesuan
    report = yujuesuan.read("report.pdf")              # the report JSON as a dict
    table = yujuesuan.cells(["corpus/"])               # pyarrow.Table of cells
    frame = yujuesuan.cells(["corpus/"], as_pandas=True)
    summary = yujuesuan.extract(["corpus/"], "out", jobs=4, formats=["reports", "jsonl", "sqlite", "parquet"])

Everything is done by the Rust library the `yujuesuan` command uses (the
extension module `yujuesuan._native`); this module only shapes its results.
A file that cannot be read raises `ReadError`, whose `error_class` is the
class the command prints (`encrypted`, `no_text_layer`, …).
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Iterable, Optional, Sequence, Union

from ._native import ReadError, cells_columns, extract as _extract, read_json

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = ["ReadError", "read", "cells", "cells_schema", "extract", "DEFAULT_FORMATS"]

PathLike = Union[str, "os.PathLike[str]"]

#: The formats `extract` writes unless told otherwise (the command's default).
DEFAULT_FORMATS = ("reports", "jsonl", "sqlite", "site")

#: Cells columns whose values repeat from row to row: dictionary-encoded, as
#: in the Parquet files (pandas turns them into categoricals).
_REPEATED = ("report", "document", "unit", "amount_unit", "table", "row", "row_name", "column")


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> list:
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def read(path: PathLike) -> dict:
    """Reads one report (PDF or pdftotext-style text) and returns its
    report JSON (schema/report.schema.json) as a dict. Raises `ReadError`."""
    return json.loads(read_json(os.fspath(path)))


def cells_schema() -> "pyarrow.Schema":
    """The Arrow schema of `cells()`: the cells contract's fields, then
    where each number is printed (page and box for PDF input, line for text)."""
    import pyarrow as pa

    text = pa.dictionary(pa.int32(), pa.string())
    fields = [(name, text) for name in ("report", "document", "unit")]
    fields.append(("year", pa.int32()))
    fields += [(name, text) for name in ("amount_unit", "table", "row", "row_name", "column")]
    fields.append(("value", pa.float64()))
    fields.append(("page", pa.int32()))
    fields += [(name, pa.float64()) for name in ("x0", "y0", "x1", "y1")]
    fields.append(("line", pa.int32()))
    nullable = {"unit", "year", "amount_unit", "page", "x0", "y0", "x1", "y1", "line"}
    return pa.schema([pa.field(n, t, nullable=n in nullable) for n, t in fields])


def cells(
    paths: Union[PathLike, Iterable[PathLike]],
    as_pandas: bool = False,
    jobs: Optional[int] = None,
) -> Union["pyarrow.Table", "pandas.DataFrame"]:
    """The cells (../shared/spec/cells.md) of every report in `paths`
    (files, or folders searched for .pdf and .txt), in input order, as a
    pyarrow.Table — or a pandas DataFrame with `as_pandas=True`. Files are
    read in parallel on `jobs` threads (default: all cores). The first file
    that cannot be read raises `ReadError`."""
    import pyarrow as pa

    columns = cells_columns(_paths(paths), jobs)
    schema = cells_schema()
    arrays = [pa.array(columns[f.name], type=f.type) for f in schema]
    table = pa.Table.from_arrays(arrays, schema=schema)
    return table.to_pandas() if as_pandas else table


def extract(
    paths: Union[PathLike, Iterable[PathLike]],
    out: PathLike,
    jobs: Optional[int] = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    force: bool = False,
    timeout: float = 60.0,
    in_process: bool = False,
) -> dict:
    """`yujuesuan extract PATHS -o OUT`: reads every report into the output
    folder (reports/, cells.jsonl, yujuesuan.sqlite, parquet/, … as
    `formats` asks: reports, jsonl, csv, sqlite, site, parquet, xlsx) and
    returns the run's summary.json as a dict. Files that fail do not stop
    the run: they are counted in the summary and listed in OUT/errors.jsonl.
    Like the command, files are read in `jobs` worker processes (this
    interpreter running `yujuesuan._worker`), each file stopped after
    `timeout` seconds; `in_process=True` reads on threads instead (no time
    limit, no crash isolation). A run started again resumes; `force=True`
    reads everything again. Raises OSError when OUT cannot be written."""
    worker = None if in_process else [sys.executable, "-m", "yujuesuan._worker"]
    summary = _extract(
        _paths(paths), os.fspath(out), jobs, list(formats), force, float(timeout), worker
    )
    return json.loads(summary)
