"""The physical form of pdftotext's non-layout output, as the seed shows it.

pdftotext prints text blocks separated by one blank line; the lines of one
block follow each other directly; a page break shows as three blank lines.
`TextDoc` collects *units* (lists of blocks that must stay on one page, e.g.
one table row with its wrapped name) and paginates them: after `page_lines`
printed lines it breaks the page, optionally printing a page number line at
the foot and repeating the current table header at the top of the next page.
"""


class TextDoc:
    def __init__(self, page_lines=46, page_numbers=None, first_page=1):
        self.page_lines = page_lines
        self.page_numbers = page_numbers      # None, "dash" (- 5 -) or "plain" (5)
        self.page = first_page
        self.pages = [[]]                     # pages of blocks
        self.used = 0
        self.header = None                    # blocks repeated after a break inside a table
        self.forced = False

    def add(self, *blocks):
        """Add one unit: blocks (lists of lines) kept on the same page."""
        blocks = [list(b) for b in blocks if b]
        size = sum(len(b) for b in blocks)
        if self.used and (self.used + size > self.page_lines or self.forced):
            self.break_page()
        self.pages[-1].extend(blocks)
        self.used += size

    def line(self, text):
        self.add([text])

    def break_page(self, repeat_header=True):
        """End the page here; inside a table (self.header set) repeat its header."""
        self.forced = False
        if self.page_numbers:
            number = f"- {self.page} -" if self.page_numbers == "dash" else str(self.page)
            self.pages[-1].append([number])
        self.page += 1
        self.pages.append([])
        self.used = 0
        if self.header and repeat_header:
            for b in self.header:
                self.pages[-1].append(list(b))
                self.used += len(b)

    def force_break(self):
        """Break before the next unit (a table split across pages)."""
        self.forced = True

    def text(self):
        pages = [p for p in self.pages if p]
        if self.page_numbers and pages and self.pages[-1]:
            number = f"- {self.page} -" if self.page_numbers == "dash" else str(self.page)
            pages[-1] = pages[-1] + [[number]]
        return "\n\n\n\n".join("\n\n".join("\n".join(b) for b in page) for page in pages) + "\n"
