"""A budget report's tables as printable grids (grid.Grid), for the PDF
producers and the text layout alike, in the variation's form
(budget_variation.BudgetForm): title forms, the unit line, one or three code
columns, printed values (0.00 / 0 / blank, thousands separators), the order of
the “三公” columns, empty tables printed as 无 with a note.
"""
import random

import render_text
from grid import Grid, column_widths
from variant_grid import C

TITLES = {"income_expenditure_summary": "财务收支预算总表", "income": "收入预算总表", "expenditure": "支出预算总表",
          "fiscal_grant_summary": "财政拨款收支预算总表", "general_budget_expenditure": "一般公共预算支出功能分类预算表",
          "gov_fund": "政府性基金预算支出功能分类预算表", "state_capital": "国有资本经营预算支出功能分类预算表",
          "general_budget_basic_expenditure": "一般公共预算基本支出部门预算经济分类预算表",
          "three_public": "“三公”经费和机关运行经费预算表"}
GROUP = {"income": "收入预算", "expenditure": "支出预算", "general_budget_expenditure": "一般公共预算支出",
         "gov_fund": "政府性基金预算支出", "state_capital": "国有资本经营预算支出"}
EMPTY_NOTE = {"gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算"}


def value(cents, form, unit_table=False):
    """A printed amount: None prints empty (or the form's dash), 0 prints the form's zero."""
    if cents is None:
        return form.blank
    if cents == 0:
        return "0" if unit_table else form.zero
    return render_text.fmt(cents, form.thousands)


def num(row, column, form, unit_table=False):
    v = row.values.get(column) if row is not None else None
    return C(value(v, form, unit_table), numeric=True, role="num")


def code_cells(code, cc, unpadded=False, stray=None):
    """One joined code cell, or the 类/款(/项) parts in `cc` columns; `unpadded`
    prints a part as a spreadsheet's number cell does (`1` for `01`), `stray`
    replaces the 类 part (a misprinted cell)."""
    if cc == 1:
        return [C(code, role="code")]
    parts = [code[:3], code[3:5], code[5:7]][:cc]
    if unpadded:
        parts = [parts[0]] + [p[1:] if p.startswith("0") else p for p in parts[1:]]
    if stray is not None:
        parts[0] = stray
    return [C(p, role="code") for p in parts]


def stray_class_row(table, form, cc):
    """(row index, digit) of the one row whose 类 cell prints a stray digit, or None:
    a 款 or 项 row, so that the rows above give its 类."""
    if not form.stray_class or cc == 1:
        return None
    rows = [i for i, r in enumerate(table.rows) if r.key != "合计" and r.code and len(r.code) > 3]
    if not rows:
        return None
    rng = random.Random(f"{form.stray_class}-{table.kind}")
    return rng.choice(rows), str(rng.randint(1, 9))


def coded_grid(table, form, economic=False):
    cc = (2 if economic else 3) if form.split_codes else 1
    labels = table.columns
    head = "部门预算经济分类科目编码" if economic else "功能分类科目编码"
    name = "经济分类科目名称" if economic else "功能分类科目名称"
    depth = 3 if form.split_codes else 2
    group = "一般公共预算基本支出" if economic else GROUP[table.kind]
    header = [[C("项目", colspan=cc + 1), C(group, colspan=len(labels))],
              [C(head, colspan=cc), C(name, rowspan=depth - 1)] + [C(l, rowspan=depth - 1) for l in labels]]
    if form.split_codes:
        header.append([C(t) for t in ("类", "款", "项")[:cc]])
    body = []
    stray_at, stray = stray_class_row(table, form, cc) or (None, None)
    for i, row in enumerate(table.rows):
        vals = [num(row, c, form) for c in labels]
        if row.key == "合计":
            body.append([C("合计", colspan=cc + 1, role="label")] + vals)
        else:
            codes = code_cells(row.code, cc, form.code_digits == "unpadded", stray if i == stray_at else None)
            body.append(codes + [C(row.name, wrap=form.wrap_coded, role="label")] + vals)
    if table.empty:
        body = [[C("无", role="label")] + [C("") for _ in range(cc + len(labels))],
                [C("合计", colspan=cc + 1, role="label")] + [C("", numeric=True, role="num") for _ in labels]]
    return header, body, cc + 1 + len(labels)


def summary_grid(table, form):
    two = table.kind == "income_expenditure_summary"
    rcols = table.columns
    right_labels = ["预算数"] if two else ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    left_group, right_group = ("本年收入", "本年支出") if two else ("财政拨款收入", "财政拨款支出")
    header = [[C(left_group, colspan=2), C(right_group, colspan=1 + len(right_labels))],
              [C("项目"), C("预算数")] + [C("项目")] + [C(t) for t in right_labels]]
    body = []
    for left, right in table.rows:
        row = [C(left.label if left else "", wrap=form.wrap_left, role="label"), num(left, "预算数", form)]
        row += [C(right.label if right else "", wrap=form.wrap_right, role="label")]
        row += [num(right, c, form) for c in rcols]
        body.append(row)
    return header, body, 3 + len(right_labels)


def three_public_grid(table, form):
    vehicle = [C("公务用车购置及运行费", colspan=3)]
    items = [C("合计", rowspan=2), C("因公出国(境)费", rowspan=2)]
    order = ["预算数/合计", "预算数/因公出国(境)费"]
    vcols = ["预算数/公务用车购置及运行费/小计", "预算数/公务用车购置及运行费/公务用车购置费",
             "预算数/公务用车购置及运行费/公务用车运行费"]
    if form.reception_first:
        items += [C("公务接待费", rowspan=2)] + vehicle
        order += ["预算数/公务接待费"] + vcols
    else:
        items += vehicle + [C("公务接待费", rowspan=2)]
        order += vcols + ["预算数/公务接待费"]
    header = [[C("“三公”经费预算数", colspan=6), C("机关运行经费预算数", rowspan=3)], items,
              [C("小计"), C("购置费"), C("运行费")]]
    row = table.rows[0]
    body = [[num(row, c, form, unit_table=form.integer_zero_three_public) for c in order + ["预算数/机关运行经费"]]]
    return header, body, 7


def title(report, kind, number, form):
    text = f"{report.year}年{report.level}{TITLES[kind]}"
    if form.unit_in_title:
        text = report.unit + text
    if form.code_place == "prefix":
        text = f"表{number} {text}"
    elif form.code_place == "suffix":
        text = f"{text}（表{number}）"
    return text


def table_grid(report, kind, number, form):
    table = report.tables[kind]
    form = form.for_table(kind)
    if kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        header, body, ncols = summary_grid(table, form)
    elif kind == "three_public":
        header, body, ncols = three_public_grid(table, form)
    else:
        header, body, ncols = coded_grid(table, form, economic=kind == "general_budget_basic_expenditure")
    notes = []
    if table.empty:
        notes.append(f"注:本{report.level}{report.year}年无{EMPTY_NOTE[kind]}财政拨款安排的预算，故本表为空表。")
    t = title(report, kind, number, form)
    unit_line = f"编制{report.level}：{report.unit}"
    unit = f"{form.unit_label}{table.amount_unit}"
    g = Grid(kind, t, unit_line, ncols, header, body, notes, "", table.amount_unit)
    g.lead = [("center", t), ("split", (unit_line, unit))]
    g.widths = column_widths(g)
    return g


def all_grids(report, form, kinds):
    return [table_grid(report, kind, i + 1, form) for i, kind in enumerate(kinds)]

