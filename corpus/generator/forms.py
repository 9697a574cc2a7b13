"""The printed forms a variation chooses, shared by the text and PDF renderers:
table titles (year, table code and where it stands), unit lines, printed
values (blank / - / — for empty cells, 0 or 0.00, thousands separators) and
page furniture (running header, footer forms, watermark)."""
import render_text

CN_DIGITS = "零一二三四五六七八九十"


def cn_number(n):
    if n <= 10:
        return CN_DIGITS[n]
    return "十" + CN_DIGITS[n - 10] if n < 20 else CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def table_code(v, n):
    return v.code_form.format(n=n, cn=cn_number(n)) if v.code_form else ""


def title(report, table, v):
    """(line above the title or "", the title line)."""
    year = v.year_form.format(y=report.year)
    text = (report.unit if v.unit_in_title else "") + year + render_text.TITLES[table.kind]
    code = table_code(v, table.number)
    above = ""
    if code and v.code_place == "suffix":
        text += f"（{code}）"
    elif code and v.code_place == "prefix":
        text = f"{code} {text}"
    elif code and v.code_place == "line_above":
        above = code
    return above, text


def unit_text(table, v):
    return v.unit_form.format(u=getattr(table, "amount_unit", "万元"))


def dept_text(report, v):
    return f"{v.dept_label}：{report.unit}" if v.dept_label else ""


def unit_line(report, table, v):
    """(left text, right text) of the line under the title; the amount unit is
    here unless it stands in the title or the header."""
    left = dept_text(report, v)
    right = unit_text(table, v) if v.unit_place in ("right", "left_own_line", "right_own_line") else ""
    code = table_code(v, table.number) if v.code_place == "unit_line" else ""
    if code:
        right = f"{right} {code}".strip() if right else code
    return left, right


def value(cents, v):
    """A printed cell: None is an empty cell (blank or a dash), 0 is 0 or 0.00."""
    if cents is None:
        return v.blank_style
    if cents == 0:
        return v.zero_style
    return render_text.fmt(cents, v.thousands)


def footer(v, page, pages):
    if v.footer == "dash":
        return f"- {page} -"
    if v.footer == "plain":
        return str(page)
    if v.footer == "of_total":
        return f"第 {page} 页 共 {pages} 页"
    if v.footer == "chinese":
        return f"第{page}页"
    return ""


def running_header(report, v):
    return f"{report.unit}{report.year}年度部门决算" if v.running_header else ""
