"""The narrative of a generated budget: 预算编制说明 and 其他相关说明 in the
Shanghai form, every figure taken from the model (in 万元, rounded to cents as a
writer does), so a reader that checks narrative against tables finds nothing."""
import random


def wan(cents, unit):
    """A table amount in cents of `unit`, as the narrative's 万元 figure."""
    value = cents / 100 / 10000 if unit == "元" else cents / 100
    text = f"{value:.2f}"
    return text


def paragraphs(report, rng):
    """(part1, rest): lists of ("h" | "p", text)."""
    leaves = report.leaves
    grant = sum(x.grant for x in leaves)
    business = {b: sum(x.business.get(b, 0) for x in leaves) for b in ("事业收入", "事业单位经营收入", "其他收入")}
    total = grant + sum(business.values())
    t1 = {"收入/总计": total, "收入/财政拨款收入": grant, "支出/总计": total,
          **{f"收入/{b}": c for b, c in business.items()}}
    fg = {"支出/总计": grant}
    u, y, who = report.amount_unit, report.year, report.unit
    part1 = [("h", f"{who}{y}年{report.level}预算"), ("h", "第一部分 部门概况"), ("h", "一、主要职能"),
             ("p", f"{who}主要负责本辖区内有关行政管理和公共服务工作，"
                   f"承担上级交办的其他事项。"),
             ("h", "二、机构设置"),
             ("p", f"{who}下属预算单位{rng.randint(1, 6)}个，其中行政单位1个，事业单位{rng.randint(0, 5)}个。")]
    income = (f"{y}年，{who}收入预算{wan(t1.get('收入/总计', 0), u)}万元，其中：财政拨款收入"
              f"{wan(t1.get('收入/财政拨款收入', 0), u)}万元；事业收入{wan(t1.get('收入/事业收入', 0), u)}万元；"
              f"事业单位经营收入{wan(t1.get('收入/事业单位经营收入', 0), u)}万元；其他收入"
              f"{wan(t1.get('收入/其他收入', 0), u)}万元。")
    spend = (f"支出预算{wan(t1.get('支出/总计', 0), u)}万元，其中：财政拨款支出预算"
             f"{wan(fg.get('支出/总计', 0), u)}万元。")
    tp = report.three_public
    tu = report.three_public_unit
    # Whether the narrative also states the vehicle split and (Jiangsu) 会议费 and
    # 培训费 is drawn from an RNG of its own, so that the other draws stay as they were.
    stated = random.Random(f"stated-{report.stem}")
    vehicle = f"公务用车购置及运行费{wan(tp['预算数/公务用车购置及运行费/小计'], tu)}万元"
    if stated.random() < 0.75:
        vehicle += (f"，其中：公务用车购置费{wan(tp['预算数/公务用车购置及运行费/公务用车购置费'], tu)}万元，"
                    f"公务用车运行费{wan(tp['预算数/公务用车购置及运行费/公务用车运行费'], tu)}万元")
    three = [("h", f"一、{y}年“三公”经费预算情况说明"),
             ("p", f"{y}年“三公”经费预算数为{wan(tp['预算数/合计'], tu)}万元。其中："
                   f"（一）因公出国（境）费{wan(tp['预算数/因公出国(境)费'], tu)}万元；"
                   f"（二）{vehicle}；"
                   f"（三）公务接待费{wan(tp['预算数/公务接待费'], tu)}万元。")]
    if report.region == "jiangsu" and stated.random() < 0.75:
        meetings, training = report.meetings
        three.append(("p", f"{y}年会议费预算{wan(meetings, tu)}万元，培训费预算{wan(training, tu)}万元。"))
    three += [("h", "二、机关运行经费预算"),
              ("p", f"{y}年{who}机关运行经费预算为{wan(tp['预算数/机关运行经费'], tu)}万元。")]
    rest = [("h", "第二部分 预算编制说明"), ("p", income), ("p", spend), ("h", "第四部分 其他相关说明")] + three
    return part1, rest


def blocks(items, width):
    """pdftotext lines of paragraphs wrapped at `width` characters."""
    out = []
    for _, text in items:
        for i in range(0, len(text), width):
            out.append([text[i:i + width]])
    return out
