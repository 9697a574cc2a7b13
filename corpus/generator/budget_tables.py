"""The nine budget tables of a budget model (budget_model), with contract row
keys and the values each prints.

`build_tables(report, zero_printed)` derives every table from the model's leaves
and economic breakdown, so the identities hold by construction; a zero prints
`0.00` (a cell) when `zero_printed(kind)` says so, else it prints empty (no
cell).  `truth_cells` lists the cells of spec/cells.md for the report.
"""
import catalogue
from budget_model import (BASIC_COLUMNS, CLASS_ORDINALS, EXPENDITURE_COLUMNS, FUNDS, INCOME_COLUMNS,
                          INCOME_COLUMNS_FUNDS, THREE_PUBLIC_COLUMNS, Row, Table)

FUND_INCOME = {"general_budget": "一般公共预算", "gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算"}
FUND_INCOME_COLUMN = {"general_budget": "一般公共预算拨款收入", "gov_fund": "政府性基金预算拨款收入",
                      "state_capital": "国有资本经营预算拨款收入"}
FUND_GRANT_COLUMN = {"general_budget": "一般公共预算财政拨款", "gov_fund": "政府性基金预算财政拨款",
                     "state_capital": "国有资本经营预算财政拨款"}
BUSINESS = ["事业收入", "事业单位经营收入", "其他收入"]


def printed(values, columns, zeros):
    """Column -> cents, or None where a zero prints empty."""
    return {c: (v if v or zeros else None) for c, v in ((c, values.get(c, 0)) for c in columns)}


def coded_rows(leaves, amounts, columns, zeros, name_of):
    """类/款/项 rows over `leaves` (code -> {column: cents}) and the 合计 row."""
    sums = {}
    for leaf in leaves:
        for n in (3, 5, 7):
            acc = sums.setdefault(leaf.code[:n], {})
            for c, v in amounts(leaf).items():
                acc[c] = acc.get(c, 0) + v
    rows = [Row(code, name_of(code), printed(sums[code], columns, zeros), code=code) for code in sorted(sums)]
    total = {}
    for leaf in leaves:
        for c, v in amounts(leaf).items():
            total[c] = total.get(c, 0) + v
    if rows:
        rows.append(Row("合计", "合计", printed(total, columns, zeros)))
    return rows


def income_table(report, zeros):
    columns = INCOME_COLUMNS_FUNDS if report.income_funds_split else INCOME_COLUMNS

    def amounts(leaf):
        out = {"合计": leaf.total, **leaf.business}
        if report.income_funds_split:
            out[FUND_INCOME_COLUMN[leaf.fund]] = leaf.grant
        else:
            out["财政拨款收入"] = leaf.grant
        return out
    return Table("income", columns, coded_rows(report.leaves, amounts, columns, zeros, catalogue.function_name),
                 report.amount_unit)


def expenditure_table(report, zeros):
    def amounts(leaf):
        return {"合计": leaf.total, "基本支出": leaf.basic, "项目支出": leaf.project + sum(leaf.business.values())}
    return Table("expenditure", EXPENDITURE_COLUMNS,
                 coded_rows(report.leaves, amounts, EXPENDITURE_COLUMNS, zeros, catalogue.function_name),
                 report.amount_unit)


def fund_table(report, kind, fund, zeros):
    leaves = [leaf for leaf in report.leaves if leaf.fund == fund]

    def amounts(leaf):
        return {"合计": leaf.grant, "基本支出": leaf.basic, "项目支出": leaf.project}
    rows = coded_rows(leaves, amounts, EXPENDITURE_COLUMNS, zeros, catalogue.function_name)
    return Table(kind, EXPENDITURE_COLUMNS, rows, report.amount_unit, empty=not rows)


def class_totals(leaves, value):
    out = {}
    for leaf in leaves:
        out[leaf.code[:3]] = out.get(leaf.code[:3], 0) + value(leaf)
    return out


def side_row(side, label, name, key, values):
    return Row(f"{side}/{key}", name, values, label=label, side=side)


def summary_table(report, zeros):
    grant = {f: sum(leaf.grant for leaf in report.leaves if leaf.fund == f) for f in FUNDS}
    business = {b: sum(leaf.business.get(b, 0) for leaf in report.leaves) for b in BUSINESS}
    total = sum(grant.values()) + sum(business.values())
    p = (lambda v: printed({"预算数": v}, ["预算数"], zeros))
    left = [side_row("收入", "一、财政拨款收入", "财政拨款收入", "财政拨款收入", p(sum(grant.values())))]
    for k, f in enumerate(FUNDS):
        name = FUND_INCOME[f]
        left.append(side_row("收入", f"{k + 1}. {name}", name, f"财政拨款收入/{name}", p(grant[f])))
    for k, b in enumerate(BUSINESS):
        left.append(side_row("收入", f"{CLASS_ORDINALS[k + 1]}、{b}", b, b, p(business[b])))
    right = []
    for k, (cls, v) in enumerate(sorted(class_totals(report.leaves, lambda leaf: leaf.total).items())):
        name = catalogue.function_name(cls)
        right.append(side_row("支出", f"{CLASS_ORDINALS[k]}、{name}", name, name, p(v)))
    totals = (side_row("收入", "收入总计", "收入总计", "总计", p(total)),
              side_row("支出", "支出总计", "支出总计", "总计", p(total)))
    return Table("income_expenditure_summary", ["预算数"], pairs(left, right, totals), report.amount_unit)


def pairs(left, right, totals):
    """Rows of a two-sided table in print order: (left, right) per line, totals last."""
    rows = []
    for i in range(max(len(left), len(right))):
        rows.append((left[i] if i < len(left) else None, right[i] if i < len(right) else None))
    rows.append(totals)
    return rows


def fiscal_grant_summary_table(report, zeros):
    grant = {f: sum(leaf.grant for leaf in report.leaves if leaf.fund == f) for f in FUNDS}
    p = (lambda v: printed({"预算数": v}, ["预算数"], zeros))
    left = [side_row("收入", f"{CLASS_ORDINALS[k]}、{FUND_INCOME[f]}", FUND_INCOME[f], FUND_INCOME[f], p(grant[f]))
            for k, f in enumerate(FUNDS)]
    right_columns = ["预算数"] + [FUND_GRANT_COLUMN[f] for f in FUNDS]
    right = []
    classes = sorted({leaf.code[:3] for leaf in report.leaves if leaf.grant})
    for k, cls in enumerate(classes):
        values = {"预算数": sum(leaf.grant for leaf in report.leaves if leaf.code[:3] == cls)}
        for f in FUNDS:
            v = sum(leaf.grant for leaf in report.leaves if leaf.code[:3] == cls and leaf.fund == f)
            values[FUND_GRANT_COLUMN[f]] = v if v else None      # fund columns print empty, as Shanghai does
        values["预算数"] = values["预算数"]
        name = catalogue.function_name(cls)
        right.append(side_row("支出", f"{CLASS_ORDINALS[k]}、{name}", name, name, values))
    total = sum(grant.values())
    right_total = {"预算数": total}
    for f in FUNDS:
        right_total[FUND_GRANT_COLUMN[f]] = grant[f] if grant[f] else None
    totals = (side_row("收入", "收入总计", "收入总计", "总计", p(total)),
              side_row("支出", "支出总计", "支出总计", "总计", right_total))
    table = Table("fiscal_grant_summary", right_columns, pairs(left, right, totals), report.amount_unit)
    return table


def basic_table(report, zeros):
    codes = {**{c: ("人员经费", v) for c, v in report.personnel.items()},
             **{c: ("公用经费", v) for c, v in report.public.items()}}
    sums = {}
    for code, (column, v) in codes.items():
        for n in (3, 5):
            acc = sums.setdefault(code[:n], {"合计": 0, "人员经费": 0, "公用经费": 0})
            acc["合计"] += v
            acc[column] += v
    rows = [Row(c, catalogue.economic_name(c), printed(sums[c], BASIC_COLUMNS, zeros), code=c) for c in sorted(sums)]
    total = {"合计": sum(v for _, v in codes.values()),
             "人员经费": sum(report.personnel.values()), "公用经费": sum(report.public.values())}
    rows.append(Row("合计", "合计", printed(total, BASIC_COLUMNS, zeros)))
    return Table("general_budget_basic_expenditure", BASIC_COLUMNS, rows, report.amount_unit)


def three_public_table(report):
    return Table("three_public", THREE_PUBLIC_COLUMNS, [Row("合计", "合计", dict(report.three_public))],
                 report.three_public_unit)


def build_tables(report, zero_printed):
    z = zero_printed
    return {
        "income_expenditure_summary": summary_table(report, z("income_expenditure_summary")),
        "income": income_table(report, z("income")),
        "expenditure": expenditure_table(report, z("expenditure")),
        "fiscal_grant_summary": fiscal_grant_summary_table(report, z("fiscal_grant_summary")),
        "general_budget_expenditure": fund_table(report, "general_budget_expenditure", "general_budget",
                                                 z("general_budget_expenditure")),
        "gov_fund": fund_table(report, "gov_fund", "gov_fund", z("gov_fund")),
        "state_capital": fund_table(report, "state_capital", "state_capital", z("state_capital")),
        "general_budget_basic_expenditure": basic_table(report, z("general_budget_basic_expenditure")),
        "three_public": three_public_table(report),
    }


def table_rows(table):
    """Every keyed row of a table (both sides of a two-sided table)."""
    for row in table.rows:
        if isinstance(row, tuple):
            yield from (r for r in row if r is not None)
        else:
            yield row


def truth_cells(report, norm):
    out = []
    for kind, table in report.tables.items():
        for row in table_rows(table):
            for column, v in row.values.items():
                if v is None:
                    continue
                out.append({"report": report.stem, "document": "budget", "unit": norm(report.unit),
                            "year": report.year, "amount_unit": table.amount_unit, "table": kind,
                            "row": norm(row.key), "row_name": norm(row.name), "column": column,
                            "value": round(v / 100, 2)})
    return out
