"""A varied report in the pdftotext (non-layout) form, printed from its grids.

Every row of a grid becomes lines: each cell's text is wrapped at the cell's
own width (label cells: each side of a two-sided table at its own width),
cells are placed vertically by the variation's alignment (labels top or
centred, numbers top, bottom or centred on the row), and line i of the row
joins the pieces every cell has on line i, so the continuations of both
sides can share a line (`算财政拨款 服务支出`) or stand alone, and a centred
label's first line sits above the numbers.  Empty cells print nothing
(pdftotext drops them) unless the variation prints a dash.  Pages carry the
variation's running header, footer and watermark (FurnishedDoc).
"""
import forms
import model
import render_text
import variant_grid
from textdoc import TextDoc

ALIGNS = [("top", "bottom"), ("top", "top"), ("center", "center"), ("top", "center")]


class FurnishedDoc(TextDoc):
    """TextDoc with a running header at each page's top and a footer (and a
    watermark line) at its foot; `{pages}` is filled in when the text is done."""

    def __init__(self, page_lines, v, report):
        super().__init__(page_lines, None)
        self.v = v
        self.top = forms.running_header(report, v)
        self._start_page()

    def _start_page(self):
        if self.top:
            self.pages[-1].append([self.top])
            self.used += 1

    def break_page(self, repeat_header=True):
        self._foot()
        self.forced = False
        self.page += 1
        self.pages.append([])
        self.used = 0
        self._start_page()
        if self.header and repeat_header:
            for b in self.header:
                self.pages[-1].append(list(b))
                self.used += len(b)

    def _foot(self):
        if self.v.watermark:
            self.pages[-1].append([self.v.watermark])
        text = forms.footer(self.v, self.page, "{pages}")
        if text:
            self.pages[-1].append([text])

    def text(self):
        self._foot()
        pages = [p for p in self.pages if p]
        out = "\n\n\n\n".join("\n\n".join("\n".join(b) for b in page) for page in pages) + "\n"
        return out.replace("{pages}", str(self.page))


def wrap(text, width):
    if not text:
        return []
    return render_text.wrap(text, width)


def cell_lines(row, align, low):
    """The printed lines of one grid row (`low`: a centred cell with an odd
    spare line sits on the lower side)."""
    label_align, number_align = align
    cells = []
    for cell in row:
        pieces = wrap(cell.text, cell.wrap)
        if not cell.wrap and len(cell.text) > 8 and not cell.numeric and cell.role == "":
            pieces = wrap(cell.text, 8)
        cells.append((cell, pieces))
    height = max([len(p) for _, p in cells] + [1])
    lines = [[] for _ in range(height)]
    for cell, pieces in cells:
        mode = number_align if cell.role in ("num", "lineno") else label_align
        if mode == "top":
            start = 0
        elif mode == "bottom":
            start = height - len(pieces)
        else:
            start = (height - len(pieces) + (1 if low else 0)) // 2
        for k, p in enumerate(pieces):
            lines[start + k].append(p)
    return [" ".join(parts) for parts in lines if parts]


def header_lines(header, width):
    out = []
    for row in header:
        pieces = [wrap(c.text, width if len(c.text) > width else 0) for c in row]
        height = max([len(p) for p in pieces] + [1])
        for k in range(height):
            parts = [p[k] for p in pieces if k < len(p)]
            if parts:
                out.append(" ".join(parts))
    return out


def render_table(doc, report, kind, v, align):
    g = variant_grid.table_grid(report, kind, v)
    doc.header = None
    top = []
    for how, text in g.lead:
        line = " ".join(t for t in text if t) if how == "split" else text
        if line:
            top.append([line])
    header = [[line] for line in header_lines(g.header, v.header_width)]
    doc.add(*(top + header))
    for row in g.body:
        lines = cell_lines(row, align, v.vcenter_low)
        if not lines:
            continue
        doc.add(*([lines] if v.row_blocks == "one" else [[line] for line in lines]))
    for note in g.notes + ([g.remark] if g.remark else []):
        doc.line(note)


def render_report(report, v, rng, narrative_blocks):
    align = rng.choice(ALIGNS) if not v.vcenter else ("center", "center")
    doc = FurnishedDoc(v.page_lines, v, report)
    part1, rest = narrative_blocks
    for b in part1:
        doc.add(b)
    doc.break_page()
    doc.line(f"第二部分 {report.unit}{report.year}年度部门决算表")
    for kind in model.TABLE_KINDS:
        if rng.random() < 0.5:
            doc.break_page()
        render_table(doc, report, kind, v, align)
    doc.break_page()
    for b in rest:
        doc.add(b)
    return doc.text(), align
