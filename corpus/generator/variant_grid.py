"""A varied report's tables as grids (grid.Grid), for the PDF producers and
for the varied text layout alike.

Follows the variation: printed column order and set (`Table.columns`, set
by vary_model), 本年支出 grouped over its columns or not, three_public's
nesting (预算数 over the items or the items over 预算数/决算数), the 行次
columns the scheme prints, the 栏次 row, one or three code columns, the unit
line in the header, the title's form and the lines around it (`Grid.lead`),
and printed values (forms.value). Label cells carry their wrap width, so the
text layout wraps each side at its own width and PDFs size the columns to it.
"""
import forms
import model
import render_text
from grid import Cell, Grid, column_widths

PRINTED = {"本年支出/合计": "小计", "本年支出/基本支出": "基本支出", "本年支出/项目支出": "项目支出"}


def C(text, colspan=1, rowspan=1, numeric=False, wrap=0, role=""):
    return Cell(text, colspan, rowspan, numeric, wrap, role)


def num(row, col, v):
    if row is None:
        return C("", numeric=True, role="num")
    return C(forms.value(row.values.get(col), v), numeric=True, role="num")


def coded_labels(table, v):
    out = []
    for c in table.columns:
        if c == "合计" and table.kind == "general_budget_expenditure":
            out.append(v.total_label_t5)
        else:
            out.append(PRINTED.get(c, c))
    return out


def coded_grid(table, v):
    split = v.code_layout != "joined"
    cc = 3 if split else 1
    labels = coded_labels(table, v)
    grouped = [c.startswith("本年支出/") for c in table.columns] if table.kind == "gov_fund" else \
        [v.grouped_expenditure] * len(labels) if table.kind in ("general_budget_expenditure", "state_capital") \
        else [False] * len(labels)
    depth = 3 if split else 2
    row1, row2 = [C("项目", colspan=cc + 1)], [C("功能分类科目编码", colspan=cc), C("科目名称", rowspan=depth - 1)]
    i = 0
    while i < len(labels):
        if grouped[i]:
            j = i
            while j < len(labels) and grouped[j]:
                j += 1
            row1.append(C("本年支出", colspan=j - i))
            row2 += [C(label, rowspan=depth - 1) for label in labels[i:j]]
            i = j
        else:
            row1.append(C(labels[i], rowspan=depth))
            i += 1
    header = [row1, row2]
    if split:
        header.append([C("类"), C("款"), C("项")])
    if v.lanci_row:
        header.append([C("栏次", colspan=cc + 1)] + [C(str(k + 1)) for k in range(len(labels))])
    body = []
    for row in table.rows:
        vals = [num(row, c, v) for c in table.columns]
        if row.key == "合计":
            body.append([C("合计", colspan=cc + 1, role="label")] + vals)
            continue
        if split:
            parts = [row.code[:3], row.code[3:5], row.code[5:7]]
            if v.code_layout == "split_sparse":
                parts = [p if k == len([q for q in parts if q]) - 1 else "" for k, p in enumerate(parts)]
            codes = [C(p, role="code") for p in parts]
        else:
            codes = [C(row.code, role="code")]
        body.append(codes + [C(row.name, wrap=v.wrap_coded, role="label")] + vals)
    return header, body, cc + 1 + len(labels)


def summary_grid(table, v):
    left_no = v.lineno not in ("none", "one_side_right")
    right_no = v.lineno not in ("none", "one_side_left")
    rcols = table.right_columns
    two = table.kind == "income_expenditure_summary"
    left_head = ["项目"] + (["行次"] if left_no else []) + ["决算数" if two else "金额"]
    right_labels = ["决算数"] if two else ["合计"] + [c for c in rcols[1:]]
    right_head = ["项目"] + (["行次"] if right_no else []) + right_labels
    header = [[C("收入", colspan=len(left_head)), C("支出", colspan=len(right_head))],
              [C(t) for t in left_head + right_head]]
    if v.lanci_row:
        lanci = ["栏次"] + ([""] if left_no else []) + ["1"] + ["栏次"] + ([""] if right_no else []) + \
            [str(k + 2) for k in range(len(right_labels))]
        header.append([C(t) for t in lanci])
    body = []
    for left, right in table.pairs:
        row = []
        for r, numbered, cols, wrap in ((left, left_no, ["决算数"], v.wrap_left), (right, right_no, rcols, v.wrap_right)):
            row.append(C(r.label if r else "", wrap=wrap, role="label"))
            if numbered:
                no = "" if r is None or r.line_no is None else str(r.line_no)
                row.append(C(no, role="lineno"))
            row += [num(r, c, v) for c in cols]
        body.append(row)
    return header, body, len(left_head) + len(right_head)


def basic_grid(table, v):
    header = [[C("人员经费", colspan=3), C("公用经费", colspan=6)],
              [C("科目编码"), C("科目名称"), C("决算数")] * 3]
    personnel = table.side("personnel")
    public = table.side("public")
    g2 = [r for r in public if r.code.startswith("302")]
    g3 = [r for r in public if not r.code.startswith("302")]
    n = max(len(personnel), len(g2), len(g3))
    wrap = max(4, min(v.wrap_coded, 9)) if v.wrap_coded else 0
    body = []
    for i in range(n):
        row = []
        for g in (personnel, g2, g3):
            r = g[i] if i < len(g) else None
            row += [C(r.code, role="code"), C(r.name, wrap=wrap, role="label"), num(r, "决算数", v)] if r else \
                [C(""), C(""), C("", numeric=True, role="num")]
        body.append(row)
    totals = {r.key: r for r in table.rows if r.key in ("人员经费合计", "公用经费合计")}
    body.append([C("人员经费合计", colspan=2, role="label"), num(totals["人员经费合计"], "决算数", v),
                 C("公用经费合计", colspan=5, role="label"), num(totals["公用经费合计"], "决算数", v)])
    return header, body, 9


def three_public_grid(table, v):
    if v.three_public_nesting == "stage_over_item":
        row1 = [C("预算数", colspan=6), C("决算数", colspan=6)]
        row2, row3 = [], []
        for _ in range(2):
            row2 += [C("合计", rowspan=2), C("因公出国（境）费", rowspan=2), C("公务用车购置及运行费", colspan=3),
                     C("公务接待费", rowspan=2)]
            row3 += [C("小计"), C("公务用车购置费"), C("公务用车运行费")]
        header = [row1, row2, row3]
    else:
        row1 = [C("合计", colspan=2, rowspan=2), C("因公出国（境）费", colspan=2, rowspan=2),
                C("公务用车购置及运行费", colspan=6), C("公务接待费", colspan=2, rowspan=2)]
        row2 = [C("小计", colspan=2), C("公务用车购置费", colspan=2), C("公务用车运行费", colspan=2)]
        row3 = [C(s) for _ in range(6) for s in ("预算数", "决算数")]
        header = [row1, row2, row3]
    if v.lanci_row:
        header.append([C(str(i + 1)) for i in range(12)])
    row = table.rows[0]
    body = [[num(row, c, v) for c in table.columns]] if row.values else []
    return header, body, 12


def lead_lines(report, table, v):
    above, title = forms.title(report, table, v)
    unit = forms.unit_text(table, v)
    lines = [("right", above)] if above else []
    lines.append(("center", f"{title} {unit}" if v.unit_place == "title" else title))
    left, right = forms.unit_line(report, table, v)
    if v.unit_place in ("left_own_line", "right_own_line"):
        code = forms.table_code(v, table.number) if v.code_place == "unit_line" else ""
        if left or code:
            lines.append(("split", (left, code)))
        lines.append(("left" if v.unit_place == "left_own_line" else "right", unit))
    elif left or right:
        lines.append(("split", (left, right)))
    return lines


def notes(table, v):
    lines = list(render_text.NOTES[table.kind])
    seed_numbering = v.lineno == "contiguous" and not any(v.drop_blank_rows)
    if table.kind in ("income_expenditure_summary", "fiscal_grant_summary") and not seed_numbering:
        lines = lines[:1]        # the 行次 formulas describe the seed's numbering only
    return lines


def table_grid(report, kind, v):
    table = report.tables[kind]
    if kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        header, body, ncols = summary_grid(table, v)
    elif kind == "general_budget_basic_expenditure":
        header, body, ncols = basic_grid(table, v)
    elif kind == "three_public":
        header, body, ncols = three_public_grid(table, v)
    else:
        header, body, ncols = coded_grid(table, v)
    if v.unit_place == "header":
        header = [[C(forms.unit_text(table, v), colspan=ncols)]] + header
    remark = render_text.EMPTY_NOTES.get(kind, "") if table.empty else ""
    lead = lead_lines(report, table, v)
    title = next(t for a, t in lead if a == "center")
    grid = Grid(kind, title, forms.dept_text(report, v), ncols, header, body, notes(table, v), remark,
                table.amount_unit)
    grid.lead = lead
    grid.widths = column_widths(grid)
    return grid


def all_grids(report, v):
    return [table_grid(report, kind, v) for kind in model.TABLE_KINDS]
