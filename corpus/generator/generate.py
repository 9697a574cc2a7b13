"""Random, realistic and internally consistent report budgets (seeded, deterministic).

`random_budget(rng, size, amount_unit)` picks a unit, its 功能分类 codes
(small units: 5-15 coded rows; large departments: 100+ coded rows over
several 类), splits money into basic/project and funds, optional non-fiscal
income, gov fund and state capital codes, carry-overs, an economic breakdown
of basic expenditure for table 6, and 三公 figures.  `model.build_report`
turns it into the nine tables.
"""
import catalogue
import model

PLACES = ["武汉市江岸区", "武汉市洪山区", "武汉市青山区", "武汉市东西湖区", "襄阳市樊城区", "宜昌市西陵区",
          "荆州市沙市区", "十堰市张湾区", "黄石市下陆区", "孝感市孝南区", "咸宁市咸安区", "鄂州市华容区"]
AGENCIES = [("教育局", "205"), ("卫生健康局", "210"), ("民政局", "208"), ("人力资源和社会保障局", "208"),
            ("农业农村局", "213"), ("水务和湖泊局", "213"), ("城市管理执法局", "212"), ("财政局", "201"),
            ("统计局", "201"), ("审计局", "201"), ("文化和旅游局", "207"), ("科学技术局", "206"),
            ("生态环境分局", "211"), ("交通运输局", "214"), ("应急管理局", "224"), ("司法局", "204"),
            ("退役军人事务局", "208"), ("市场监督管理局", "201"), ("自然资源和规划分局", "220"),
            ("住房保障和房屋管理局", "221")]
SUBUNITS = ["", "信息中心", "综合服务中心", "机关后勤服务中心", "档案室", "综合执法大队", "事务服务中心"]
STANDARD = {"208": ("20805", ["2080505", "2080506", "2080501", "2080502"]),
            "210": ("21011", ["2101101", "2101102", "2101103", "2101199"]),
            "221": ("22102", ["2210201", "2210202", "2210203"])}
PERSONNEL = {"30101": 20, "30102": 10, "30103": 4, "30106": 1, "30107": 25, "30108": 8, "30109": 4, "30110": 4,
             "30111": 2, "30112": 0.5, "30113": 8, "30114": 1, "30199": 2, "30302": 3, "30305": 1, "30309": 1,
             "30399": 1}
PUBLIC = {"30201": 10, "30202": 2, "30205": 2, "30206": 4, "30207": 3, "30209": 6, "30211": 5, "30213": 5,
          "30215": 1, "30216": 2, "30217": 1, "30226": 8, "30227": 6, "30228": 5, "30229": 4, "30231": 3,
          "30239": 10, "30299": 8, "31002": 3, "31007": 2}
CORE_PERSONNEL = ["30101", "30102", "30107", "30108", "30110", "30113"]
CORE_PUBLIC = ["30201", "30228", "30299"]
TO_CENTS = {"元": 100.0, "千元": 0.1, "万元": 0.01}


def general():
    return catalogue.function_codes()["general_budget"]


def kids(code, section="general_budget"):
    return catalogue.children(section, code)


def basic_only(code):
    return code[:5] in ("20805", "21011", "22102") or code[-2:] in ("01", "50")


def pick_small(rng, main):
    """Main 类 with 1-2 款 of 1-3 项, plus the standard pension/medical/housing codes."""
    leaves = []
    for kuan in rng.sample(kids(main), min(len(kids(main)), rng.choice([1, 1, 2]))):
        leaves += rng.sample(kids(kuan), min(len(kids(kuan)), rng.randint(1, 3)))
    for cls, (kuan, items) in STANDARD.items():
        if cls == main or rng.random() < 0.7:
            leaves += rng.sample(items[:3], rng.choice([1, 1, 2]))
    leaves = sorted(set(leaves))
    while len({c[:n] for c in leaves for n in (3, 5, 7)}) > 13:
        others = [c for c in leaves if not c.startswith(main)] or leaves
        leaves.remove(rng.choice(others))
    while len({c[:n] for c in leaves for n in (3, 5, 7)}) < 6:
        cls = rng.choice(sorted(STANDARD))
        leaves = sorted(set(leaves + [rng.choice(STANDARD[cls][1][:3])]))
    return leaves


def pick_large(rng, main):
    """Several 类, most of their 款 and 项, until 100+ coded rows."""
    classes = [c for c in general() if len(c) == 3]
    chosen = [main] + [c for c in rng.sample(classes, len(classes)) if c != main]
    leaves, rows = set(), set()
    target = rng.randint(100, 150)
    for cls in chosen:
        for kuan in kids(cls):
            if rng.random() < 0.8 or cls == main:
                for item in kids(kuan):
                    if rng.random() < 0.8:
                        leaves.add(item)
                        rows.update({cls, kuan, item})
            if len(rows) >= target:
                return sorted(leaves)
    return sorted(leaves)


def amount(rng, scale):
    return max(1.0, rng.lognormvariate(0, 1.0) * scale)


def split(rng, total, weights):
    """Integer split of `total` over weights (dict); every part > 0 when total allows."""
    keys = list(weights)
    raw = [weights[k] * rng.uniform(0.5, 1.5) for k in keys]
    s = sum(raw)
    parts = [int(total * r / s) for r in raw]
    parts[-1] += total - sum(parts)
    return {k: p for k, p in zip(keys, parts) if p}


def random_budget(rng, size="small", amount_unit="万元"):
    place = rng.choice(PLACES)
    agency, main = rng.choice(AGENCIES)
    if size == "small":
        unit = place + agency + rng.choice(SUBUNITS[1:])
        codes, scale = pick_small(rng, main), rng.uniform(1e5, 1.5e6)
    else:
        unit = place + agency
        codes, scale = pick_large(rng, main), rng.uniform(3e5, 3e6)
    k = TO_CENTS[amount_unit]

    def cents(yuan):
        return max(1, int(round(yuan * k)))

    leaves = []
    has_nf = rng.random() < (0.5 if size == "large" else 0.3)
    income_delta = rng.random() < 0.3
    for code in codes:
        leaf = model.Leaf(code, "gb")
        total = cents(amount(rng, scale))
        if basic_only(code):
            leaf.basic = total
        elif rng.random() < 0.3:
            leaf.basic = int(total * rng.uniform(0.2, 0.8)) or 1
            leaf.project = total - leaf.basic
        else:
            leaf.project = total
        if income_delta and rng.random() < 0.4:
            leaf.income = max(0, total + int(total * rng.uniform(-0.05, 0.08)))
        if has_nf and rng.random() < 0.35:
            nf = cents(amount(rng, scale * 0.3))
            if rng.random() < 0.5:
                leaf.nf_basic = nf
            else:
                leaf.nf_project = nf
            if rng.random() < 0.1:
                leaf.upper = cents(amount(rng, scale * 0.05))
            if rng.random() < 0.1:
                leaf.subsidiary = cents(amount(rng, scale * 0.1))
            spent = nf + leaf.upper + leaf.subsidiary
            source = rng.choice(["事业收入", "事业收入", "其他收入", "上级补助收入", "附属单位上缴收入"])
            got = int(spent * rng.uniform(0.9, 1.1))
            other = rng.random() < 0.3
            leaf.nf_income = {source: got - (got // 10 if other else 0)}
            if other:
                leaf.nf_income["其他收入"] = leaf.nf_income.get("其他收入", 0) + got // 10
            if rng.random() < 0.08:
                leaf.business = cents(amount(rng, scale * 0.1))
                leaf.nf_income["经营收入"] = leaf.business + cents(rng.uniform(0, scale * 0.01))
        leaves.append(leaf)

    if rng.random() < (0.5 if size == "large" else 0.2):
        gf_codes = [c for c in catalogue.function_codes()["gov_fund"] if len(c) == 7]
        for code in rng.sample(gf_codes, rng.randint(1, 3)):
            spent = cents(amount(rng, scale))
            carry = cents(amount(rng, scale * 0.3)) if rng.random() < 0.5 else 0
            leaves.append(model.Leaf(code, "gf", project=spent, carry_in=carry,
                                     income=max(0, spent - carry + int(spent * rng.uniform(0, 0.1)))))
    if rng.random() < (0.25 if size == "large" else 0.08):
        code = rng.choice([c for c in catalogue.function_codes()["state_capital"] if len(c) == 7])
        spent = cents(amount(rng, scale))
        leaves.append(model.Leaf(code, "sc", project=spent))
    leaves.sort(key=lambda l: l.code)
    while size == "small" and len({l.code[:n] for l in leaves for n in (3, 5, 7)}) > 15:
        gb_leaves = [l for l in leaves if l.fund == "gb" and not l.code.startswith(main)] or \
            [l for l in leaves if l.fund == "gb"]
        leaves.remove(gb_leaves[rng.randrange(len(gb_leaves))])

    gb_income = sum(l.fiscal_income() for l in leaves if l.fund == "gb")
    gb_spent = sum(l.basic + l.project for l in leaves if l.fund == "gb")
    carry_in = {"gb": max(0, gb_spent - gb_income) + (cents(amount(rng, scale * 0.2)) if rng.random() < 0.4 else 0)}
    nf_spent = sum(l.nf_basic + l.nf_project + l.upper + l.business + l.subsidiary for l in leaves)
    nf_income = sum(sum(l.nf_income.values()) for l in leaves)
    nf_carry = max(0, nf_spent - nf_income) + (cents(amount(rng, scale * 0.1)) if has_nf and rng.random() < 0.5 else 0)

    basic = sum(l.basic for l in leaves if l.fund == "gb")
    personnel = int(basic * rng.uniform(0.7, 0.95))
    p_codes = dict(rng.sample(sorted(PERSONNEL.items()), rng.randint(3, len(PERSONNEL))))
    p_codes.update({c: PERSONNEL[c] for c in CORE_PERSONNEL})
    u_codes = dict(rng.sample(sorted(PUBLIC.items()), rng.randint(3, len(PUBLIC) - 4)))
    u_codes.update({c: PUBLIC[c] for c in CORE_PUBLIC})
    econ = split(rng, personnel, dict(sorted(p_codes.items())))
    econ.update(split(rng, basic - personnel, dict(sorted(u_codes.items()))))

    three = None
    if size == "large" or rng.random() < 0.5:
        def stage():
            return {"出国": cents(amount(rng, scale * 0.01)) if rng.random() < 0.2 else 0,
                    "购置": cents(amount(rng, scale * 0.05)) if rng.random() < 0.15 else 0,
                    "运行": cents(amount(rng, scale * 0.01)) if rng.random() < 0.7 else 0,
                    "接待": cents(amount(rng, scale * 0.005)) if rng.random() < 0.7 else 0}
        budget_stage = stage()
        actual = {k: int(v * rng.uniform(0.5, 1.0)) for k, v in budget_stage.items()}
        three = {"预算数": budget_stage, "决算数": actual}

    zeros = frozenset()
    if rng.random() < 0.25:
        zeros = frozenset(rng.sample(["income_expenditure_summary", "income", "expenditure",
                                      "fiscal_grant_summary", "general_budget_expenditure"], rng.randint(1, 3)))
    total = gb_income + nf_income + sum(carry_in.values()) + nf_carry
    return model.Budget(unit=unit, year=2022, amount_unit=amount_unit, leaves=leaves, econ=econ,
                        carry_in=carry_in, nf_carry_in=nf_carry, three_public=three, print_zeros=zeros,
                        econ_all_codes=rng.random() < 0.7, prior_total=int(total * rng.uniform(0.8, 1.15)))
