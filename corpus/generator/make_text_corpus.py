"""~30 random reports as pdftotext-style text, each with its truth.

Writes corpus/text/<stem>.txt and corpus/truth/<stem>.cells.jsonl and returns
manifest entries.  Every option of render_text.TextStyle is mixed in.
"""
import os
import random

import cells
import checks
import generate
import model
import render_text

UNIT_SLUG = {"万元": "wan", "元": "yuan", "千元": "qian"}


def random_style(rng, report):
    """A TextStyle drawn at random, with the page-split tables chosen among long ones."""
    def width():
        return rng.choice([0, 9, 10, 11, 12, 13, 14, 16])
    long_tables = [k for k in ("income", "expenditure", "general_budget_expenditure", "fiscal_grant_summary")
                   if len(report.tables[k].rows) >= 6]
    return render_text.TextStyle(
        name_wrap={k: width() for k in ("income", "expenditure", "general_budget_expenditure", "gov_fund",
                                        "state_capital")},
        summary_wrap=(rng.randint(10, 16), rng.randint(8, 14)),
        fiscal_wrap=(rng.randint(9, 13), rng.randint(6, 10)),
        basic_wrap=rng.randint(5, 9),
        header_width=rng.choice([1, 2, 2, 3, 4]),
        wrap_style=rng.choice(["code_alone", "code_alone", "code_inline", "nums_after"]),
        code_layout=rng.choice(["joined", "joined", "joined", "split", "split_sparse"]),
        thousands=report.amount_unit != "万元" or rng.random() < 0.2,
        page_lines=rng.randint(38, 54),
        page_numbers=rng.choice([None, None, "dash", "plain"]),
        split_tables=tuple(rng.sample(long_tables, min(len(long_tables), rng.choice([0, 1, 1, 2])))),
        repeat_header=rng.choice(["split", "split", "never", "always"]),
        cjk_space=rng.random() < 0.7,
        narrative_width=rng.randint(24, 34),
        encoding="gbk" if rng.random() < 0.2 else "utf-8",
        unit_label=rng.choice(["部门", "部门", "编制单位", "单位名称"]),
        total_label_t5=rng.choice(["小计", "合计", "本年支出合计"]),
        basic_names_missing=rng.random() < 0.3,
    )


def plan(count=30):
    """[(index, size class, amount unit)] deterministic mix."""
    units = ["万元", "万元", "元", "千元"]
    return [(i, "large" if i % 4 == 3 else "small", units[(i + i // 4) % len(units)]) for i in range(count)]


def build(index, size, unit):
    rng = random.Random(f"text-{index}")
    budget = generate.random_budget(rng, size, unit)
    stem = f"text-{index:02d}-{size}-{UNIT_SLUG[unit]}"
    report = model.build_report(budget, stem)
    checks.check_report(report)
    return report, rng


def write_all(root, count=30):
    for sub in ("text", "truth"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    entries = []
    for index, size, unit in plan(count):
        report, rng = build(index, size, unit)
        style = random_style(rng, report)
        text_path = os.path.join(root, "text", report.stem + ".txt")
        truth_path = os.path.join(root, "truth", report.stem + ".cells.jsonl")
        render_text.write_text(report, style, text_path)
        cells.write_cells(report, truth_path)
        entries.append(manifest_entry(root, report, text_path, truth_path, "text", style.features(), size))
    return entries


def coded_rows(report):
    return sum(1 for r in report.tables["expenditure"].rows if r.code)


def manifest_entry(root, report, path, truth_path, producer, features, size):
    features = dict(features)
    features.update(unit=report.amount_unit, size_class=size, coded_rows=coded_rows(report),
                    empty_tables=[k for k, t in report.tables.items() if t.empty],
                    zeros_printed=sorted(report.budget.print_zeros))
    return {"path": os.path.relpath(path, root), "truth": os.path.relpath(truth_path, root),
            "producer": producer, "features": features}
