"""Model-level variations of a built report (see variation.py).

`apply(report, v)` changes what is printed, never an identity:
  - tables printed in another amount unit (a 万元 report's table 6 in 元):
    values scaled exactly, the table's `amount_unit` set (truth follows it);
  - columns blank in every row dropped, total columns moved last, table 4's
    fund columns reordered, three_public's columns in the header's nesting
    order (`Table.columns` is the printed order; truth cells follow it);
  - the two-sided tables' rows paired left/right with a 行次 scheme
    (`Table.pairs`: [(left Row | None, right Row | None)], `Row.line_no`
    None when the 行次 is not printed).
"""
import model

SCALE = {("万元", "元"): 10000, ("万元", "千元"): 10, ("千元", "元"): 10}
CODED = ("income", "expenditure", "general_budget_expenditure", "gov_fund", "state_capital")
TOTAL_COLUMN = {"income": "本年收入合计", "expenditure": "本年支出合计", "general_budget_expenditure": "合计",
                "gov_fund": "本年支出/合计", "state_capital": "合计"}
FUND_ORDERS = {"gb_gf_sc": model.FISCAL_EXP_COLUMNS,
               "gb_sc_gf": [model.FISCAL_EXP_COLUMNS[i] for i in (0, 1, 3, 2)]}
TAIL_START = {"收入": ("本年收入合计",), "支出": ("本年支出合计",)}


def apply(report, v):
    for kind, table in report.tables.items():
        table.amount_unit = report.amount_unit
        unit = v.table_units.get(kind)
        if unit and unit != report.amount_unit:
            factor = SCALE[(report.amount_unit, unit)]
            for row in table.rows:
                row.values = {c: x * factor for c, x in row.values.items()}
            table.amount_unit = unit
    for kind in CODED:
        table = report.tables[kind]
        columns = list(table.columns)
        if v.drop_zero_columns and not table.empty:
            columns = [c for c in columns if c == TOTAL_COLUMN[kind] or any(r.values.get(c) for r in table.rows)]
        if v.total_last:
            columns = [c for c in columns if c != TOTAL_COLUMN[kind]] + [TOTAL_COLUMN[kind]]
            if kind == "gov_fund":     # 本年支出's 小计 last inside its group, 年末 after it
                columns = [c for c in columns if c != "年末结转和结余"] + ["年末结转和结余"]
        table.columns = columns
    t4 = report.tables["fiscal_grant_summary"]
    t4.right_columns = FUND_ORDERS[v.fund_order]
    t4.columns = ["决算数"] + t4.right_columns
    report.tables["income_expenditure_summary"].right_columns = ["决算数"]
    tp = report.tables["three_public"]
    if v.three_public_nesting == "item_over_stage":
        tp.columns = [f"{s}/{c}" for c in model.THREE_PUBLIC_LEAVES for s in ("预算数", "决算数")]
    for kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        pair_rows(report.tables[kind], v)
    return report


def _split(rows, side):
    for i, r in enumerate(rows):
        if r.name in TAIL_START[side]:
            return rows[:i], rows[i:]
    return rows, []


def _drop_blanks(rows, n, keep_tail_blanks):
    out = list(rows)
    for _ in range(n):
        blanks = [i for i, r in enumerate(out) if r.key is None]
        if not blanks:
            break
        out.pop(blanks[-1])
    return out


def _number(rows, start, keep_gaps):
    for i, r in enumerate(rows):
        r.line_no = r.line_no if keep_gaps else start + i


def pair_rows(table, v):
    left_items, left_tail = _split(table.side("收入"), "收入")
    right_items, right_tail = _split(table.side("支出"), "支出")
    dl, dr = v.drop_blank_rows
    left_items = _drop_blanks(left_items, dl, False)
    right_items = _drop_blanks(right_items, dr, False)
    if dl >= 99:
        left_tail = [r for r in left_tail if r.key is not None]
    if dr >= 99:
        right_tail = [r for r in right_tail if r.key is not None]
    left, right = left_items + left_tail, right_items + right_tail
    keep = v.lineno_keep_gaps
    scheme = v.lineno
    if scheme == "after_right":
        _number(right, 1, False)
        _number(left, len(right) + 1, False)
    elif scheme == "per_side":
        _number(left, 1, False)
        _number(right, 1, False)
    elif scheme == "one_side_left":
        _number(left, 1, False)
        for r in right:
            r.line_no = None
    elif scheme == "one_side_right":
        _number(right, 1, False)
        for r in left:
            r.line_no = None
    elif scheme == "none":
        for r in left + right:
            r.line_no = None
    else:   # contiguous, offset_totals, gaps
        _number(left, 1, keep)
        _number(right, len(left) + 1, keep)
    # unlabeled rows without a 行次 print nothing: drop them
    left_items = [r for r in left_items if r.key is not None or r.line_no is not None]
    right_items = [r for r in right_items if r.key is not None or r.line_no is not None]
    left_tail = [r for r in left_tail if r.key is not None or r.line_no is not None]
    right_tail = [r for r in right_tail if r.key is not None or r.line_no is not None]
    n_items = max(len(left_items), len(right_items) + len(right_tail) - len(left_tail),
                  len(right_items))
    n_tail = max(len(left_tail), len(right_tail))
    lcol = left_items + [None] * (n_items + n_tail - len(left_items) - len(left_tail)) + left_tail
    rcol = right_items + [None] * (n_items + n_tail - len(right_items) - len(right_tail)) + right_tail
    table.pairs = list(zip(lcol, rcol))
