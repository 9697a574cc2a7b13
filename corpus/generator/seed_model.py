"""The seed report (Qiaokou 教育局信息技术中心 2022) as a Budget, read from its truth.

Its hand-read truth holds the numbers; what it prints without numbers (the
empty summary items, table 6's empty codes) comes from the catalogues, and
the few labels the seed prints differently are set as overrides.
"""
import json
import os

import model

SEED_DIR = "/work/shared/seeds"
SEED_STEM = "qiaokou-edu-itc-2022-final-accounts"
SEED_TEXT = os.path.join(SEED_DIR, SEED_STEM + ".txt")
SEED_TRUTH = os.path.join(SEED_DIR, SEED_STEM + ".cells.jsonl")


def _cents(value):
    return int(round(value * 100))


def load_truth(path=SEED_TRUTH):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def seed_budget(path=SEED_TRUTH):
    cells = load_truth(path)
    first = cells[0]
    names, gb, econ = {}, {}, {}
    for c in cells:
        if c["table"] == "general_budget_expenditure" and c["row"].isdigit():
            names[c["row"]] = c["row_name"]
            if len(c["row"]) == 7 and c["column"] in ("基本支出", "项目支出"):
                gb.setdefault(c["row"], {})[c["column"]] = _cents(c["value"])
        if c["table"] == "general_budget_basic_expenditure" and len(c["row"]) == 5:
            econ[c["row"]] = _cents(c["value"])
    leaves = [model.Leaf(code, "gb", basic=v.get("基本支出", 0), project=v.get("项目支出", 0))
              for code, v in sorted(gb.items())]
    return model.Budget(unit=first["unit"], year=first["year"], amount_unit=first["amount_unit"],
                        leaves=leaves, names=names, econ=econ,
                        labels={"fiscal_item_2": "国有资本经营财政拨款"},
                        prior_total=_cents(187.89 - 30.78))
