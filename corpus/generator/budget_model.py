"""Random, internally consistent 部门预算 / 单位预算 reports (the national set in
its Shanghai form: 财务收支预算总表 … “三公”经费和机关运行经费预算表), seeded.

`random_budget_report(rng, stem)` draws a unit, its 功能分类 leaves with basic and
project money per fund (一般公共预算, sometimes 政府性基金 and 国有资本经营), the
non-fiscal income of a 单位, an economic breakdown of basic spending and the
“三公”/机关运行经费 figures; every table is derived from those leaves, so every
identity the budget templates state holds exactly (cents, integers).  Rows
carry their contract row key (spec/cells.md, budget section) and the values of
the columns they print; `None` is a cell printed empty.
"""
from dataclasses import dataclass, field

import catalogue
import generate

JIANGSU_AGENCIES = [("江苏省教育厅", "205"), ("江苏省民政厅", "208"), ("江苏省司法厅", "204"), ("江苏省审计厅", "201"),
                    ("江苏省统计局", "201"), ("江苏省文化和旅游厅", "207"), ("江苏省科学技术厅", "206"),
                    ("江苏省交通运输厅", "214"), ("江苏省卫生健康委员会", "210"), ("江苏省水利厅", "213")]
PLACES = ["上海市普陀区", "上海市静安区", "上海市徐汇区", "上海市闵行区", "上海市嘉定区", "上海市奉贤区",
          "上海市松江区", "上海市虹口区", "上海市杨浦区", "上海市宝山区"]
SUBUNITS = ["", "", "", "事务中心", "服务中心", "管理所", "档案馆", "指导中心"]
CLASS_ORDINALS = "一二三四五六七八九十"

INCOME_COLUMNS = ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]
INCOME_COLUMNS_FUNDS = ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
                        "事业收入", "事业单位经营收入", "其他收入"]
EXPENDITURE_COLUMNS = ["合计", "基本支出", "项目支出"]
BASIC_COLUMNS = ["合计", "人员经费", "公用经费"]
THREE_PUBLIC_COLUMNS = ["预算数/合计", "预算数/因公出国(境)费", "预算数/公务用车购置及运行费/小计",
                        "预算数/公务用车购置及运行费/公务用车购置费", "预算数/公务用车购置及运行费/公务用车运行费",
                        "预算数/公务接待费", "预算数/机关运行经费"]
FUNDS = ["general_budget", "gov_fund", "state_capital"]
TABLE_KINDS = ["income_expenditure_summary", "income", "expenditure", "fiscal_grant_summary",
               "general_budget_expenditure", "gov_fund", "state_capital", "general_budget_basic_expenditure",
               "three_public"]


@dataclass
class Row:
    key: str                     # contract row key
    name: str                    # printed label (without ordinal)
    values: dict                 # column -> cents, None = printed empty
    code: str = ""               # 科目 code (coded tables)
    label: str = ""              # printed label with its ordinal (two-sided tables)
    side: str = ""               # 收入 / 支出 (two-sided tables)


@dataclass
class Table:
    kind: str
    columns: list                # contract columns printed, in order
    rows: list
    amount_unit: str
    empty: bool = False
    number: int = 0              # 表N, set when the report's table order is known


@dataclass
class Leaf:
    code: str
    fund: str
    basic: int = 0
    project: int = 0
    reserve: int = 0             # part of `project` kept as 单位预留机动经费 (Jiangsu)
    business: dict = field(default_factory=dict)   # 事业收入 / 事业单位经营收入 / 其他收入 -> cents

    @property
    def total(self):
        return self.basic + self.project + sum(self.business.values())

    @property
    def grant(self):
        return self.basic + self.project


@dataclass
class BudgetReport:
    stem: str
    unit: str
    year: int
    level: str                   # 部门 / 单位
    amount_unit: str             # of every table but three_public
    three_public_unit: str
    leaves: list
    personnel: dict              # economic code -> cents
    public: dict
    three_public: dict           # column -> cents (in three_public_unit)
    income_funds_split: bool     # income table prints the three funds instead of 财政拨款收入
    region: str = "shanghai"     # shanghai (the national set) | jiangsu
    meetings: tuple = (0, 0)     # 会议费, 培训费 (Jiangsu's “三公” table), cents of three_public_unit
    tables: dict = field(default_factory=dict)

    @property
    def document(self):
        return "budget"


def money(rng, lo, hi, unit):
    """Cents of an amount drawn in 元 between lo and hi, printed in `unit`."""
    yuan = rng.uniform(lo, hi)
    if unit == "万元":
        return int(round(yuan / 100))          # cents of 万元
    return int(round(yuan * 100)) if rng.random() < 0.6 else int(round(yuan)) * 100


def split(rng, total, parts):
    """`total` cents over `parts` positive shares (the last takes the rest)."""
    if parts <= 1:
        return [total]
    weights = [rng.random() + 0.2 for _ in range(parts)]
    out = [int(total * w / sum(weights)) for w in weights[:-1]]
    return out + [total - sum(out)]


def draw_leaves(rng, main, unit, level):
    leaves = []
    for code in generate.pick_small(rng, main):
        leaf = Leaf(code, "general_budget")
        amount = money(rng, 2e4, 4e7, unit)
        if generate.basic_only(code):
            leaf.basic = amount
        elif rng.random() < 0.15:
            leaf.basic, leaf.project = split(rng, amount, 2)
        else:
            leaf.project = amount
        leaves.append(leaf)
    for fund, p in (("gov_fund", 0.25), ("state_capital", 0.08)):
        if rng.random() < p:
            section = catalogue.function_codes()[fund]
            items = [c for c in section if len(c) == 7]
            for code in sorted(rng.sample(items, min(len(items), rng.randint(1, 2)))):
                leaves.append(Leaf(code, fund, project=money(rng, 1e5, 8e6, unit)))
    if level == "单位" and rng.random() < 0.6:
        for leaf in rng.sample(leaves, min(len(leaves), rng.randint(1, 3))):
            for source in rng.sample(["事业收入", "事业单位经营收入", "其他收入"], rng.randint(1, 2)):
                leaf.business[source] = money(rng, 1e4, 2e6, unit)
    return leaves


def draw_economic(rng, basic_total):
    """Basic spending over economic codes: (personnel, public), sums exact."""
    personnel_share = rng.uniform(0.75, 0.93)
    personnel_total = int(basic_total * personnel_share)
    public_total = basic_total - personnel_total
    pcodes = sorted(set(generate.CORE_PERSONNEL + rng.sample(sorted(generate.PERSONNEL), 4)))
    ucodes = sorted(set(generate.CORE_PUBLIC + rng.sample(sorted(generate.PUBLIC), 6)))
    personnel = dict(zip(pcodes, split(rng, personnel_total, len(pcodes))))
    public = dict(zip(ucodes, split(rng, public_total, len(ucodes))))
    return personnel, public


def draw_three_public(rng, unit):
    cents = (lambda lo, hi: int(round(rng.uniform(lo, hi) * (1 if unit == "万元" else 10000) * 100)))
    abroad = cents(0, 8) if rng.random() < 0.3 else 0
    purchase = cents(10, 30) if rng.random() < 0.15 else 0
    running = cents(1, 20) if rng.random() < 0.8 else 0
    reception = cents(0.1, 3) if rng.random() < 0.7 else 0
    vehicle = purchase + running
    return {"预算数/合计": abroad + vehicle + reception, "预算数/因公出国(境)费": abroad,
            "预算数/公务用车购置及运行费/小计": vehicle, "预算数/公务用车购置及运行费/公务用车购置费": purchase,
            "预算数/公务用车购置及运行费/公务用车运行费": running, "预算数/公务接待费": reception,
            "预算数/机关运行经费": cents(20, 400)}


def draw_reserve(rng, leaves):
    """Jiangsu: part of one project's money kept as 单位预留机动经费."""
    projects = [leaf for leaf in leaves if leaf.fund == "general_budget" and leaf.project > 100]
    if projects and rng.random() < 0.6:
        leaf = rng.choice(projects)
        leaf.reserve = int(leaf.project * rng.uniform(0.1, 0.6))


def random_budget_report(rng, stem, region="shanghai"):
    """A budget model; `region` decides names, units and years (the tables are derived apart)."""
    if region == "jiangsu":
        unit, main = rng.choice(JIANGSU_AGENCIES)
        level, amount_unit, year = "部门", ("万元" if rng.random() < 0.85 else "元"), rng.choice([2017, 2018, 2019])
    else:
        agency, main = rng.choice(generate.AGENCIES)
        level = rng.choice(["部门", "单位"])
        unit = rng.choice(PLACES) + agency + (rng.choice(SUBUNITS) if level == "单位" else "")
        amount_unit, year = ("元" if rng.random() < 0.75 else "万元"), rng.choice([2024, 2025, 2026])
    leaves = draw_leaves(rng, main, amount_unit, level if region == "shanghai" else rng.choice(["部门", "单位"]))
    if region == "jiangsu":
        leaves = [leaf for leaf in leaves if leaf.fund != "state_capital"]
        draw_reserve(rng, leaves)
    basic_total = sum(leaf.basic for leaf in leaves if leaf.fund == "general_budget")
    personnel, public = draw_economic(rng, basic_total)
    tp_unit = amount_unit if region == "jiangsu" or rng.random() < 0.2 else "万元"
    report = BudgetReport(stem, unit, year, level, amount_unit, tp_unit, leaves, personnel, public,
                          draw_three_public(rng, tp_unit), rng.random() < 0.3, region)
    if region == "jiangsu":
        scale = 1 if tp_unit == "万元" else 10000
        report.meetings = (int(rng.uniform(0, 300) * scale) * 100 if rng.random() < 0.8 else 0,
                           int(rng.uniform(0, 200) * scale) * 100 if rng.random() < 0.8 else 0)
    return report
