"""Render a report model as pdftotext (non-layout) prints a 决算 PDF.

Imitates what the seed shows: header blocks with narrow cells broken into
short pieces, the 栏次 line, tables 1 and 4 printing both sides on one line
with 行次, wrapped names with the code alone on its line (or inline, or the
numbers on a line of their own), table 6 printing three code/name/amount
groups a line, blank cells omitted, empty tables with 说明：本单位无…, 注 lines,
page breaks as three blank lines, optional page numbers, a table split across
a page break with its header repeated.  Every choice is a `TextStyle` field.
"""
from dataclasses import dataclass, field

import model
import narrative
from textdoc import TextDoc


@dataclass
class TextStyle:
    name_wrap: dict = field(default_factory=lambda: {"income": 12, "expenditure": 13,
                                                       "general_budget_expenditure": 0,
                                                       "gov_fund": 12, "state_capital": 12})
    summary_wrap: tuple = (14, 12)            # table 1: left, right item width
    fiscal_wrap: tuple = (11, 7)              # table 4
    basic_wrap: int = 7                       # table 6 names
    header_width: int = 2                     # narrow header cells: characters a line
    wrap_style: str = "code_alone"            # code_alone | code_inline | nums_after
    code_layout: str = "joined"               # joined | split | split_sparse
    thousands: bool = False                   # 1,878,900.00
    page_lines: int = 46
    page_numbers: object = None               # None | dash | plain
    split_tables: tuple = ()                  # table kinds forced across a page break
    repeat_header: str = "split"              # never | split (forced splits only) | always
    cjk_space: bool = True                    # "2022 年度" (pdftotext spacing) or "2022年度"
    narrative_width: int = 26
    encoding: str = "utf-8"                   # utf-8 | gbk
    unit_label: str = "部门"
    total_label_t5: str = "小计"               # 小计 | 合计 | 本年支出合计
    basic_names_missing: bool = False         # table 6: third group's empty rows print no name (seed quirk)

    def features(self):
        return {"wrap_width": self.name_wrap.get("income", 0), "wrap_style": self.wrap_style,
                "code_layout": self.code_layout, "thousands": self.thousands,
                "page_split_tables": list(self.split_tables), "page_numbers": self.page_numbers,
                "encoding": self.encoding}


TITLES = {
    "income_expenditure_summary": "收入支出决算总表",
    "income": "收入决算表",
    "expenditure": "支出决算表",
    "fiscal_grant_summary": "财政拨款收入支出决算总表",
    "general_budget_expenditure": "一般公共预算财政拨款支出决算表",
    "general_budget_basic_expenditure": "一般公共预算财政拨款基本支出决算表",
    "gov_fund": "政府性基金预算财政拨款收入支出决算表",
    "state_capital": "国有资本经营预算财政拨款支出决算表",
    "three_public": "一般公共预算财政拨款“三公”经费支出决算表",
}

NOTES = {
    "income_expenditure_summary": ["注：1.本表反映部门本年度的总收支和年末结转结余情况。",
                                   "2.本套报表金额单位转换时可能存在尾数误差。",
                                   "27 行＝（1＋2＋3＋4＋5＋6+7+8）行；31 行＝（27＋28＋29）行；",
                                   "58 行＝（32＋33＋…＋57）行； 62 行＝（58＋59＋60）行。"],
    "income": ["注：本表反映部门本年度取得的各项收入情况。", "1栏各行＝（2＋3＋4＋5＋6＋7）栏各行。"],
    "expenditure": ["注：本表反映部门本年度各项支出情况。", "1栏各行＝（2＋3＋4＋5＋6）栏各行。"],
    "fiscal_grant_summary": ["注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政",
                             "拨款的总收支和年末结转结余情况。",
                             "27 行＝（1+2+3）行；28 行＝（29+30+31）行；32 行＝（27+28）行；",
                             "57 行＝（33+34+…+58）行；64 行＝（59+60）行。"],
    "general_budget_expenditure": ["注：本表反映部门本年度一般公共预算财政拨款支出情况。", "1 栏各行＝（2+3）栏各行。"],
    "general_budget_basic_expenditure": ["注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"],
    "gov_fund": ["注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
                 "6 栏各行＝（1＋2－3）栏各行；3 栏各行＝（4＋5）栏各行。"],
    "state_capital": ["注：本表反映部门本年度国有资本经营预算财政拨款支出情况。", "1 栏各行＝（2＋3）栏各行。"],
    "three_public": ["注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算",
                     "数，决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
                     "1 栏＝（2＋3＋6）栏；3 栏＝（4＋5）栏；7栏＝（8＋9＋12）栏；9栏=（10+11）栏。"],
}

EMPTY_NOTES = {
    "gov_fund": "说明：本单位无政府性基金预算财政拨款收入。",
    "state_capital": "说明：本单位无国有资本经营预算财政拨款支出。",
    "three_public": "说明：本单位无一般公共预算财政拨款“三公”经费支出。",
}

HEADER_LABELS = {
    "income": model.INCOME_COLUMNS,
    "expenditure": model.EXPENDITURE_COLUMNS,
}


def fmt(cents, thousands=False):
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{frac:02d}" if thousands else f"{sign}{whole}.{frac:02d}"


def wrap(text, width):
    if width <= 0 or len(text) <= width:
        return [text]
    return [text[i:i + width] for i in range(0, len(text), width)]


def join(*parts):
    return " ".join(p for p in parts if p)


def year_text(year, style):
    return f"{year} 年度" if style.cjk_space else f"{year}年度"


# ------------------------------------------------------------------ headers

def narrow(label, style, width=None):
    return [[p] for p in wrap(label, style.header_width if width is None else width)]


def coded_header(kind, style):
    """Tables 2, 3 (many narrow columns) and 5, 7, 8 (few columns)."""
    if kind in HEADER_LABELS:
        labels = HEADER_LABELS[kind]
        blocks = [["项目"]]
        for i, label in enumerate(labels):
            blocks += narrow(label, style, 4 if i == 0 else None)
        blocks[-1].append("功能分类")
        blocks += [["科目编码", "科目名称"], ["类 款 项", "栏次 " + " ".join(str(i + 1) for i in range(len(labels)))]]
        return blocks
    if kind == "gov_fund":
        blocks = [["项目"]] + narrow("年初结转和结余", style, 3) + narrow("本年收入", style, 3) + [["本年支出"]]
        blocks += narrow("年末结转和结余", style, 4)
        blocks[-1][-1] += "功能分类科"
        return blocks + [["目编码", "科目名称 小计"]] + narrow("基本支出", style, 3) + narrow("项目支出", style, 3) + \
            [["类 款 项", "栏次 1 2 3 4 5 6"]]
    total = style.total_label_t5 if kind == "general_budget_expenditure" else "合计"
    return [["项目 本年支出"], ["功能分类科目"], ["编码", f"科目名称 {total} 基本支出 项目支出"],
            ["类 款 项", "栏次 1 2 3"]]


def summary_header(kind, style):
    if kind == "income_expenditure_summary":
        return [["收入 支出"], ["项目", "行"], ["次", "决算数 项目"], ["行"], ["次", "决算数"], ["栏次 1 栏次 2"]]
    blocks = [["收 入 支 出"], ["项目", "行"], ["次", "金额 项目"], ["行"], ["次", "合计"]]
    w = max(style.header_width, 2)
    blocks += narrow("一般公共预算财政拨款", style, w + 1) + narrow("政府性基金预算财政拨款", style, w) + \
        narrow("国有资本经营预算财政拨款", style, w)
    return blocks + [["栏次 1 栏次 2 3 4 5"]]


def basic_header(style):
    return [["人员经费 公用经费"], ["科目"], ["编码", "科目名称"], ["决算"], ["数"], ["科目编"], ["码", "科目名称"],
            ["决算"], ["数", "科目编码 科目名称"], ["决算"], ["数"]]


def three_public_header(style):
    w = max(style.header_width, 2)
    blocks = [["预算数 决算数"]]
    for stage in range(2):
        blocks += narrow("合计", style, 2 if stage == 0 else 1)
        blocks += narrow("因公出国", style, 3) + [["（境）"], ["费"]]
        blocks += narrow("公务用车购置及运行费", style, 10 if stage == 0 else 8)
        blocks += narrow("公务接待费", style, w + (stage == 1))
    for stage in range(2):
        blocks += narrow("小计", style, 2 if stage == 0 else 1)
        blocks += narrow("公务用车购置费", style, 2) + narrow("公务用车运行费", style, 2)
    return blocks


# ------------------------------------------------------------------ rows

def code_text(code, layout):
    if not code or layout == "joined":
        return code
    parts = [code[:3], code[3:5], code[5:7]]
    parts = [p for p in parts if p]
    return parts[-1] if layout == "split_sparse" else " ".join(parts)


def values_text(row, columns, style):
    return " ".join(fmt(row.values[c], style.thousands) for c in columns if c in row.values)


def wrapped_units(head, pieces, tail, style):
    """Blocks of a row whose name wrapped into `pieces` (head: code, tail: numbers)."""
    if len(pieces) == 1:
        return [[join(head, pieces[0], tail)]]
    if style.wrap_style == "code_inline":
        return [[join(head, pieces[0])]] + [[p] for p in pieces[1:-1]] + [[join(pieces[-1], tail)]]
    if style.wrap_style == "nums_after":
        blocks = [[join(head, pieces[0])]] + [[p] for p in pieces[1:]]
        return blocks + ([[tail]] if tail else [])
    first = [head, pieces[0]] if head else [pieces[0]]
    last = [pieces[-1]] + ([tail] if tail else [])
    if len(pieces) == 2:
        return [first, last]
    return [first] + [[p] for p in pieces[1:-1]] + [last]


def coded_row(row, table, style):
    width = style.name_wrap.get(table.kind, 0)
    head = code_text(row.code, style.code_layout)
    return wrapped_units(head, wrap(row.name, width), values_text(row, table.columns, style), style)


def side_units(left, right, lcols, rcols, widths, style):
    lp = wrap(left.label, widths[0]) if left.label else []
    rp = wrap(right.label, widths[1]) if right.label else []
    ltail = join(str(left.line_no), values_text(left, lcols, style))
    rtail = join(str(right.line_no), values_text(right, rcols, style))
    if len(lp) <= 1 and len(rp) <= 1:
        return [[join(*(lp + [ltail] + rp + [rtail]))]]
    if len(rp) <= 1:
        return [[p] for p in lp[:-1]] + [[lp[-1], join(ltail, *rp, rtail)]]
    lpart = join(*(lp[-1:] + [ltail]))
    blocks = [[p] for p in lp[:-1]]
    if len(lp) > 1:
        blocks.append([lp[-1], ltail])
        lpart = ""
    if len(rp) == 2:
        blocks += [[lpart, rp[0]] if lpart else [rp[0]], [rp[1], rtail]]
    else:
        blocks += ([[lpart]] if lpart else []) + [[p] for p in rp] + [[rtail]]
    return blocks


def basic_row_units(groups, style):
    """One printed line of table 6: up to three (code, name, value) groups."""
    blocks, cur = [[]], []
    for i, row in enumerate(groups):
        if row is None:
            continue
        value = values_text(row, ["决算数"], style)
        name = "" if i == 2 and style.basic_names_missing and not row.values and len(row.code) == 5 else row.name
        pieces = wrap(name, style.basic_wrap)
        if len(pieces) == 1:
            cur += [row.code, name, value]
            continue
        blocks[-1].append(join(*(cur + [row.code])))
        cur = []
        blocks[-1].append(pieces[0])
        blocks += [[p] for p in pieces[1:]]
        cur = [value]
    if any(cur):
        blocks[-1].append(join(*cur))
    return [b for b in blocks if b]


# ------------------------------------------------------------------ tables

def table_title(table, report, style):
    title = f"{year_text(report.year, style)}{TITLES[table.kind]}"
    number = f"（表 {table.number}）" if style.cjk_space else f"（表{table.number}）"
    if len(title) > 24:
        return [[title], [number]]
    return [[title + number]]


def render_table(doc, table, report, style):
    doc.header = None
    top = table_title(table, report, style)
    top[-1].append(f"{style.unit_label}：{report.unit} 单位：{report.amount_unit}")
    if table.kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        header = summary_header(table.kind, style)
    elif table.kind == "general_budget_basic_expenditure":
        header = basic_header(style)
    elif table.kind == "three_public":
        header = three_public_header(style)
    else:
        header = coded_header(table.kind, style)
    doc.add(*(top + header))
    if style.repeat_header == "always":
        doc.header = header
    units = body_units(table, style)
    split_at = len(units) // 2 if table.kind in style.split_tables and len(units) > 1 else -1
    for i, unit in enumerate(units):
        if i == split_at:
            if style.repeat_header != "never":
                doc.header = header
            doc.force_break()
        doc.add(*unit)
    doc.header = None
    for note in NOTES[table.kind]:
        doc.line(note)
    if table.empty and table.kind in EMPTY_NOTES:
        doc.line(EMPTY_NOTES[table.kind])


def body_units(table, style):
    if table.kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        left, right = table.side("收入"), table.side("支出")
        rcols = ["决算数"] if table.kind == "income_expenditure_summary" else model.FISCAL_EXP_COLUMNS
        widths = style.summary_wrap if table.kind == "income_expenditure_summary" else style.fiscal_wrap
        return [side_units(l, r, ["决算数"], rcols, widths, style) for l, r in zip(left, right)]
    if table.kind == "general_budget_basic_expenditure":
        personnel = table.side("personnel")
        public = table.side("public")
        g2 = [r for r in public if r.code.startswith("302")]
        g3 = [r for r in public if not r.code.startswith("302")]
        n = max(len(personnel), len(g2), len(g3))
        pad = lambda rows: rows + [None] * (n - len(rows))
        units = [basic_row_units(g, style) for g in zip(pad(personnel), pad(g2), pad(g3))]
        totals = {r.key: r for r in table.rows if r.key in ("人员经费合计", "公用经费合计")}
        units.append([[join("人员经费合计", values_text(totals["人员经费合计"], ["决算数"], style),
                            "公用经费合计", values_text(totals["公用经费合计"], ["决算数"], style))]])
        return units
    if table.kind == "three_public":
        cols = " ".join(str(i + 1) for i in range(12))
        row = table.rows[0]
        units = [[[cols]]]
        if row.values:
            units.append([[values_text(row, table.columns, style)]])
        return units
    return [coded_row(r, table, style) for r in table.rows]


def render_report(report, style, narrative_blocks=None):
    """The report's whole text; narrative_blocks: (part1, rest) block lists or None (generated)."""
    doc = TextDoc(style.page_lines, style.page_numbers)
    if narrative_blocks is None:
        narrative_blocks = narrative.blocks(report, style.narrative_width, style.cjk_space)
    part1, rest = narrative_blocks
    for b in part1:
        doc.add(b)
    doc.break_page()
    for line in narrative.wrap_lines(f"第二部分 {report.unit} {year_text(report.year, style)}部门决算表", 20):
        doc.line(line)
    for kind in model.TABLE_KINDS:
        render_table(doc, report.tables[kind], report, style)
    doc.break_page()
    for b in rest:
        doc.add(b)
    return doc.text()


def write_text(report, style, path, narrative_blocks=None):
    text = render_report(report, style, narrative_blocks)
    with open(path, "wb") as fh:
        fh.write(text.encode(style.encoding, errors="strict") if style.encoding == "utf-8"
                 else gbk_safe(text).encode("gbk"))
    return text


GBK_FALLBACK = {"☑": "√", "☐": "□", "≦": "≤"}


def gbk_safe(text):
    out = []
    for ch in text:
        try:
            ch.encode("gbk")
            out.append(ch)
        except UnicodeEncodeError:
            out.append(GBK_FALLBACK.get(ch, "?"))
    return "".join(out)
