"""The Jiangsu form of a generated budget (江苏 省级部门预算 2017–2019: 公开01表 …
公开11表), derived from the same model as the Shanghai form (budget_model), with
contract row keys and its grids.

What differs from the national set: 收支预算总表 prints the spending twice on its
right (by function: every 类 of the list, blank where the unit has none; and by
use: 基本支出 / 项目支出 / 单位预留机动经费) with 当年收入小计 / 上年结转资金 lines; 收入预算总表
is a list of sources under merged group cells; 支出预算总表 is one unlabelled row;
the function and economic tables print one 金额 column with the 合计 row first;
the “三公” table adds 会议费 and 培训费 and a leftmost 合计; empty tables print
注：本部门无该项目; 政府采购预算表 lists categories, 专项 with their 经济科目, and the items
bought.  Zeros print empty, as Jiangsu does.
"""
import catalogue
from budget_model import Row, Table
from budget_tables import pairs, side_row
from grid import Grid, column_widths
from variant_grid import C
import render_text

KINDS = ["income_expenditure_summary", "income", "expenditure", "fiscal_grant_summary", "fiscal_grant_expenditure",
         "fiscal_grant_basic_expenditure", "general_budget_expenditure", "general_budget_basic_expenditure",
         "three_public", "gov_fund", "operating_costs", "procurement"]
TITLES = {"income_expenditure_summary": "收支预算总表", "income": "收入预算总表", "expenditure": "支出预算总表",
          "fiscal_grant_summary": "财政拨款收支预算总表", "fiscal_grant_expenditure": "财政拨款支出预算表（功能科目）",
          "fiscal_grant_basic_expenditure": "财政拨款基本支出预算表（经济科目）",
          "general_budget_expenditure": "一般公共预算支出预算表（功能科目）",
          "general_budget_basic_expenditure": "一般公共预算基本支出预算表（经济科目）",
          "three_public": "“三公”经费、会议费、培训费支出预算表", "gov_fund": "财政拨款政府性基金支出预算表",
          "operating_costs": "一般公共预算机关运行经费支出预算表", "procurement": "政府采购预算表"}
CATEGORIES = [("货物A", [("办公设备购置费", "办公设备购置", ["台式计算机（20万以下）", "便携式计算机（20万以下）",
                                                      "打印设备（20万以下）", "复印机", "其他办公设备", "家具用具"]),
                       ("专项业务经费", "印刷费", ["印刷品", "纸张"])]),
              ("工程B", [("办公用房维修", "维修(护)费", ["房屋修缮工程", "装修工程"])]),
              ("服务C", [("专项会议", "会议费", ["会议服务", "车辆及其他运输机械租赁服务"]),
                       ("交通运行费", "公务用车运行维护费", ["车辆维修和保养服务", "车辆加油服务"]),
                       ("业务工作经费", "培训费", ["培训服务", "会议服务"]),
                       ("信息化运维", "委托业务费", ["运行维护服务", "信息系统集成实施服务"])])]
FORMS = ["分散自行组织", "分散委托代理", "集中采购机构采购"]
CLASSES = 20                     # 类 printed on the summary's function side (the list up to 其他支出)
USES = [("基本支出", "basic"), ("项目支出", "project"), ("单位预留机动经费", "reserve")]
ORD = "一二三四五六七八九十"


def ordinal(k):
    """一 … 十, 十一 … 二十 (k from 0)."""
    n = k + 1
    if n <= 10:
        return ORD[n - 1]
    return ("" if n < 20 else ORD[n // 10 - 1]) + "十" + (ORD[n % 10 - 1] if n % 10 else "")


def v(cents):
    return {"预算数": cents} if cents else {"预算数": None}


def uses(leaves):
    out = {"basic": 0, "project": 0, "reserve": 0}
    for leaf in leaves:
        out["basic"] += leaf.basic
        out["project"] += leaf.project - leaf.reserve + sum(leaf.business.values())
        out["reserve"] += leaf.reserve
    return out


def class_list(report):
    items = [name for name, _ in catalogue.expenditure_items()]
    listed = items[:CLASSES - 1] + ["其他支出"]
    used = {catalogue.function_name(leaf.code[:3]) for leaf in report.leaves}
    return listed + sorted(used - set(listed))


def summary(report):
    leaves = report.leaves
    grant = {f: sum(x.grant for x in leaves if x.fund == f) for f in ("general_budget", "gov_fund")}
    other = sum(sum(x.business.values()) for x in leaves)
    total = sum(grant.values()) + other
    left = [side_row("收入", "一、财政拨款", "财政拨款", "财政拨款", v(sum(grant.values()))),
            side_row("收入", "1.一般公共预算", "一般公共预算", "财政拨款/一般公共预算", v(grant["general_budget"])),
            side_row("收入", "2.政府性基金预算", "政府性基金预算", "财政拨款/政府性基金预算", v(grant["gov_fund"])),
            side_row("收入", "二、财政专户管理资金", "财政专户管理资金", "财政专户管理资金", v(0)),
            side_row("收入", "三、其他资金", "其他资金", "其他资金", v(other))]
    by_class = {}
    for x in leaves:
        name = catalogue.function_name(x.code[:3])
        by_class[name] = by_class.get(name, 0) + x.total
    func = [side_row("支出", f"{ordinal(k)}、{name}", name, name, v(by_class.get(name, 0)))
            for k, name in enumerate(class_list(report))]
    u = uses(leaves)
    use = [side_row("支出", f"{ordinal(k)}、{label}", label, label, v(u[attr])) for k, (label, attr) in enumerate(USES)]
    rows = []
    for i in range(max(len(left), len(func), len(use))):
        rows.append(tuple(side[i] if i < len(side) else None for side in (left, func, use)))
    rows.append((side_row("收入", "当年收入小计", "当年收入小计", "本年收入合计", v(total)),
                 side_row("支出", "当年支出小计", "当年支出小计", "本年支出合计", v(total)), None))
    rows.append((side_row("收入", "上年结转资金", "上年结转资金", "上年结转资金", v(0)),
                 side_row("支出", "结转下年资金", "结转下年资金", "结转下年资金", v(0)), None))
    rows.append((side_row("收入", "收入合计", "收入合计", "总计", v(total)),
                 side_row("支出", "支出合计", "支出合计", "总计", v(total)), None))
    return Table("income_expenditure_summary", ["预算数"], rows, report.amount_unit)


def income(report):
    leaves = report.leaves
    gb = sum(x.grant for x in leaves if x.fund == "general_budget")
    gf = sum(x.grant for x in leaves if x.fund == "gov_fund")
    biz = {b: sum(x.business.get(b, 0) for x in leaves) for b in ("事业收入", "事业单位经营收入", "其他收入")}
    other = sum(biz.values())
    groups = [("一般公共预算资金", [("小计", gb), ("公共财政拨款(补助)资金", gb), ("专项收入", 0)]),
              ("政府性基金", [("小计", gf)]),
              ("财政专户管理资金", [("小计", 0)]),
              ("其他资金", [("小计", other), ("事业收入", biz["事业收入"]), ("经营收入", biz["事业单位经营收入"]),
                          ("其他收入", biz["其他收入"])]),
              ("上年结转和结余资金", [("小计", 0), ("其中：动用上年结转和结余资金", 0)])]
    rows = [Row("合计", "收入总计", v(gb + gf + other))]
    for group, items in groups:
        for k, (item, cents) in enumerate(items):
            rows.append(Row(f"{group}/{item}", item, v(cents), label=group if k == 0 else ""))
    return Table("income", ["预算数"], rows, report.amount_unit)


def expenditure(report):
    u = uses(report.leaves)
    values = {"合计": sum(u.values()), "基本支出": u["basic"], "项目支出": u["project"],
              "单位预留机动经费": u["reserve"], "结转下年资金": 0}
    return Table("expenditure", list(values), [Row("合计", "合计", {k: c or None for k, c in values.items()})],
                 report.amount_unit)


def fiscal_grant_summary(report):
    leaves = [x for x in report.leaves if x.grant]
    grant = {f: sum(x.grant for x in leaves if x.fund == f) for f in ("general_budget", "gov_fund")}
    left = [side_row("收入", "一、一般公共预算", "一般公共预算", "一般公共预算", v(grant["general_budget"])),
            side_row("收入", "二、政府性基金预算", "政府性基金预算", "政府性基金预算", v(grant["gov_fund"]))]
    u = {"basic": sum(x.basic for x in leaves), "project": sum(x.project - x.reserve for x in leaves),
         "reserve": sum(x.reserve for x in leaves)}
    right = [side_row("支出", f"{ordinal(k)}、{label}", label, label, v(u[attr])) for k, (label, attr) in enumerate(USES)]
    total = sum(grant.values())
    totals = (side_row("收入", "收入合计", "收入合计", "总计", v(total)),
              side_row("支出", "支出合计", "支出合计", "总计", v(total)))
    return Table("fiscal_grant_summary", ["预算数"], pairs(left, right, totals), report.amount_unit)


def coded(kind, sums, name_of, unit):
    """One 金额 column (`合计`), the 合计 row first; empty → no rows."""
    rows = [Row(code, name_of(code), {"合计": c or None}, code=code) for code, c in sorted(sums.items())]
    if not rows:
        return Table(kind, ["合计"], [], unit, empty=True)
    total = sum(c for code, c in sums.items() if len(code) == 3)
    return Table(kind, ["合计"], [Row("合计", "合计", {"合计": total})] + rows, unit)


def function_sums(leaves, value):
    out = {}
    for x in leaves:
        for n in (3, 5, 7):
            out[x.code[:n]] = out.get(x.code[:n], 0) + value(x)
    return {k: c for k, c in out.items()}


def economic_sums(codes):
    out = {}
    for code, c in codes.items():
        for n in (3, 5):
            out[code[:n]] = out.get(code[:n], 0) + c
    return out


def three_public(report):
    tp = report.three_public
    meetings, training = report.meetings
    values = {"预算数/总计": tp["预算数/合计"] + meetings + training}
    values.update({k: c for k, c in tp.items() if k != "预算数/机关运行经费"})
    values.update({"预算数/会议费": meetings, "预算数/培训费": training})
    return Table("three_public", list(values), [Row("合计", "合计", {k: c or None for k, c in values.items()})],
                 report.three_public_unit)


def procurement(report, rng):
    """合计, category rows, 专项 rows (`<category>/<专项>/<经济科目>`) and item rows below them."""
    rows, total = [], 0
    for k, (category, projects) in enumerate(c for c in CATEGORIES if rng.random() < 0.7):
        chosen = [p for p in projects if rng.random() < 0.6] or projects[:1]
        block, cat_total = [], 0
        for name, economic, items in chosen:
            picked = rng.sample(items, rng.randint(1, len(items)))
            values = [int(rng.uniform(0.5, 200) * (1 if report.amount_unit == "万元" else 10000)) * 100
                      for _ in picked]
            key = f"{category}/{name}/{economic}"
            block.append(Row(key, economic, {"合计": sum(values)}, label=name))
            block += [Row(f"{key}/{item}", item, {"合计": v}, label=rng.choice(FORMS))
                      for item, v in zip(picked, values)]
            cat_total += sum(values)
        rows.append(Row(category, category, {"合计": cat_total}, label=f"{ordinal(k)}、{category}"))
        rows += block
        total += cat_total
    if not rows:
        return Table("procurement", ["合计"], [], report.amount_unit, empty=True)
    return Table("procurement", ["合计"], [Row("合计", "合计", {"合计": total})] + rows, report.amount_unit)


def build_tables(report, rng):
    grant = [x for x in report.leaves if x.grant]
    general = [x for x in report.leaves if x.fund == "general_budget"]
    fund = [x for x in report.leaves if x.fund == "gov_fund"]
    economic = economic_sums({**report.personnel, **report.public})
    public = economic_sums({c: v for c, v in report.public.items() if c.startswith("302")})
    fname, ename = catalogue.function_name, catalogue.economic_name
    return {
        "income_expenditure_summary": summary(report), "income": income(report),
        "expenditure": expenditure(report), "fiscal_grant_summary": fiscal_grant_summary(report),
        "fiscal_grant_expenditure": coded("fiscal_grant_expenditure", function_sums(grant, lambda x: x.grant), fname,
                                          report.amount_unit),
        "fiscal_grant_basic_expenditure": coded("fiscal_grant_basic_expenditure", economic, ename, report.amount_unit),
        "general_budget_expenditure": coded("general_budget_expenditure", function_sums(general, lambda x: x.grant),
                                            fname, report.amount_unit),
        "general_budget_basic_expenditure": coded("general_budget_basic_expenditure", economic, ename,
                                                  report.amount_unit),
        "three_public": three_public(report),
        "gov_fund": coded("gov_fund", function_sums(fund, lambda x: x.grant), fname, report.amount_unit),
        "operating_costs": coded("operating_costs", public, ename, report.amount_unit),
        "procurement": procurement(report, rng),
    }


# ---------------------------------------------------------------- grids

def num(row, column, form):
    c = row.values.get(column) if row is not None else None
    return C(form.blank if c is None else render_text.fmt(c, form.thousands), numeric=True, role="num")


def label(row, form, wrap=0):
    return C(row.label if row is not None else "", wrap=wrap, role="label")


def summary_grid(table, form):
    header = [[C("收入", colspan=2), C("支出", colspan=4)],
              [C("项目名称", rowspan=2), C("金额", rowspan=2), C("功能分类", colspan=2), C("支出用途", colspan=2)],
              [C("功能科目名称"), C("金额"), C("项目名称"), C("金额")]]
    body = []
    for left, func, use in table.rows:
        body.append([label(left, form, form.wrap_left), num(left, "预算数", form),
                     label(func, form, form.wrap_right), num(func, "预算数", form),
                     label(use, form), num(use, "预算数", form)])
    return header, body, 6


def fiscal_summary_grid(table, form):
    header = [[C("收入", colspan=2), C("支出", colspan=2)],
              [C("项目名称", rowspan=2), C("金额", rowspan=2), C("支出用途", colspan=2)],
              [C("项目名称"), C("金额")]]
    body = [[label(left, form), num(left, "预算数", form), label(right, form), num(right, "预算数", form)]
            for left, right in table.rows]
    return header, body, 4


def income_grid(table, form):
    header = [[C("项目名称", colspan=2), C("金额")]]
    rows = table.rows
    body = [[C(rows[0].name, colspan=2, role="label"), num(rows[0], "预算数", form)]]
    i = 1
    while i < len(rows):
        group = rows[i].label
        j = i + 1
        while j < len(rows) and not rows[j].label:
            j += 1
        for k in range(i, j):
            cells = [C(group, rowspan=j - i, role="label")] if k == i else []
            body.append(cells + [C(rows[k].name, role="label"), num(rows[k], "预算数", form)])
        i = j
    return header, body, 3


def one_row_grid(table, form, header):
    return header, [[num(table.rows[0], c, form) for c in table.columns]], len(table.columns)


def three_public_header():
    return [[C("合计", rowspan=3), C("“三公”经费", colspan=6), C("会议费", rowspan=3), C("培训费", rowspan=3)],
            [C("小计", rowspan=2), C("因公出国（境）费", rowspan=2), C("公务用车购置及运行维护费", colspan=3),
             C("公务接待费", rowspan=2)],
            [C("小计"), C("公务用车购置费"), C("公务用车运行维护费")]]


def coded_grid(table, form, economic):
    head = "科目编码" if economic else "功能科目编码"
    name = "科目名称" if economic else "功能科目名称"
    amount = "机关运行经费支出" if table.kind == "operating_costs" else "金额"
    header = [[C(head), C(name), C(amount)]]
    body = []
    for row in table.rows:
        if row.key == "合计":
            body.append([C("合计", colspan=2, role="label"), num(row, "合计", form)])
        else:
            body.append([C(row.code, role="code"), C(row.name, wrap=form.wrap_coded, role="label"),
                         num(row, "合计", form)])
    if table.empty:
        body = [[C("合计", colspan=2, role="label"), C("", numeric=True, role="num")]]
    return header, body, 3


def procurement_grid(table, form):
    """采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计; a row prints its level's cells."""
    header = [[C(t) for t in ("采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计")]]
    body = []
    for row in table.rows:
        depth = row.key.count("/")
        cells = [C("") for _ in range(5)]
        if row.key == "合计":
            cells[0] = C("合计", role="label")
        elif depth == 0:
            cells[0] = C(row.label, role="label")
        elif depth == 2:
            cells[1], cells[2] = (C(row.label, wrap=form.wrap_coded, role="label"),
                                  C(row.name, wrap=form.wrap_economic, role="label"))
        else:
            cells[3], cells[4] = C(row.name, wrap=form.wrap_coded, role="label"), C(row.label, role="label")
        body.append(cells + [num(row, "合计", form)])
    if table.empty:
        body = [[C("合计", role="label")] + [C("") for _ in range(4)] + [C("", numeric=True, role="num")]]
    return header, body, 6


def table_grid(report, kind, number, form):
    table = report.tables[kind]
    form = form.for_table(kind)
    if kind == "income_expenditure_summary":
        header, body, ncols = summary_grid(table, form)
    elif kind == "fiscal_grant_summary":
        header, body, ncols = fiscal_summary_grid(table, form)
    elif kind == "income":
        header, body, ncols = income_grid(table, form)
    elif kind == "expenditure":
        header, body, ncols = one_row_grid(table, form, [[C(c) for c in table.columns]])
    elif kind == "three_public":
        header, body, ncols = one_row_grid(table, form, three_public_header())
    elif kind == "procurement":
        header, body, ncols = procurement_grid(table, form)
    else:
        economic = kind in ("fiscal_grant_basic_expenditure", "general_budget_basic_expenditure", "operating_costs")
        header, body, ncols = coded_grid(table, form, economic)
    title = TITLES[kind]
    if form.unit_in_title:
        title = f"{report.year}年{title}"
    code = f"公开{number:02d}表"
    notes = ["注：本部门无该项目"] if table.empty else []
    unit_line = f"部门：{report.unit}"
    g = Grid(kind, title, unit_line, ncols, header, body, notes, "", table.amount_unit)
    lead = [("left", code)] if form.code_place != "suffix" else []
    lead += [("center", title if form.code_place != "suffix" else f"{title}（{code}）"),
             ("split", (unit_line, f"{form.unit_label}{table.amount_unit}"))]
    g.lead = lead
    g.widths = column_widths(g)
    return g


def all_grids(report, form):
    return [table_grid(report, kind, i + 1, form) for i, kind in enumerate(KINDS)]
