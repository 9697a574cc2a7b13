"""Code catalogues (grammars/catalogues/*.toml) as Python data.

function codes: 支出功能分类 类/款/项 per funding budget; economic codes:
部门预算支出经济分类 for table 6; summary items: the 26 expenditure items of
tables 1 and 4 with the 类 code each one totals.
"""
import os
import tomllib
from functools import lru_cache

CATALOGUE_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "grammars", "catalogues")


def _load(name):
    with open(os.path.join(CATALOGUE_DIR, name + ".toml"), "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def function_codes():
    """{'general_budget': {code: name}, 'gov_fund': {...}, 'state_capital': {...}} in file order."""
    return _load("function_codes")


@lru_cache(maxsize=None)
def economic_codes():
    """{'personnel': {code: name}, 'public': {code: name}} in printed order."""
    return _load("economic_codes")


@lru_cache(maxsize=None)
def summary_items():
    return _load("summary_items")


def function_name(code):
    """Name of a function code in any budget section (None if unknown)."""
    for section in function_codes().values():
        if code in section:
            return section[code]
    return None


def economic_name(code):
    for section in economic_codes().values():
        if code in section:
            return section[code]
    return None


def expenditure_items():
    """[(name, 类 code)] of the 26 summary expenditure items, printed order."""
    return [tuple(x) for x in summary_items()["expenditure_items"]]


def children(section, code):
    """Direct children codes of `code` (类 -> 款, 款 -> 项) in one section."""
    want = len(code) + 2
    return [c for c in function_codes()[section] if len(c) == want and c.startswith(code)]
