"""The printed form of one generated budget report, every dimension drawn from
the report's own seeded RNG (so combinations occur that nobody picked): zeros
printed (0.00 / 0) or left empty per table, dashes for empty cells, thousands
separators for the two-sided tables and for the coded ones independently, one
or several code columns, label wrap widths per side (text), title forms, the
unit label, the order of the “三公” columns, and the producer's page setup
(orientation, rules, landscape pages stored rotated, fonts without ToUnicode)."""
from dataclasses import asdict, dataclass, field


@dataclass
class BudgetForm:
    producer: str
    zero: str = "0.00"
    blank: str = ""
    zero_tables: frozenset = field(default_factory=frozenset)   # tables whose zeros print
    thousands_summary: bool = True
    thousands_coded: bool = False
    split_codes: bool = True
    wrap_coded: int = 0
    wrap_economic: int = 0        # 政府采购预算表's 经济科目 cells (drawn apart: see make_budgets.build)
    code_digits: str = "padded"   # split 款/项 parts "01" (padded) or "1" (unpadded: numeric spreadsheet cells)
    stray_class: str = ""         # seed of the one row per coded table whose 类 cell prints a stray digit ("" = none)
    wrap_left: int = 0
    wrap_right: int = 0
    header_width: int = 12
    unit_in_title: bool = False
    code_place: str = ""          # "" | prefix | suffix
    unit_label: str = "单位："
    reception_first: bool = True
    integer_zero_three_public: bool = True
    ruled: bool = True
    orientation: str = "landscape"
    page_lines: int = 40
    tounicode: bool = True        # PDF: keep the fonts' ToUnicode maps
    rotate: bool = False          # PDF: landscape pages stored rotated (/Rotate 90)
    thousands: bool = False       # set per table while printing

    def zero_printed(self, kind):
        return kind in self.zero_tables

    def for_table(self, kind):
        """A copy whose `thousands` is the one this table prints with."""
        two_sided = kind in ("income_expenditure_summary", "fiscal_grant_summary")
        out = BudgetForm(**{k: v for k, v in asdict(self).items() if k != "thousands"})
        out.thousands = self.thousands_summary if two_sided else self.thousands_coded
        return out

    def features(self):
        out = asdict(self)
        out["zero_tables"] = sorted(self.zero_tables)
        return out


def draw(rng, producer, kinds):
    zeros_everywhere = rng.random() < 0.6
    return BudgetForm(
        producer=producer,
        zero=rng.choice(["0.00", "0.00", "0"]),
        blank=rng.choice(["", "", "", "-"]),
        zero_tables=frozenset(kinds) if zeros_everywhere else frozenset(rng.sample(kinds, rng.randint(0, 5))),
        thousands_summary=rng.random() < 0.6,
        thousands_coded=rng.random() < 0.3,
        split_codes=rng.random() < 0.7,
        wrap_coded=rng.choice([0, 0, 8, 10, 12]),
        wrap_left=rng.choice([0, 0, 6, 8, 10]),
        wrap_right=rng.choice([0, 0, 6, 8, 10]),
        header_width=rng.choice([4, 6, 12, 12]),
        unit_in_title=rng.random() < 0.25,
        code_place=rng.choice(["", "", "prefix", "suffix"]),
        unit_label=rng.choice(["单位：", "单位:", "金额单位：", "单位："]),
        reception_first=rng.random() < 0.6,
        integer_zero_three_public=rng.random() < 0.5,
        ruled=rng.random() < 0.8,
        orientation=rng.choice(["landscape", "portrait"]),
        page_lines=rng.randint(32, 48),
        tounicode=producer in ("text", "reportlab") or rng.random() < 0.75,
        rotate=producer != "text" and rng.random() < 0.3,
    )
