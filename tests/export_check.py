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


# Parquet column types: repeated strings are Arrow dictionaries, free text
# plain strings (schema/sqlite.sql's [distinct]), numbers int64 / double.
PARQUET_TYPES = {
    "cells": {"report": "dictionary<values=string, indices=int32, ordered=0>",
              "document": "dictionary<values=string, indices=int32, ordered=0>",
              "unit": "dictionary<values=string, indices=int32, ordered=0>",
              "amount_unit": "dictionary<values=string, indices=int32, ordered=0>",
              "table_kind": "dictionary<values=string, indices=int32, ordered=0>",
              "row_key": "dictionary<values=string, indices=int32, ordered=0>",
              "column_name": "dictionary<values=string, indices=int32, ordered=0>",
              "printed": "string", "value": "double", "year": "int64", "report_id": "int64"},
    "checks": {"kind": "dictionary<values=string, indices=int32, ordered=0>",
               "outcome": "dictionary<values=string, indices=int32, ordered=0>",
               "rule": "dictionary<values=string, indices=int32, ordered=0>"},
    "facts": {"name": "dictionary<values=string, indices=int32, ordered=0>",
              "sentence": "string", "value": "double"},
    "reports": {"path": "string", "sha256": "string",
                "status": "dictionary<values=string, indices=int32, ordered=0>"},
    "sections": {"text": "string",
                 "heading": "dictionary<values=string, indices=int32, ordered=0>"},
}


def check_parquet_types(path, table, schema):
    for column, expected in PARQUET_TYPES.get(table, {}).items():
        found = str(schema.field(column).type)
        if found != expected:
            fail(f"parquet: {path.name}: {column} is {found}, expected {expected}")


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
        check_parquet_types(path, table, arrow.schema)
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
    # Layout: frozen header, filter, amounts as numbers shown as printed.
    book = openpyxl.load_workbook(out / "yujuesuan.xlsx")
    for sheet in book.worksheets:
        if sheet.freeze_panes != "A2" or not (sheet.auto_filter.ref or "").startswith("A1"):
            fail(f"xlsx: {sheet.title}: freeze {sheet.freeze_panes}, filter {sheet.auto_filter.ref}")
    formats = check_number_formats(out, book, kinds)
    notes = [r for r in book["notes"].iter_rows(min_row=2, values_only=True)]
    print(json.dumps({"cells": sum(found.values()), "sheets": book.sheetnames,
                      "notes": notes, "formats": formats},
                     ensure_ascii=False))


def expected_format(printed):
    """The number format that shows a number as `printed` shows it:
    separators when printed with them, the printed decimals."""
    if printed is None:
        return "#,##0.00"
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    base = "#,##0" if "," in printed else "0"
    return base + ("." + "0" * decimals if decimals else "")


def check_number_formats(out, book, kinds):
    """Every amount of a table-kind sheet carries the number format of its
    printed text (from the database's cells.printed); returns the formats
    seen with their counts."""
    import re
    from collections import Counter

    db = sqlite3.connect(str(out / "yujuesuan.sqlite"))
    printed = {}
    for name, kind, row, column, text in db.execute(
            "SELECT r.name, c.table_kind, c.row_key, c.column_name, c.printed "
            "FROM cells c JOIN reports r ON r.id = c.report_id"):
        printed[(name, kind, row, column)] = text
    seen = Counter()
    for sheet in book.worksheets:
        base = re.sub(r" \(\d+\)$", "", sheet.title)
        kind = [base] if base in kinds else [k for k in kinds if k.startswith(base)]
        if len(kind) != 1 or base in ("notes", "other_cells", "checks_not_passed", "discrepancies"):
            continue
        header = [c.value for c in sheet[1]]
        for cells in sheet.iter_rows(min_row=2):
            report, row = cells[0].value, cells[4].value
            for column, cell in zip(header[6:], cells[6:]):
                if cell.value is None:
                    continue
                text = printed[(report, kind[0], row, column)]
                if not isinstance(cell.value, (int, float)):
                    fail(f"xlsx: {sheet.title} {report} {row} {column}: {cell.value!r} not a number")
                if cell.number_format != expected_format(text):
                    fail(f"xlsx: {sheet.title} {report} {row} {column}: printed {text!r}, "
                         f"formatted {cell.number_format!r}")
                seen[cell.number_format] += 1
    return dict(seen)


if __name__ == "__main__":
    out, kind = Path(sys.argv[1]), sys.argv[2]
    {"parquet": check_parquet, "xlsx": check_xlsx}[kind](out)
