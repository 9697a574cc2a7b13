"""Narratives that name a 科目 by its former name (a clean-report variation).

Departments copy last year's 情况说明, so the narrative may call 卫生健康支出（类）
by its pre-2019 name 医疗卫生与计划生育支出（类） while the table prints the current
one; the figure is the same cell. Kept here, independent of the project's own
catalogue (grammars/catalogues), so the test does not check the project against
its own data. `rename(items, rng)` rewrites the names followed by （类）/（款）/（项）.
"""

FORMER = {
    "卫生健康支出": ["医疗卫生与计划生育支出"],
    "卫生健康管理事务": ["医疗卫生与计划生育管理事务"],
    "自然资源海洋气象等支出": ["国土海洋气象等支出"],
    "自然资源事务": ["国土资源事务"],
    "其他自然资源事务支出": ["其他国土资源事务支出"],
    "文化旅游体育与传媒支出": ["文化体育与传媒支出"],
    "资源勘探工业信息等支出": ["资源勘探信息等支出"],
    "行政事业单位养老支出": ["行政事业单位离退休"],
}
LEVELS = ("（类）", "（款）", "（项）")


def rename(items, rng):
    """((part1, rest) with some current names replaced by former ones, the names replaced)."""
    used = []

    def part(paragraphs):
        out = []
        for kind, text in paragraphs:
            for current, former in FORMER.items():
                for level in LEVELS:
                    if current + level in text and rng.random() < 0.8:
                        old = rng.choice(former)
                        text = text.replace(current + level, old + level)
                        used.append(f"{current}->{old}")
            out.append((kind, text))
        return out

    part1, rest = items
    return (part(part1), part(rest)), sorted(set(used))
