"""The report model: a 决算 report as nine tables of rows with values.

Amounts are integers in hundredths of the report's amount unit (cents of 万元,
元 or 千元), so every identity holds exactly as printed.

A report is built from a `Budget` (leaf facts: per 项 code how much each fund
spent on basic and project expenditure, what it received, economic breakdown,
carry-overs) by `build_report`, which derives all nine tables so that:
  类 = Σ款 = Σ项, 合计 = Σ类, a row's total column = sum of its other columns,
  tables 1 and 4 agree with tables 2, 3, 5, 7, 8, table 6 人员经费合计 +
  公用经费合计 = table 5 基本支出, three_public 合计 = 出国 + 小计 + 接待 and
  小计 = 购置 + 运行.
A cell absent from `Row.values` is printed blank and is no truth cell; a 0 in
`Row.values` is printed `0.00` and is a truth cell with value 0.
"""
from dataclasses import dataclass, field

import catalogue

INCOME_COLUMNS = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                  "附属单位上缴收入", "其他收入"]
NONFISCAL_INCOME = INCOME_COLUMNS[2:]
EXPENDITURE_COLUMNS = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                       "对附属单位补助支出"]
GB_COLUMNS = ["合计", "基本支出", "项目支出"]
GOV_FUND_COLUMNS = ["年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出",
                    "本年支出/项目支出", "年末结转和结余"]
STATE_CAPITAL_COLUMNS = ["合计", "基本支出", "项目支出"]
FISCAL_EXP_COLUMNS = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                      "国有资本经营预算财政拨款"]
THREE_PUBLIC_LEAVES = ["合计", "因公出国(境)费", "公务用车购置及运行费/小计",
                       "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费",
                       "公务接待费"]
THREE_PUBLIC_COLUMNS = ["预算数/" + c for c in THREE_PUBLIC_LEAVES] + ["决算数/" + c for c in THREE_PUBLIC_LEAVES]
FUNDS = ["gb", "gf", "sc"]
FUND_COLUMN = dict(zip(FUNDS, FISCAL_EXP_COLUMNS[1:]))

TABLE_KINDS = ["income_expenditure_summary", "income", "expenditure", "fiscal_grant_summary",
               "general_budget_expenditure", "general_budget_basic_expenditure", "gov_fund",
               "state_capital", "three_public"]
TABLE_COLUMNS = {
    "income_expenditure_summary": ["决算数"],
    "income": INCOME_COLUMNS,
    "expenditure": EXPENDITURE_COLUMNS,
    "fiscal_grant_summary": ["决算数"] + FISCAL_EXP_COLUMNS,
    "general_budget_expenditure": GB_COLUMNS,
    "general_budget_basic_expenditure": ["决算数"],
    "gov_fund": GOV_FUND_COLUMNS,
    "state_capital": STATE_CAPITAL_COLUMNS,
    "three_public": THREE_PUBLIC_COLUMNS,
}


@dataclass
class Row:
    """One printed row. `key` is the truth row key (None: an unlabeled row)."""
    key: object
    name: str
    code: str = ""
    values: dict = field(default_factory=dict)
    prefix: str = ""        # ordinal printed before the name (一、)
    line_no: int = 0        # 行次 in the two-sided tables
    side: str = ""          # 收入 / 支出 in two-sided tables; personnel / public in table 6

    @property
    def label(self):
        return self.prefix + self.name

    def total(self, col):
        return self.values.get(col, 0)


@dataclass
class Table:
    kind: str
    number: int
    rows: list
    columns: list

    @property
    def empty(self):
        return not any(r.values for r in self.rows)

    def side(self, name):
        return [r for r in self.rows if r.side == name]


@dataclass
class Leaf:
    """A 项 code's money, in cents of the amount unit."""
    code: str
    fund: str = "gb"            # gb 一般公共预算 / gf 政府性基金 / sc 国有资本经营
    basic: int = 0              # fiscal expenditure of `fund`, 基本支出
    project: int = 0            # fiscal expenditure of `fund`, 项目支出
    income: object = None       # fiscal income of `fund` (None: = basic + project)
    carry_in: int = 0           # gov fund 年初结转和结余 for this code
    nf_basic: int = 0           # non-fiscal (事业收入 etc.) funded 基本支出
    nf_project: int = 0
    upper: int = 0              # 上缴上级支出
    business: int = 0           # 经营支出
    subsidiary: int = 0         # 对附属单位补助支出
    nf_income: dict = field(default_factory=dict)  # 上级补助收入/事业收入/... -> cents

    def fiscal_income(self):
        return self.basic + self.project if self.income is None else self.income

    def expenditure(self):
        return {"基本支出": self.basic + self.nf_basic,
                "项目支出": self.project + self.nf_project,
                "上缴上级支出": self.upper, "经营支出": self.business, "对附属单位补助支出": self.subsidiary}


@dataclass
class Budget:
    """Everything a report's tables are derived from."""
    unit: str
    year: int = 2022
    amount_unit: str = "万元"
    leaves: list = field(default_factory=list)
    names: dict = field(default_factory=dict)       # function code -> name overrides
    econ: dict = field(default_factory=dict)        # 5-digit economic code -> cents (gb basic)
    econ_names: dict = field(default_factory=dict)
    carry_in: dict = field(default_factory=dict)    # fund -> 年初财政拨款结转和结余 (gb, sc)
    nf_carry_in: int = 0                            # non-fiscal part of 年初结转和结余
    use_nf_surplus: int = 0                         # 使用非财政拨款结余
    surplus_dist: int = 0                           # 结余分配
    three_public: object = None                     # {"预算数": {...}, "决算数": {...}} or None
    print_zeros: frozenset = frozenset()            # table kinds printing 0.00 in empty cells
    econ_all_codes: bool = True                     # table 6 lists every catalogue code
    labels: dict = field(default_factory=dict)      # printed label overrides, e.g. fiscal item 3
    prior_total: int = 0                            # last year's 收支总计 (narrative)


@dataclass
class Report:
    stem: str
    unit: str
    year: int
    amount_unit: str
    tables: dict
    budget: Budget

    def table(self, kind):
        return self.tables[kind]


# ---------------------------------------------------------------- building

def code_name(budget, code):
    return budget.names.get(code) or catalogue.function_name(code) or code


def _coded_rows(budget, leaf_values, columns):
    """合计 row + 类/款/项 rows from {leaf code: {col: cents}}; zero rows dropped."""
    sums = {}
    for code, vals in leaf_values.items():
        if not any(vals.values()):
            continue
        for prefix in (code[:3], code[:5], code):
            acc = sums.setdefault(prefix, {})
            for c, v in vals.items():
                acc[c] = acc.get(c, 0) + v
    total = {}
    for code, acc in sums.items():
        if len(code) == 3:
            for c, v in acc.items():
                total[c] = total.get(c, 0) + v
    rows = [Row("合计", "合计", values=_nonzero(total, columns))]
    for code in sorted(sums):
        rows.append(Row(code, code_name(budget, code), code=code, values=_nonzero(sums[code], columns)))
    return rows


def _nonzero(vals, columns):
    return {c: vals[c] for c in columns if vals.get(c)}


def _with_totals(vals, total_col, parts):
    vals = dict(vals)
    vals[total_col] = sum(vals.get(p, 0) for p in parts)
    return vals


def build_income(budget):
    leaf_values = {}
    for leaf in budget.leaves:
        v = leaf_values.setdefault(leaf.code, {})
        v["财政拨款收入"] = v.get("财政拨款收入", 0) + leaf.fiscal_income()
        for c, x in leaf.nf_income.items():
            v[c] = v.get(c, 0) + x
    leaf_values = {k: _with_totals(v, "本年收入合计", INCOME_COLUMNS[1:]) for k, v in leaf_values.items()}
    return Table("income", 2, _coded_rows(budget, leaf_values, INCOME_COLUMNS), INCOME_COLUMNS)


def build_expenditure(budget):
    leaf_values = {}
    for leaf in budget.leaves:
        v = leaf_values.setdefault(leaf.code, {})
        for c, x in leaf.expenditure().items():
            v[c] = v.get(c, 0) + x
    leaf_values = {k: _with_totals(v, "本年支出合计", EXPENDITURE_COLUMNS[1:]) for k, v in leaf_values.items()}
    return Table("expenditure", 3, _coded_rows(budget, leaf_values, EXPENDITURE_COLUMNS), EXPENDITURE_COLUMNS)


def build_general_budget(budget):
    leaf_values = {l.code: {"合计": l.basic + l.project, "基本支出": l.basic, "项目支出": l.project}
                   for l in budget.leaves if l.fund == "gb"}
    return Table("general_budget_expenditure", 5, _coded_rows(budget, leaf_values, GB_COLUMNS), GB_COLUMNS)


def build_gov_fund(budget):
    leaf_values = {}
    for l in budget.leaves:
        if l.fund != "gf":
            continue
        spent = l.basic + l.project
        leaf_values[l.code] = {"年初结转和结余": l.carry_in, "本年收入": l.fiscal_income(),
                               "本年支出/合计": spent, "本年支出/基本支出": l.basic,
                               "本年支出/项目支出": l.project,
                               "年末结转和结余": l.carry_in + l.fiscal_income() - spent}
    return _maybe_empty(Table("gov_fund", 7, _coded_rows(budget, leaf_values, GOV_FUND_COLUMNS), GOV_FUND_COLUMNS))


def build_state_capital(budget):
    leaf_values = {l.code: {"合计": l.basic + l.project, "基本支出": l.basic, "项目支出": l.project}
                   for l in budget.leaves if l.fund == "sc"}
    return _maybe_empty(Table("state_capital", 8, _coded_rows(budget, leaf_values, STATE_CAPITAL_COLUMNS),
                              STATE_CAPITAL_COLUMNS))


def _maybe_empty(table):
    if len(table.rows) == 1 and not table.rows[0].values:
        table.rows = [Row("合计", "合计")]
    return table


def build_basic(budget):
    """Table 6: economic codes (all catalogue codes or only used ones) + two totals."""
    rows, totals = [], {"personnel": 0, "public": 0}
    for side, codes in catalogue.economic_codes().items():
        classes = {}
        for code, cents in budget.econ.items():
            if code[:3] in codes and cents:
                classes[code[:3]] = classes.get(code[:3], 0) + cents
        for code, name in codes.items():
            name = budget.econ_names.get(code, name)
            value = classes.get(code) if len(code) == 3 else budget.econ.get(code)
            if value or budget.econ_all_codes:
                rows.append(Row(code, name, code=code, values={"决算数": value} if value else {}, side=side))
        totals[side] = sum(classes.values())
    rows.append(Row("人员经费合计", "人员经费合计", values=_nonzero({"决算数": totals["personnel"]}, ["决算数"]),
                    side="personnel_total"))
    rows.append(Row("公用经费合计", "公用经费合计", values=_nonzero({"决算数": totals["public"]}, ["决算数"]),
                    side="public_total"))
    return Table("general_budget_basic_expenditure", 6, rows, ["决算数"])


def _class_sums(rows, column):
    return {r.code: r.values.get(column, 0) for r in rows if len(r.code) == 3}


ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
            "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四",
            "二十五", "二十六"]


def _side_row(side, name, line_no, values, columns, ordinal=None, parent=None):
    key = None
    if name:
        key = f"{side}/{parent}/{name}" if parent else f"{side}/{name}"
    prefix = f"{ORDINALS[ordinal]}、" if ordinal is not None else ""
    return Row(key, name, values=_nonzero(values, columns), prefix=prefix, line_no=line_no, side=side)


def build_summary(budget, income, expenditure):
    """Table 1 收入支出决算总表, 行次 1-31 income, 32-62 expenditure."""
    inc_total = income.rows[0].values
    gb = sum(l.fiscal_income() for l in budget.leaves if l.fund == "gb")
    gf = sum(l.fiscal_income() for l in budget.leaves if l.fund == "gf")
    sc = sum(l.fiscal_income() for l in budget.leaves if l.fund == "sc")
    fund_income = {"gb": gb, "gf": gf, "sc": sc}
    col = ["决算数"]
    left = []
    for i, (name, source) in enumerate(catalogue.summary_items()["income_items"]):
        v = fund_income[source] if source in fund_income else inc_total.get(source, 0)
        left.append(_side_row("收入", name, i + 1, {"决算数": v}, col, ordinal=i))
    for n in range(9, 27):
        left.append(_side_row("收入", "", n, {}, col))
    inc_sum = inc_total.get("本年收入合计", 0)
    carry = sum(budget.carry_in.values()) + sum(l.carry_in for l in budget.leaves) + budget.nf_carry_in
    grand = inc_sum + budget.use_nf_surplus + carry
    left += [_side_row("收入", "本年收入合计", 27, {"决算数": inc_sum}, col),
             _side_row("收入", "使用非财政拨款结余", 28, {"决算数": budget.use_nf_surplus}, col),
             _side_row("收入", "年初结转和结余", 29, {"决算数": carry}, col),
             _side_row("收入", "", 30, {}, col),
             _side_row("收入", "总计", 31, {"决算数": grand}, col)]
    by_class = _class_sums(expenditure.rows, "本年支出合计")
    right = [_side_row("支出", name, 32 + i, {"决算数": by_class.get(code, 0)}, col, ordinal=i)
             for i, (name, code) in enumerate(catalogue.expenditure_items())]
    exp_sum = expenditure.rows[0].values.get("本年支出合计", 0)
    year_end = grand - exp_sum - budget.surplus_dist
    assert year_end >= 0, "year-end balance negative"
    right += [_side_row("支出", "本年支出合计", 58, {"决算数": exp_sum}, col),
              _side_row("支出", "结余分配", 59, {"决算数": budget.surplus_dist}, col),
              _side_row("支出", "年末结转和结余", 60, {"决算数": year_end}, col),
              _side_row("支出", "", 61, {}, col),
              _side_row("支出", "总计", 62, {"决算数": exp_sum + budget.surplus_dist + year_end}, col)]
    return Table("income_expenditure_summary", 1, left + right, col)


def build_fiscal_summary(budget, gb_table, gf_table, sc_table):
    """Table 4 财政拨款收入支出决算总表, 行次 1-32 income, 33-64 expenditure."""
    fiscal = catalogue.summary_items()["fiscal_items"]
    labels = [budget.labels.get(f"fiscal_item_{i}", name) for i, name in enumerate(fiscal)]
    income = {f: sum(l.fiscal_income() for l in budget.leaves if l.fund == f) for f in FUNDS}
    spent = {f: sum(l.basic + l.project for l in budget.leaves if l.fund == f) for f in FUNDS}
    carry = {f: budget.carry_in.get(f, 0) + sum(l.carry_in for l in budget.leaves if l.fund == f) for f in FUNDS}
    end = {f: carry[f] + income[f] - spent[f] for f in FUNDS}
    assert min(end.values()) >= 0, "fiscal year-end balance negative"
    inc_col = ["决算数"]
    left = [_side_row("收入", labels[i], i + 1, {"决算数": income[f]}, inc_col, ordinal=i) for i, f in enumerate(FUNDS)]
    left += [_side_row("收入", "", n, {}, inc_col) for n in range(4, 27)]
    left.append(_side_row("收入", "本年收入合计", 27, {"决算数": sum(income.values())}, inc_col))
    left.append(_side_row("收入", "年初财政拨款结转和结余", 28, {"决算数": sum(carry.values())}, inc_col))
    left += [_side_row("收入", fiscal[i], 29 + i, {"决算数": carry[f]}, inc_col, parent="年初财政拨款结转和结余")
             for i, f in enumerate(FUNDS)]
    left.append(_side_row("收入", "总计", 32, {"决算数": sum(income.values()) + sum(carry.values())}, inc_col))

    per_class = {f: _class_sums(t.rows, "合计" if f != "gf" else "本年支出/合计")
                 for f, t in (("gb", gb_table), ("gf", gf_table), ("sc", sc_table))}

    def fund_values(by_fund):
        v = {FUND_COLUMN[f]: by_fund[f] for f in FUNDS}
        v["合计"] = sum(by_fund.values())
        return v

    cols = FISCAL_EXP_COLUMNS
    right = [_side_row("支出", name, 33 + i, fund_values({f: per_class[f].get(code, 0) for f in FUNDS}), cols, ordinal=i)
             for i, (name, code) in enumerate(catalogue.expenditure_items())]
    right.append(_side_row("支出", "本年支出合计", 59, fund_values(spent), cols))
    right.append(_side_row("支出", "年末财政拨款结转和结余", 60, fund_values(end), cols))
    for i, f in enumerate(FUNDS):
        right.append(_side_row("支出", fiscal[i], 61 + i, {"合计": end[f], FUND_COLUMN[f]: end[f]}, cols,
                               parent="年末财政拨款结转和结余"))
    right.append(_side_row("支出", "总计", 64, fund_values({f: spent[f] + end[f] for f in FUNDS}), cols))
    return Table("fiscal_grant_summary", 4, left + right, ["决算数"] + cols)


def build_three_public(budget):
    row = Row("合计", "合计")
    if budget.three_public:
        for stage, v in budget.three_public.items():
            car = v["购置"] + v["运行"]
            vals = {"合计": v["出国"] + car + v["接待"], "因公出国(境)费": v["出国"],
                    "公务用车购置及运行费/小计": car, "公务用车购置及运行费/公务用车购置费": v["购置"],
                    "公务用车购置及运行费/公务用车运行费": v["运行"], "公务接待费": v["接待"]}
            for c, x in vals.items():
                row.values[f"{stage}/{c}"] = x      # printed, zeros included
    return Table("three_public", 9, [row], THREE_PUBLIC_COLUMNS)


def fill_zeros(table):
    """Print 0.00 in every empty value cell of labeled rows (a report style)."""
    for r in table.rows:
        if r.key is None:
            continue
        if table.kind == "fiscal_grant_summary":
            cols = ["决算数"] if r.side == "收入" else FISCAL_EXP_COLUMNS
        else:
            cols = table.columns
        for c in cols:
            r.values.setdefault(c, 0)
        r.values = {c: r.values[c] for c in cols}


def build_report(budget, stem):
    income = build_income(budget)
    expenditure = build_expenditure(budget)
    gb = build_general_budget(budget)
    gf = build_gov_fund(budget)
    sc = build_state_capital(budget)
    tables = {
        "income_expenditure_summary": build_summary(budget, income, expenditure),
        "income": income,
        "expenditure": expenditure,
        "fiscal_grant_summary": build_fiscal_summary(budget, gb, gf, sc),
        "general_budget_expenditure": gb,
        "general_budget_basic_expenditure": build_basic(budget),
        "gov_fund": gf,
        "state_capital": sc,
        "three_public": build_three_public(budget),
    }
    basic_total = gb.rows[0].values.get("基本支出", 0)
    t6 = {r.key: r.values.get("决算数", 0) for r in tables["general_budget_basic_expenditure"].rows}
    assert t6["人员经费合计"] + t6["公用经费合计"] == basic_total, (t6["人员经费合计"], t6["公用经费合计"], basic_total)
    for kind in budget.print_zeros:
        if not tables[kind].empty:
            fill_zeros(tables[kind])
    return Report(stem, budget.unit, budget.year, budget.amount_unit, tables, budget)
