"""Truth cells (spec/cells.md) of a report model, one JSON object a line."""
import json
import unicodedata

import model


def norm(text):
    """cells.md normalisation: no whitespace, full-width ASCII to half-width, “” to \"\"."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).replace("“", '"').replace("”", '"')


def report_cells(report):
    """All cells of `report` in table order: every value present in a keyed row, in the
    printed columns (`Table.columns`) and the table's own amount unit when it has one."""
    out = []
    for kind in model.TABLE_KINDS:
        table = report.tables[kind]
        for row in table.rows:
            if row.key is None:
                continue
            for column in table.columns:
                if column in row.values:
                    out.append({"report": report.stem, "unit": norm(report.unit), "year": report.year,
                                "amount_unit": getattr(table, "amount_unit", report.amount_unit), "table": kind, "row": norm(row.key),
                                "row_name": norm(row.name), "column": column,
                                "value": round(row.values[column] / 100, 2)})
    return out


def write_cells(report, path):
    with open(path, "w", encoding="utf-8") as fh:
        for cell in report_cells(report):
            fh.write(json.dumps(cell, ensure_ascii=False) + "\n")
