"""The Python package against the generator's ground truth and the
command's own outputs: `read`, `cells`, `extract`, errors, stubs.

Run with `pytest python/tests` after `pip install ./python` (.ci/run does).
"""

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import msgpack
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import yujuesuan

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "corpus" / "text"
TRUTH = ROOT / "corpus" / "truth"
SEED_VARIANTS = ROOT / "corpus" / "seed-variants"
PDF = ROOT / "tests" / "fixtures" / "reportlab-stsong.pdf"
USER_PASSWORD = ROOT / "tests" / "fixtures" / "user-password.pdf"

# A generated text report and its truth cells (written by corpus/generator,
# independently of the reader).
REPORT = "text-00-small-wan"

KEY = ("report", "unit", "year", "amount_unit", "table", "row", "row_name", "column", "value")


def truth(name):
    with open(TRUTH / f"{name}.cells.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def keyed(rows):
    return sorted(tuple(r.get(k) for k in KEY) for r in rows)


def test_read_returns_the_report_json():
    report = yujuesuan.read(TEXT / f"{REPORT}.txt")
    assert report["report"] == REPORT
    expected = truth(REPORT)
    assert report["unit"] == expected[0]["unit"]
    assert report["year"] == expected[0]["year"]
    kinds = {t["kind"] for t in report["tables"]}
    assert {c["table"] for c in expected} <= kinds
    assert report["checks"], "every identity evaluated"
    assert "pass" in {c["outcome"] for c in report["checks"]}


def test_read_accepts_str_and_paths_alike():
    path = TEXT / f"{REPORT}.txt"
    assert yujuesuan.read(str(path)) == yujuesuan.read(path)


def test_cells_match_the_generators_truth():
    table = yujuesuan.cells([TEXT / f"{REPORT}.txt"])
    assert isinstance(table, pa.Table)
    # The reader's accuracy is measured elsewhere (tests/corpus_accuracy.rs);
    # here the package must hand over what the library reads: nearly all of
    # the truth, nothing invented.
    found, expected = set(keyed(table.to_pylist())), set(keyed(truth(REPORT)))
    assert len(table) == len(found)
    assert len(found & expected) >= 0.98 * len(expected)
    assert len(found & expected) >= 0.98 * len(found)


def test_cells_keep_input_order_and_read_folders():
    names = ["text-00-small-wan", "text-01-small-wan"]
    table = yujuesuan.cells([TEXT / f"{n}.txt" for n in names], jobs=2)
    reports = table.column("report").to_pylist()
    assert sorted(set(reports)) == names
    first_other = reports.index(names[1])
    assert set(reports[:first_other]) == {names[0]}
    folder = yujuesuan.cells(SEED_VARIANTS)
    assert len(set(folder.column("report").to_pylist())) == len(list(SEED_VARIANTS.iterdir()))


def test_cells_schema_is_typed_and_dictionary_encoded():
    table = yujuesuan.cells(PDF)
    schema = table.schema
    assert schema == yujuesuan.cells_schema()
    for name in ("report", "document", "table", "row", "column"):
        assert pa.types.is_dictionary(schema.field(name).type), name
    assert schema.field("value").type == pa.float64()
    assert schema.field("year").type == pa.int32()
    # PDF input carries the box of every number.
    assert table.column("x0").null_count == 0
    assert table.column("page").null_count == 0


def test_cells_as_pandas():
    pandas = pytest.importorskip("pandas")
    frame = yujuesuan.cells(TEXT / f"{REPORT}.txt", as_pandas=True)
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(truth(REPORT))
    total = frame[(frame.table == "income_expenditure_summary")
                  & (frame.row == "收入/一般公共预算财政拨款收入")]
    assert len(total) >= 1


def test_errors_raise_read_error_with_the_class_the_command_prints(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("关于开展工作的通知\n\n请按时报送。\n", encoding="utf-8")
    with pytest.raises(yujuesuan.ReadError) as raised:
        yujuesuan.read(letter)
    error = raised.value
    assert error.error_class == "unrecognised_layout"
    assert error.path == str(letter)
    assert str(error).startswith(f"{letter}: unrecognised_layout: ")
    assert error.message in str(error)
    with pytest.raises(yujuesuan.ReadError) as raised:
        yujuesuan.read(USER_PASSWORD)
    assert raised.value.error_class == "encrypted"
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(yujuesuan.ReadError) as raised:
        yujuesuan.cells([TEXT / f"{REPORT}.txt", empty])
    assert raised.value.error_class == "not_pdf"
    assert isinstance(raised.value, Exception)


def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("text-00-small-wan", "text-01-small-wan"):
        (folder / f"{name}.txt").write_bytes((TEXT / f"{name}.txt").read_bytes())
    (folder / "stsong.pdf").write_bytes(PDF.read_bytes())
    (folder / "letter.txt").write_text("关于开展工作的通知\n", encoding="utf-8")
    return folder


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_extract_writes_the_run_and_returns_its_summary(tmp_path):
    folder = inputs(tmp_path)
    out = tmp_path / "out"
    summary = yujuesuan.extract(
        [folder], out, jobs=2, formats=["reports", "jsonl", "sqlite", "parquet"])
    assert summary == json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["files"], summary["read"], summary["failed"]) == (4, 3, 1)
    assert summary["errors"] == {"unrecognised_layout": 1}
    errors = jsonl(out / "errors.jsonl")
    assert [e["class"] for e in errors] == ["unrecognised_layout"]
    cells = jsonl(out / "cells.jsonl")
    assert summary["cells"] == len(cells)
    # The same cells as `cells()` reads, in the same order.
    direct = yujuesuan.cells(sorted(p for p in folder.iterdir() if p.name != "letter.txt"))
    assert [tuple(c.get(k) for k in KEY) for c in cells] == \
        [tuple(r[k] for k in KEY) for r in direct.to_pylist()]
    # Parquet and SQLite hold the same cells.
    assert pq.read_table(out / "parquet" / "cells.parquet").num_rows == len(cells)
    db = sqlite3.connect(out / "yujuesuan.sqlite")
    assert db.execute("SELECT count(*) FROM cells").fetchone()[0] == len(cells)
    assert not (out / "site").exists()


def test_extract_in_process_gives_the_same_bytes_and_resumes(tmp_path):
    folder = inputs(tmp_path)
    workers, threads = tmp_path / "workers", tmp_path / "threads"
    yujuesuan.extract(folder, workers, jobs=2, formats=["jsonl", "parquet"])
    again = yujuesuan.extract(folder, threads, jobs=1, formats=["jsonl", "parquet"],
                              in_process=True)
    for name in ("cells.jsonl", "errors.jsonl", "summary.json", "parquet/cells.parquet"):
        assert (workers / name).read_bytes() == (threads / name).read_bytes(), name
    resumed = yujuesuan.extract(folder, threads, formats=["jsonl"], in_process=True)
    assert resumed == again
    timing = json.loads((threads / "timing.json").read_text(encoding="utf-8"))
    assert timing["files_resumed"] == 4


def test_extract_rejects_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        yujuesuan.extract(inputs(tmp_path), tmp_path / "out", formats=["jsonl", "docx"])


def test_the_worker_module_answers_a_request():
    request = json.dumps({"path": str(TEXT / f"{REPORT}.txt"), "report": None})
    done = subprocess.run([sys.executable, "-m", "yujuesuan._worker"],
                          input=(request + "\n").encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # One frame: the answer's length (4 bytes, little-endian), then the
    # answer in MessagePack.
    length = int.from_bytes(done.stdout[:4], "little")
    assert len(done.stdout) == 4 + length
    answer = msgpack.unpackb(done.stdout[4:])
    assert "read" in answer["outcome"]


def test_the_package_is_typed():
    package = Path(yujuesuan.__file__).parent
    assert (package / "py.typed").is_file()
    stub = (package / "_native.pyi").read_text(encoding="utf-8")
    for name in ("ReadError", "read_json", "cells_columns", "extract", "serve_worker"):
        assert re.search(rf"\b(def|class) {name}\b", stub), name
