"""Variants of the seed report, each with its truth.

The seed's model comes from its hand-read truth (seed_model); its narrative
parts are carried over from the seed text.  Each variant changes one thing:
wraps, 类/款/项 code columns, 元 amounts with thousands separators, extra and
missing rows, a table split across a page break, GBK encoding (plus 0.00
zeros, sparse code columns with 千元).  Writes corpus/seed-variants/<stem>.txt
and corpus/truth/<stem>.cells.jsonl; returns manifest entries.
"""
import copy
import dataclasses
import os

import catalogue
import cells
import checks
import model
import render_text
import seed_model

STEM = "qiaokou-edu-itc-2022"


def seed_narrative(path=seed_model.SEED_TEXT):
    """(part1, rest) blocks of the seed text: before 第二部分, and from 第三部分 on."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    blocks = [b.split("\n") for b in text.split("\n\n") if b.strip()]
    blocks = [[line for line in b if line] for b in blocks]
    start2 = next(i for i, b in enumerate(blocks) if b[0].startswith("第二部分"))
    start3 = next(i for i, b in enumerate(blocks) if b[0].startswith("第三部分"))
    return blocks[:start2], blocks[start3:]


def scaled(budget, factor):
    """The budget with every amount multiplied by `factor` (e.g. 万元 -> 元)."""
    b = copy.deepcopy(budget)
    for leaf in b.leaves:
        for f in ("basic", "project", "carry_in", "nf_basic", "nf_project", "upper", "business", "subsidiary"):
            setattr(leaf, f, getattr(leaf, f) * factor)
    b.econ = {k: v * factor for k, v in b.econ.items()}
    b.prior_total *= factor
    return b


def extra_and_missing(budget):
    """Add 2080506 (basic, with 30109) and a new 款 20508/2050803 (project); drop 2101199."""
    b = copy.deepcopy(budget)
    dropped = next(l for l in b.leaves if l.code == "2101199")
    b.leaves.remove(dropped)
    b.econ["30112"] -= dropped.basic
    b.leaves.append(model.Leaf("2080506", "gb", basic=240))
    b.econ["30109"] = b.econ.get("30109", 0) + 240
    b.leaves.append(model.Leaf("2050803", "gb", project=1250))
    b.leaves.sort(key=lambda l: l.code)
    for code in ("2080506", "20508", "2050803"):
        b.names[code] = catalogue.function_name(code)
    return b


def variants():
    """[(stem suffix, budget transform, style kwargs, description)]."""
    wraps = dict(name_wrap={"income": 9, "expenditure": 10, "general_budget_expenditure": 11,
                            "gov_fund": 9, "state_capital": 9},
                 summary_wrap=(10, 9), fiscal_wrap=(9, 8), basic_wrap=5, wrap_style="code_inline",
                 header_width=3)
    return [
        ("v1-wraps", None, wraps, "names wrapped at other widths, code inline with the first piece"),
        ("v2-code-columns", None, dict(code_layout="split", basic_names_missing=True), "codes printed as 类 款 项 columns (205 01 99)"),
        ("v3-yuan", lambda b: dataclasses.replace(scaled(b, 10000), amount_unit="元"),
         dict(thousands=True), "amounts in 元 with thousands separators"),
        ("v4-extra-missing-rows", extra_and_missing, {}, "2080506 and 20508/2050803 added, 2101199 removed"),
        ("v5-page-split", None, dict(split_tables=("expenditure", "general_budget_expenditure"),
                                     page_numbers="dash", page_lines=40),
         "支出决算表 and 一般公共预算财政拨款支出决算表 split across page breaks, header repeated"),
        ("v6-gbk", None, dict(encoding="gbk"), "GBK-encoded file"),
        ("v7-zeros", lambda b: dataclasses.replace(b, print_zeros=frozenset({"income", "expenditure",
                                                                             "income_expenditure_summary"})),
         dict(wrap_style="nums_after"), "0.00 printed in empty cells of tables 1-3; numbers after wrapped names"),
        ("v8-sparse-codes-thousand-yuan", lambda b: dataclasses.replace(scaled(b, 10), amount_unit="千元"),
         dict(code_layout="split_sparse", thousands=True, page_numbers="plain"),
         "only the code's own part printed (类 205, 款 01, 项 99), amounts in 千元"),
    ]


def write_all(root):
    os.makedirs(os.path.join(root, "seed-variants"), exist_ok=True)
    os.makedirs(os.path.join(root, "truth"), exist_ok=True)
    base = seed_model.seed_budget()
    narrative = seed_narrative()
    entries = []
    for suffix, transform, style_kw, description in variants():
        stem = f"{STEM}-{suffix}"
        budget = transform(base) if transform else base
        report = model.build_report(budget, stem)
        checks.check_report(report)
        style = render_text.TextStyle(**style_kw)
        text_path = os.path.join(root, "seed-variants", stem + ".txt")
        truth_path = os.path.join(root, "truth", stem + ".cells.jsonl")
        render_text.write_text(report, style, text_path, narrative)
        cells.write_cells(report, truth_path)
        features = style.features()
        features.update(unit=report.amount_unit, size_class="small", description=description,
                        zeros_printed=sorted(budget.print_zeros))
        entries.append({"path": os.path.relpath(text_path, root), "truth": os.path.relpath(truth_path, root),
                        "producer": "text", "source": "seed-variant", "features": features})
    return entries


if __name__ == "__main__":
    import json
    here = os.path.dirname(os.path.abspath(__file__))
    print(json.dumps(write_all(os.path.dirname(here)), ensure_ascii=False, indent=1))
