"""Narrative parts of a 决算 report (第一部分 概况, 第三部分 情况说明, 名词解释),
written from the model's numbers so that the figures agree with the tables.

`paragraphs` gives (part1, rest) as lists of (kind, text) with kind "h"
(heading, one line) or "p" (paragraph, wrapped); `blocks` wraps them into
pdftotext blocks (one line each, as the seed prints body text).
"""
import random

import model

DUTIES = [
    "贯彻执行国家和省、市有关方针政策和法律法规，拟订本领域发展规划并组织实施；",
    "负责本单位职责范围内的公共服务和行政管理工作；",
    "承担本领域信息化建设、管理、应用与研究工作；",
    "负责本系统干部职工的教育培训和队伍建设；",
    "负责有关统计数据的收集、分析和发布；",
    "负责辖区内公共设施的管理与维护；",
    "指导、协调和监督本系统安全生产工作；",
    "承担上级交办的其他事项。",
]

FIGURES = ["收、支决算总计变动情况", "收入决算结构", "支出决算结构", "财政拨款收、支决算总计变动情况"]


def money(cents, unit):
    text = f"{cents / 100:.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


def pct(part, whole):
    return f"{(100.0 * part / whole if whole else 0):.1f}%"


def paragraphs(report):
    rng = random.Random(report.stem)
    u, y = report.amount_unit, report.year
    t1 = report.tables["income_expenditure_summary"]
    v1 = {r.key: r.values.get("决算数", 0) for r in t1.rows if r.key}
    grand = v1.get("收入/总计", 0)
    prior = report.budget.prior_total or int(grand * rng.uniform(0.8, 1.1))
    diff = grand - prior
    change = "增加" if diff >= 0 else "减少"
    inc = report.tables["income"].rows[0].values
    exp = report.tables["expenditure"].rows[0].values
    gb = report.tables["general_budget_expenditure"]
    gbt = gb.rows[0].values
    t6 = {r.key: r.values.get("决算数", 0) for r in report.tables["general_budget_basic_expenditure"].rows}
    inc_total = inc.get("本年收入合计", 0)
    exp_total = exp.get("本年支出合计", 0)

    part1 = [("h", f"第一部分 {report.unit}概况"), ("h", "一、部门主要职能")]
    duties = rng.sample(DUTIES[:-1], 3) + [DUTIES[-1]] if rng.random() < 0.5 else rng.sample(DUTIES[:-1], 4)
    for i, duty in enumerate(duties):
        part1.append(("p", f"{i + 1}、{duty}"))
    part1 += [("h", "二、部门决算单位构成"),
              ("p", f"从单位构成看，{report.unit}部门决算由纳入独立核算的单位本级决算和 "
                    f"{rng.randint(0, 6)} 个下属单位决算组成。")]

    rest = [("h", f"第三部分 {report.unit} {y} 年度部门决算情况说明"), ("h", "一、收入支出决算总体情况说明"),
            ("p", f"{y} 年度收、支总计 {money(grand, u)}。与 {y - 1} 年度相比，收、支总计各{change} "
                  f"{money(abs(diff), u)}，主要原因是人员经费和项目经费的变化。"),
            ("h", f"图 1：{FIGURES[0]}"), ("h", "二、收入决算情况说明")]
    parts = "；".join(f"{c} {money(inc.get(c, 0), u)}，占本年收入 {pct(inc.get(c, 0), inc_total)}"
                     for c in model.INCOME_COLUMNS[1:5])
    rest += [("p", f"{y} 年度收入合计 {money(inc_total, u)}。其中：{parts}。"), ("h", f"图 2：{FIGURES[1]}"),
             ("h", "三、支出决算情况说明")]
    parts = "；".join(f"{c} {money(exp.get(c, 0), u)}，占本年支出 {pct(exp.get(c, 0), exp_total)}"
                     for c in model.EXPENDITURE_COLUMNS[1:5])
    rest += [("p", f"{y} 年度支出合计 {money(exp_total, u)}。其中：{parts}。"), ("h", f"图 3：{FIGURES[2]}"),
             ("h", "四、财政拨款收入支出决算总体情况说明")]
    t4 = {r.key: r.values for r in report.tables["fiscal_grant_summary"].rows if r.key}
    fiscal_total = t4["收入/总计"].get("决算数", 0)
    rest += [("p", f"{y} 年度财政拨款收、支总计 {money(fiscal_total, u)}。"), ("h", f"图 4：{FIGURES[3]}"),
             ("h", "五、一般公共预算财政拨款支出决算情况说明"),
             ("h", "（一）一般公共预算财政拨款支出决算总体情况"),
             ("p", f"{y} 年度一般公共预算财政拨款支出 {money(gbt.get('合计', 0), u)}，"
                   f"占本年支出合计的 {pct(gbt.get('合计', 0), exp_total)}。"),
             ("h", "（二）一般公共预算财政拨款支出决算结构情况")]
    classes = [r for r in gb.rows if len(r.code) == 3]
    for i, r in enumerate(classes):
        rest.append(("p", f"{i + 1}.{r.name}（类）{money(r.values.get('合计', 0), u)}，"
                          f"占 {pct(r.values.get('合计', 0), gbt.get('合计', 0))}。"))
    rest.append(("h", "（三）一般公共预算财政拨款支出决算具体情况"))
    names = {r.code: r.name for r in gb.rows if r.code}
    items = sorted((r for r in gb.rows if len(r.code) == 7), key=lambda r: -r.values.get("合计", 0))[:8]
    for i, r in enumerate(sorted(items, key=lambda r: r.code)):
        spent = r.values.get("合计", 0)
        planned = int(spent * rng.uniform(0.85, 1.15))
        rest.append(("p", f"{i + 1}.{names.get(r.code[:3], '')}（类）{names.get(r.code[:5], '')}（款）{r.name}（项）。"
                          f"年初预算为 {money(planned, u)}，支出决算为 {money(spent, u)}，完成年初预算的 "
                          f"{pct(spent, planned)}。"))
    rest += [("h", "六、一般公共预算财政拨款基本支出决算情况说明"),
             ("p", f"{y} 年度一般公共预算财政拨款基本支出 {money(gbt.get('基本支出', 0), u)}，其中："),
             ("p", f"人员经费 {money(t6.get('人员经费合计', 0), u)}，主要包括：基本工资、津贴补贴、绩效工资、"
                   "机关事业单位基本养老保险缴费、职工基本医疗保险缴费、住房公积金等。"),
             ("p", f"公用经费 {money(t6.get('公用经费合计', 0), u)}，主要包括：办公费、差旅费、劳务费、"
                   "工会经费、福利费、其他商品和服务支出等。"),
             ("h", "七、政府性基金预算财政拨款收入支出决算情况说明")]
    gf = report.tables["gov_fund"]
    rest.append(("p", "本单位当年无政府性基金预算财政拨款收入支出。" if gf.empty else
                 f"{y} 年度政府性基金预算财政拨款支出 {money(gf.rows[0].values.get('本年支出/合计', 0), u)}。"))
    rest.append(("h", "八、国有资本经营预算财政拨款支出决算情况说明"))
    sc = report.tables["state_capital"]
    rest.append(("p", "本单位当年无国有资本经营预算财政拨款支出。" if sc.empty else
                 f"{y} 年度国有资本经营预算财政拨款支出 {money(sc.rows[0].values.get('合计', 0), u)}。"))
    rest.append(("h", "九、财政拨款“三公”经费支出决算情况说明"))
    tp = report.tables["three_public"].rows[0].values
    rest.append(("p", f"{y} 年度“三公”经费财政拨款支出预算为 {money(tp.get('预算数/合计', 0), u)}，"
                      f"支出决算为 {money(tp.get('决算数/合计', 0), u)}。"))
    public = t6.get("公用经费合计", 0)
    buy = int(exp_total * rng.uniform(0.01, 0.1))
    rest += [("h", "十、机关运行经费支出情况"),
             ("p", f"{y} 年度{report.unit}机关运行经费支出 {money(public, u)}。"),
             ("h", "十一、政府采购支出情况"),
             ("p", f"{y} 年度{report.unit}政府采购支出总额 {money(buy, u)}，其中：政府采购货物支出 "
                   f"{money(buy // 3, u)}、政府采购服务支出 {money(buy - buy // 3, u)}。"),
             ("h", "十二、国有资产占用情况"),
             ("p", f"截至 {y} 年 12 月 31 日，{report.unit}共有车辆 {rng.randint(0, 5)} 辆，单价 100 万元"
                   f"(含)以上设备 {rng.randint(0, 3)} 台(套)。")]
    rest += [("h", "第四部分 名词解释"),
             ("p", "(一)一般公共预算财政拨款收入：指本级财政一般公共预算当年拨付的资金。"),
             ("p", "(二)基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
             ("p", "(三)项目支出：指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。"),
             ("p", "(四)“三公”经费：是指用财政拨款安排的因公出国(境)费、公务用车购置及运行维护费和公务接待费。")]
    return part1, rest


NO_LINE_START = set("，。；、：）)%！？”")


def wrap_lines(text, width):
    """Lines of at most `width` CJK cells (ASCII counts half), never breaking
    inside a run of ASCII (numbers) nor starting a line with closing punctuation."""
    tokens, run = [], ""
    for ch in text:
        if ch.isascii() and ch != " ":
            run += ch
            continue
        if run:
            tokens.append(run)
            run = ""
        tokens.append(ch)
    if run:
        tokens.append(run)
    lines, cur, used = [], "", 0.0
    for tok in tokens:
        size = len(tok) / 2 if tok.isascii() else 1
        if used + size > width and cur and tok not in NO_LINE_START:
            lines.append(cur.rstrip())
            cur, used = "", 0.0
            tok = tok.lstrip()
            if not tok:
                continue
        cur += tok
        used += size
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def blocks(report, width=26, cjk_space=True, items=None):
    """pdftotext blocks of the narrative; `items`: (part1, rest) paragraphs to use
    instead of the generated ones (a planted error edits them)."""
    def conv(items):
        out = []
        for kind, text in items:
            if not cjk_space:
                text = text.replace(" 年度", "年度").replace(" 万元", "万元").replace(" 元", "元")
            lines = wrap_lines(text, width if kind == "p" else width - 4)
            out += [[line] for line in lines]
        return out
    part1, rest = items if items is not None else paragraphs(report)
    return conv(part1), conv(rest)
