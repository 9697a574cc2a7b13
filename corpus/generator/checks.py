"""Independent re-check of a report model's identities, read from its tables
(not from the Budget it was built from). `check_report` raises AssertionError.
"""
import model


def _v(row, col):
    return row.values.get(col, 0)


def check_coded(table, total_col, part_cols):
    rows = {r.code: r for r in table.rows if r.code}
    total = next(r for r in table.rows if r.key == "合计")
    for col in table.columns:
        classes = [r for c, r in rows.items() if len(c) == 3]
        assert sum(_v(r, col) for r in classes) == _v(total, col), (table.kind, "合计", col)
        for code, r in rows.items():
            kids = [k for c, k in rows.items() if len(c) == len(code) + 2 and c.startswith(code)]
            if kids:
                assert sum(_v(k, col) for k in kids) == _v(r, col), (table.kind, code, col)
    if total_col:
        for r in table.rows:
            assert _v(r, total_col) == sum(_v(r, c) for c in part_cols), (table.kind, r.key, total_col)


def check_report(report):
    t = report.tables
    check_coded(t["income"], "本年收入合计", model.INCOME_COLUMNS[1:])
    check_coded(t["expenditure"], "本年支出合计", model.EXPENDITURE_COLUMNS[1:])
    check_coded(t["general_budget_expenditure"], "合计", ["基本支出", "项目支出"])
    check_coded(t["state_capital"], "合计", ["基本支出", "项目支出"])
    check_coded(t["gov_fund"], "本年支出/合计", ["本年支出/基本支出", "本年支出/项目支出"])
    for r in t["gov_fund"].rows:
        assert _v(r, "年末结转和结余") == _v(r, "年初结转和结余") + _v(r, "本年收入") - _v(r, "本年支出/合计")

    s1 = {r.key: _v(r, "决算数") for r in t["income_expenditure_summary"].rows if r.key}
    inc = t["income"].rows[0]
    exp = t["expenditure"].rows[0]
    assert s1["收入/本年收入合计"] == _v(inc, "本年收入合计")
    assert s1["支出/本年支出合计"] == _v(exp, "本年支出合计")
    items = [k for k in s1 if k.startswith("收入/") and k.split("/")[1] not in
             ("本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计")]
    assert sum(s1[k] for k in items) == s1["收入/本年收入合计"]
    assert s1["收入/总计"] == s1["收入/本年收入合计"] + s1["收入/使用非财政拨款结余"] + s1["收入/年初结转和结余"]
    assert s1["支出/总计"] == s1["支出/本年支出合计"] + s1["支出/结余分配"] + s1["支出/年末结转和结余"]
    assert s1["收入/总计"] == s1["支出/总计"]
    exp_items = [k for k in s1 if k.startswith("支出/") and k.split("/")[1] not in
                 ("本年支出合计", "结余分配", "年末结转和结余", "总计")]
    assert sum(s1[k] for k in exp_items) == s1["支出/本年支出合计"]

    s4 = {r.key: r.values for r in t["fiscal_grant_summary"].rows if r.key}
    gb = t["general_budget_expenditure"].rows[0]
    assert s4["支出/本年支出合计"].get("一般公共预算财政拨款", 0) == _v(gb, "合计")
    assert s4["收入/总计"].get("决算数", 0) == s4["支出/总计"].get("合计", 0)
    for key, vals in s4.items():
        if key.startswith("支出/"):
            assert vals.get("合计", 0) == sum(vals.get(c, 0) for c in model.FISCAL_EXP_COLUMNS[1:]) or \
                "/年末财政拨款结转和结余/" in key, key

    s6 = {r.key: _v(r, "决算数") for r in t["general_budget_basic_expenditure"].rows}
    assert s6["人员经费合计"] + s6["公用经费合计"] == _v(gb, "基本支出")
    for r in t["general_budget_basic_expenditure"].rows:
        if len(r.code) == 3:
            kids = [k for k in t["general_budget_basic_expenditure"].rows if len(k.code) == 5 and k.code[:3] == r.code]
            assert sum(_v(k, "决算数") for k in kids) == _v(r, "决算数"), r.code

    tp = t["three_public"].rows[0]
    for stage in ("预算数", "决算数"):
        p = lambda c: _v(tp, f"{stage}/{c}")
        assert p("合计") == p("因公出国(境)费") + p("公务用车购置及运行费/小计") + p("公务接待费")
        assert p("公务用车购置及运行费/小计") == p("公务用车购置及运行费/公务用车购置费") + \
            p("公务用车购置及运行费/公务用车运行费")
    return True
