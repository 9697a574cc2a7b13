"""A generated budget in the pdftotext (non-layout) form, printed from its
grids with the same cell-to-lines rules as the 决算 variations (variant_text):
each cell wrapped at its own width, line i of a row joining the pieces every
cell has on line i, empty cells printing nothing (or the form's dash)."""
import budget_narrative
import variant_text
from textdoc import TextDoc


def render_table(doc, g, form, align):
    doc.header = None
    top = [[" ".join(t for t in text if t) if how == "split" else text] for how, text in g.lead]
    header = [[line] for line in variant_text.header_lines(g.header, form.header_width)]
    doc.add(*(top + header))
    doc.header = header
    for row in g.body:
        lines = variant_text.cell_lines(row, align, False)
        if lines:
            doc.add(lines)
    doc.header = None
    for note in g.notes:
        doc.line(note)


def render_report(grids, form, rng, narrative):
    align = rng.choice(variant_text.ALIGNS)
    doc = TextDoc(form.page_lines, rng.choice([None, "dash", "plain"]))
    part1, rest = narrative
    width = rng.randint(30, 48)
    for b in budget_narrative.blocks(part1, width):
        doc.add(b)
    for g in grids:
        doc.break_page(repeat_header=False)
        render_table(doc, g, form, align)
    doc.break_page(repeat_header=False)
    for b in budget_narrative.blocks(rest, width):
        doc.add(b)
    return doc.text(), align
