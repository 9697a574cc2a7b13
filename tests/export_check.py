"""Reads a run's exports back with the readers data people use and compares
them with cells.jsonl and the SQLite database, row for row.

    python3 tests/export_check.py OUT parquet   # pyarrow and DuckDB
    python3 tests/export_check.py OUT xlsx      # openpyxl

Run by tests/export.rs; exits non-zero with a message on the first difference.
"""

import json
import sqlite3
import sys
from pathlib import Path

# cells.jsonl field -> database column
CELL_FIELDS = {
    "report": "report",
    "unit": "unit",
    "year": "year",
    "amount_unit": "amount_unit",
    "table": "table_kind",
    "row": "row_key",
    "row_name": "row_name",
    "column": "column_name",
    "value": "value",
}


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def database(out):
    db = sqlite3.connect(str(out / "yujuesuan.sqlite"))
    names = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    return db, names


def sqlite_rows(db, table):
    cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
    columns = [d[0] for d in cursor.description]
    return columns, [tuple(r) for r in cursor]


def cells_jsonl(out):
    with open(out / "cells.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def compare_cells(label, columns, rows, cells):
    if len(rows) != len(cells):
        fail(f"{label}: {len(rows)} cells, cells.jsonl has {len(cells)}")
    index = {c: i for i, c in enumerate(columns)}
    for n, (row, cell) in enumerate(zip(rows, cells)):
        for field, column in CELL_FIELDS.items():
            if row[index[column]] != cell.get(field):
                fail(f"{label}: cell {n} {column}: {row[index[column]]!r} vs {cell.get(field)!r}")


def compare_tables(label, table, expected_columns, expected, columns, rows):
    if list(columns) != list(expected_columns):
        fail(f"{label}: {table}: columns {columns} vs database {expected_columns}")
    if len(rows) != len(expected):
        fail(f"{label}: {table}: {len(rows)} rows vs database {len(expected)}")
    for n, (a, b) in enumerate(zip(rows, expected)):
        if tuple(a) != tuple(b):
            fail(f"{label}: {table} row {n}: {a!r} vs database {b!r}")


def check_parquet(out):
    import duckdb
    import pyarrow.parquet as pq

    db, tables = database(out)
    cells = cells_jsonl(out)
    counts = {}
    for table in tables:
        path = out / "parquet" / f"{table}.parquet"
        expected_columns, expected = sqlite_rows(db, table)
        arrow = pq.read_table(path)
        rows = list(zip(*[arrow.column(c).to_pylist() for c in arrow.column_names])) \
            if arrow.num_rows else []
        compare_tables("pyarrow", table, expected_columns, expected, arrow.column_names, rows)
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
        compare_tables("duckdb", table, expected_columns, expected,
                       relation.columns, relation.fetchall())
        if table == "cells":
            compare_cells("parquet", arrow.column_names, rows, cells)
        counts[table] = len(rows)
    print(json.dumps(counts))


def check_xlsx(out):
    import re
    from collections import Counter

    import openpyxl

    cells = cells_jsonl(out)
    kinds = sorted({c["table"] for c in cells})
    book = openpyxl.load_workbook(out / "yujuesuan.xlsx", read_only=True)
    fixed = {"notes", "other_cells", "checks_not_passed", "discrepancies"}
    found = Counter()
    for name in book.sheetnames:
        base = re.sub(r" \(\d+\)$", "", name)
        rows = list(book[name].iter_rows(values_only=True))
        header, body = list(rows[0]), rows[1:]
        if base == "other_cells":
            for r in body:
                found[tuple(r)] += 1
        if base in fixed:
            continue
        kind = [base] if base in kinds else [k for k in kinds if k.startswith(base)]
        if len(kind) != 1:
            fail(f"xlsx: sheet {name} is no single table kind: {kind}")
        for r in body:
            report, unit, year, amount_unit, row, row_name = r[:6]
            for column, value in zip(header[6:], r[6:]):
                if value is not None:
                    found[(report, unit, year, amount_unit, kind[0], row, row_name,
                           column, value)] += 1
    expected = Counter(
        (c["report"], c.get("unit"), c.get("year"), c.get("amount_unit"), c["table"],
         c["row"], c["row_name"], c["column"], c["value"]) for c in cells)
    if found != expected:
        missing = list((expected - found).items())[:5]
        extra = list((found - expected).items())[:5]
        fail(f"xlsx: cells differ from cells.jsonl: missing {missing}, extra {extra}")
    # Layout: frozen header, filter, amounts as numbers shown with decimals.
    book = openpyxl.load_workbook(out / "yujuesuan.xlsx")
    for sheet in book.worksheets:
        if sheet.freeze_panes != "A2" or not (sheet.auto_filter.ref or "").startswith("A1"):
            fail(f"xlsx: {sheet.title}: freeze {sheet.freeze_panes}, filter {sheet.auto_filter.ref}")
    amounts = book[book.sheetnames[1]]
    cell = next(c for row in amounts.iter_rows(min_row=2, min_col=7) for c in row
                if c.value is not None)
    if not isinstance(cell.value, float) or cell.number_format != "#,##0.00":
        fail(f"xlsx: amount {cell.value!r} formatted {cell.number_format}")
    notes = [r for r in book["notes"].iter_rows(min_row=2, values_only=True)]
    print(json.dumps({"cells": sum(found.values()), "sheets": book.sheetnames,
                      "notes": notes},
                     ensure_ascii=False))


if __name__ == "__main__":
    out, kind = Path(sys.argv[1]), sys.argv[2]
    {"parquet": check_parquet, "xlsx": check_xlsx}[kind](out)
