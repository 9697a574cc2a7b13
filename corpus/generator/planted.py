"""Planted errors: one deliberate mistake in an otherwise clean varied report,
with a record of what was planted (the manifest's `planted`).

Kinds:
  wrong_total     a coded table's 合计 printed off (row, tree and cross-table checks fail)
  missing_row     a 项 row of the 支出决算表 left out (its 款 ≠ Σ项)
  narrative_off   a narrative figure 0.01 off its table cell
  wrong_percent   a narrative percentage 0.3 points off what its figures give
Table errors change the model after it is built (the narrative is written from
the changed tables, as a department's would be); narrative errors change one
paragraph.
"""
import re

import narrative

KINDS = ["wrong_total", "missing_row", "narrative_off", "wrong_percent"]
TOTAL_TABLES = {"expenditure": "本年支出合计", "income": "本年收入合计", "general_budget_expenditure": "合计"}


def plant_table(report, kind, rng):
    """Change the model; returns the record (None when the report offers no place)."""
    if kind == "wrong_total":
        table_kind = rng.choice(sorted(TOTAL_TABLES))
        table = report.tables[table_kind]
        column = TOTAL_TABLES[table_kind]
        row = table.rows[0]
        if column not in row.values:
            return None
        delta = rng.choice([10, 100, -10, 1000, 7])
        before = row.values[column]
        row.values[column] = before + delta
        return {"kind": kind, "table": table_kind, "row": "合计", "column": column,
                "true": before / 100, "printed": row.values[column] / 100}
    if kind == "missing_row":
        table = report.tables["expenditure"]
        items = [r for r in table.rows if len(r.code) == 7 and r.values]
        siblings = {}
        for r in items:
            siblings.setdefault(r.code[:5], []).append(r)
        candidates = [r for rs in siblings.values() if len(rs) > 1 for r in rs]
        if not candidates:
            return None
        row = rng.choice(candidates)
        table.rows.remove(row)
        return {"kind": kind, "table": "expenditure", "row": row.code, "name": row.name,
                "values": {c: x / 100 for c, x in row.values.items()}}
    return None


def plant_narrative(report, kind, rng):
    """(paragraphs with the error, record) or (None, None)."""
    part1, rest = narrative.paragraphs(report)
    rest = list(rest)
    if kind == "narrative_off":
        targets = [i for i, (k, t) in enumerate(rest) if k == "p" and
                   ("收入合计" in t or "支出合计" in t or "收、支总计" in t or "基本支出" in t)]
        i = rng.choice(targets)
        text = rest[i][1]
        m = re.search(r"(\d+(?:\.\d+)?) (万元|元|千元)", text)
        if not m:
            return None, None
        old = m.group(1)
        value = round(float(old) + 0.01, 2)
        new = f"{value:.2f}".rstrip("0").rstrip(".")
        rest[i] = ("p", text[:m.start(1)] + new + text[m.end(1):])
        return (part1, rest), {"kind": kind, "sentence": rest[i][1][:60], "true": float(old), "printed": value}
    if kind == "wrong_percent":
        targets = [i for i, (k, t) in enumerate(rest) if k == "p" and re.search(r"占本年(收入|支出) \d", t)]
        i = rng.choice(targets)
        text = rest[i][1]
        ms = [m for m in re.finditer(r"占本年(?:收入|支出) (\d+\.\d)%", text) if float(m.group(1)) > 1]
        if not ms:
            return None, None
        m = rng.choice(ms)
        old = float(m.group(1))
        new = round(old + rng.choice([0.3, -0.3, 1.0]), 1)
        rest[i] = ("p", text[:m.start(1)] + f"{new:.1f}" + text[m.end(1):])
        return (part1, rest), {"kind": kind, "sentence": rest[i][1][:60], "true": old, "printed": new}
    return None, None
