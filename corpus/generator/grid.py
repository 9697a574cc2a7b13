"""A report's tables as printable grids, shared by every PDF producer.

A `Grid` is what a spreadsheet or a word-processor table holds: header rows of
cells with row/column spans (HTML semantics: a cell starts at the first free
position), body rows, and the title, unit line, notes and 说明 around it.
`place` turns spanned rows into absolute (row, col, rowspan, colspan, text)
positions for producers that need them (docx, xlsx, reportlab).
"""
from dataclasses import dataclass, field

import model
import render_text


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = False
    wrap: int = 0                # text layout: characters a line (0: never wrapped)
    role: str = ""               # label | code | num | lineno (text layout alignment)


@dataclass
class Grid:
    kind: str
    title: str
    unit_line: str
    ncols: int
    header: list                 # rows of Cell
    body: list                   # rows of Cell
    notes: list
    remark: str = ""             # 说明：本单位无…
    amount_unit: str = "万元"
    widths: list = field(default_factory=list)   # relative column widths
    lead: list = field(default_factory=list)     # lines before the table: (align, text) with align
    #                                              center | left | right, or ("split", (left, right))


def C(text, colspan=1, rowspan=1, numeric=False):
    return Cell(text, colspan, rowspan, numeric)


def num(row, col, thousands):
    return C(render_text.fmt(row.values[col], thousands), numeric=True) if col in row.values else C("", numeric=True)


def place(rows, ncols):
    """[(r, c, rowspan, colspan, cell)] for spanned rows (HTML table placement)."""
    taken, out = set(), []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            out.append((r, c, cell.rowspan, cell.colspan, cell))
            c += cell.colspan
    return out


def code_cells(code, split):
    if not split:
        return [C(code)]
    return [C(code[:3]), C(code[3:5]), C(code[5:7])]


def coded_grid(table, labels, thousands, split, group=None):
    """Tables 2, 3, 5, 7, 8: code column(s), name, value columns."""
    cc = 3 if split else 1
    n = len(labels)
    code_head = [C("功能分类科目编码", colspan=cc, rowspan=1 if split else 1), C("科目名称", rowspan=2 if split else 1)]
    if group:   # 本年支出 above its leaf columns
        g_start, g_labels = group
        row1 = [C("项目", colspan=cc + 1)]
        row2 = list(code_head)
        depth = 3 if split else 2
        for i, label in enumerate(labels):
            if i == g_start:
                row1.append(C(g_labels, colspan=3))
            if g_start <= i < g_start + 3:
                row2.append(C(label, rowspan=depth - 1))
            else:
                row1.append(C(label, rowspan=depth))
        header = [row1, row2]
    else:
        header = [[C("项目", colspan=cc + 1)] + [C(l, rowspan=3 if split else 2) for l in labels], code_head]
    if split:
        header.append([C("类"), C("款"), C("项")])
    header.append([C("栏次", colspan=cc + 1)] + [C(str(i + 1)) for i in range(n)])
    body = []
    for row in table.rows:
        vals = [num(row, c, thousands) for c in table.columns]
        if row.key == "合计":
            body.append([C("合计", colspan=cc + 1)] + vals)
        else:
            body.append(code_cells(row.code, split) + [C(row.name)] + vals)
    return header, body, cc + 1 + n


def summary_grid(table, thousands):
    left, right = table.side("收入"), table.side("支出")
    if table.kind == "income_expenditure_summary":
        header = [[C("收入", colspan=3), C("支出", colspan=3)],
                  [C("项目"), C("行次"), C("决算数"), C("项目"), C("行次"), C("决算数")],
                  [C("栏次"), C(""), C("1"), C("栏次"), C(""), C("2")]]
        rcols = ["决算数"]
    else:
        header = [[C("收入", colspan=3), C("支出", colspan=6)],
                  [C("项目"), C("行次"), C("金额"), C("项目"), C("行次"), C("合计"), C("一般公共预算财政拨款"),
                   C("政府性基金预算财政拨款"), C("国有资本经营预算财政拨款")],
                  [C("栏次"), C(""), C("1"), C("栏次"), C(""), C("2"), C("3"), C("4"), C("5")]]
        rcols = model.FISCAL_EXP_COLUMNS
    body = []
    for l, r in zip(left, right):
        body.append([C(l.label), C(str(l.line_no)), num(l, "决算数", thousands), C(r.label), C(str(r.line_no))] +
                    [num(r, c, thousands) for c in rcols])
    return header, body, 3 + 2 + len(rcols)


def basic_grid(table, thousands):
    header = [[C("人员经费", colspan=3), C("公用经费", colspan=6)],
              [C("科目编码"), C("科目名称"), C("决算数")] * 3]
    personnel = table.side("personnel")
    public = table.side("public")
    g2 = [r for r in public if r.code.startswith("302")]
    g3 = [r for r in public if not r.code.startswith("302")]
    n = max(len(personnel), len(g2), len(g3))
    body = []
    for i in range(n):
        row = []
        for g in (personnel, g2, g3):
            r = g[i] if i < len(g) else None
            row += [C(r.code), C(r.name), num(r, "决算数", thousands)] if r else [C(""), C(""), C("", numeric=True)]
        body.append(row)
    totals = {r.key: r for r in table.rows if r.key in ("人员经费合计", "公用经费合计")}
    body.append([C("人员经费合计", colspan=2), num(totals["人员经费合计"], "决算数", thousands),
                 C("公用经费合计", colspan=5), num(totals["公用经费合计"], "决算数", thousands)])
    return header, body, 9


def three_public_grid(table, thousands):
    row1 = [C("预算数", colspan=6), C("决算数", colspan=6)]
    row2, row3 = [], []
    for _ in range(2):
        row2 += [C("合计", rowspan=2), C("因公出国（境）费", rowspan=2), C("公务用车购置及运行费", colspan=3),
                 C("公务接待费", rowspan=2)]
        row3 += [C("小计"), C("公务用车购置费"), C("公务用车运行费")]
    header = [row1, row2, row3, [C(str(i + 1)) for i in range(12)]]
    row = table.rows[0]
    body = [[num(row, c, thousands) for c in table.columns]] if row.values else []
    return header, body, 12


def table_grid(report, kind, thousands=False, split=False, total_label="小计"):
    table = report.tables[kind]
    if kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        header, body, ncols = summary_grid(table, thousands)
    elif kind == "general_budget_basic_expenditure":
        header, body, ncols = basic_grid(table, thousands)
    elif kind == "three_public":
        header, body, ncols = three_public_grid(table, thousands)
    elif kind == "income":
        header, body, ncols = coded_grid(table, model.INCOME_COLUMNS, thousands, split)
    elif kind == "expenditure":
        header, body, ncols = coded_grid(table, model.EXPENDITURE_COLUMNS, thousands, split)
    elif kind == "gov_fund":
        labels = ["年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"]
        header, body, ncols = coded_grid(table, labels, thousands, split, group=(2, "本年支出"))
    else:
        total = total_label if kind == "general_budget_expenditure" else "合计"
        header, body, ncols = coded_grid(table, [total, "基本支出", "项目支出"], thousands, split,
                                         group=(0, "本年支出"))
    title = f"{report.year}年度{render_text.TITLES[kind]}（表{table.number}）"
    remark = render_text.EMPTY_NOTES.get(kind, "") if table.empty else ""
    grid = Grid(kind, title, f"部门：{report.unit}", ncols, header, body, list(render_text.NOTES[kind]), remark,
                report.amount_unit)
    grid.widths = column_widths(grid)
    grid.lead = [("center", title), ("split", (grid.unit_line, f"单位：{report.amount_unit}"))]
    return grid


def column_widths(grid):
    """Relative widths (in characters): names wide, empty value columns narrow."""
    widths = [1.0] * grid.ncols
    for r, c, rs, cs, cell in place(grid.body, grid.ncols):
        if cs == 1:
            size = sum(0.6 if ch.isascii() else 1.0 for ch in cell.text) + 0.8   # + cell padding
            if cell.text.isdigit():        # codes never wrap
                size = len(cell.text) * 0.75 + 1.6
            limit = cell.wrap + 0.8 if cell.wrap and not cell.numeric else 16
            widths[c] = max(widths[c], min(size, limit))
    return [max(w, 2.0) for w in widths]
