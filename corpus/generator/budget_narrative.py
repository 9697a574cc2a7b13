"""The narrative of a generated budget: 预算编制说明 and 其他相关说明 in the
Shanghai form, every figure taken from the model (in 万元, rounded to cents as a
writer does), so a reader that checks narrative against tables finds nothing."""


def wan(cents, unit):
    """A table amount in cents of `unit`, as the narrative's 万元 figure."""
    value = cents / 100 / 10000 if unit == "元" else cents / 100
    text = f"{value:.2f}"
    return text


def paragraphs(report, rng):
    """(part1, rest): lists of ("h" | "p", text)."""
    t1 = {r.key: r.values.get("预算数") or 0 for pair in report.tables["income_expenditure_summary"].rows
          for r in pair if r is not None}
    fg = {r.key: r.values.get("预算数") or 0 for pair in report.tables["fiscal_grant_summary"].rows
          for r in pair if r is not None}
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
    tp = report.tables["three_public"].rows[0].values
    tu = report.tables["three_public"].amount_unit
    three = [("h", f"一、{y}年“三公”经费预算情况说明"),
             ("p", f"{y}年“三公”经费预算数为{wan(tp['预算数/合计'], tu)}万元。其中："
                   f"（一）因公出国（境）费{wan(tp['预算数/因公出国(境)费'], tu)}万元；"
                   f"（二）公务用车购置及运行费{wan(tp['预算数/公务用车购置及运行费/小计'], tu)}万元；"
                   f"（三）公务接待费{wan(tp['预算数/公务接待费'], tu)}万元。"),
             ("h", "二、机关运行经费预算"),
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
