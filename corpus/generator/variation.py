"""One report's layout variation: every dimension of form drawn at random.

`draw(rng, producer)` picks each dimension independently from the seeded
`random.Random`, so combinations occur that nobody picked.  A `Variation` is
plain data; `vary_model.apply` changes the model (行次, columns, units, zeros),
`variant_text` and `variant_grid` print it.  `features()` is what the manifest
records, so a failing report can be grouped by the dimensions it drew.
"""
from dataclasses import asdict, dataclass, field

# 行次 schemes of the two-sided tables (1 and 4).
LINENO_SCHEMES = ["contiguous", "contiguous", "offset_totals", "after_right", "per_side", "one_side_left",
                  "one_side_right", "none", "gaps"]
TABLE_CODE_FORMS = ["表{n}", "表{cn}", "附表{n}", "Z{n:02d}", "公开{n:02d}表", "表{n}-1", ""]
TABLE_CODE_PLACES = ["suffix", "prefix", "line_above", "unit_line"]
YEAR_FORMS = ["{y}年度", "{y}年度", "{y}年", ""]
UNIT_LINE_FORMS = ["单位：{u}", "金额单位：{u}", "单位:{u}", "（单位：{u}）", "单位：{u}"]
UNIT_LINE_PLACES = ["right", "right", "left_own_line", "right_own_line", "header", "title"]
DEPT_LABELS = ["部门", "编制单位", "单位名称", "填报单位", ""]
FOOTERS = [None, "dash", "plain", "of_total", "chinese"]
WATERMARKS = [None, None, "公开", "仅供参考", "信息公开专用"]
BLANK_STYLES = ["", "", "-", "—", "－"]
ZERO_STYLES = ["0.00", "0.00", "0"]


@dataclass
class Variation:
    producer: str = "text"
    ruled: bool = True
    amount_unit: str = "万元"
    size: str = "small"
    table_units: dict = field(default_factory=dict)     # kind -> amount unit printed by that table
    lineno: str = "contiguous"
    lineno_keep_gaps: bool = False                      # dropped blank rows leave gaps in the 行次
    drop_blank_rows: tuple = (0, 0)                     # blank rows dropped (left, right side)
    lanci_row: bool = True                              # 栏次 row printed
    wrap_left: int = 12
    wrap_right: int = 10
    wrap_coded: int = 12
    vcenter: bool = False                               # labels vertically centred on the numbers
    vcenter_low: bool = False                           # even line counts: numbers on the lower middle line
    row_blocks: str = "one"                             # text: a row's lines in one block or one block each
    three_public_nesting: str = "stage_over_item"       # or item_over_stage
    grouped_expenditure: bool = True                    # 本年支出 over 合计/基本支出/项目支出 (tables 5, 8)
    total_last: bool = False                            # coded tables print their total column last
    drop_zero_columns: bool = False                     # columns blank in every row are not printed
    fund_order: str = "gb_gf_sc"                        # table 4 fund column order
    year_form: str = "{y}年度"
    unit_in_title: bool = False                         # the department's name starts each table title
    code_form: str = "表{n}"
    code_place: str = "suffix"
    unit_form: str = "单位：{u}"
    unit_place: str = "right"
    dept_label: str = "部门"
    running_header: bool = False
    footer: object = None
    watermark: object = None
    blank_style: str = ""
    zero_style: str = "0.00"
    print_zeros: bool = False                           # some tables print 0 in empty cells
    thousands: bool = False
    code_layout: str = "joined"                         # joined | split | split_sparse
    header_width: int = 2                               # text: header cell characters a line
    tounicode: bool = True                              # PDF: keep the fonts' ToUnicode maps
    rotate_tables: bool = False                         # PDF: landscape table pages stored rotated
    orientation: str = "portrait"
    font: str = "WenQuanYi Zen Hei"
    table_font_size: float = 8
    page_lines: int = 46
    total_label_t5: str = "小计"

    def features(self):
        out = asdict(self)
        out["table_units"] = dict(sorted(self.table_units.items()))
        out["drop_blank_rows"] = list(self.drop_blank_rows)
        return out


FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]


def draw(rng, producer, size="small"):
    """Every dimension drawn independently (the producer and size are given)."""
    v = Variation(producer=producer, size=size)
    v.amount_unit = rng.choice(["万元", "万元", "万元", "元", "元", "千元"])
    if v.amount_unit == "万元" and rng.random() < 0.3:
        v.table_units = {k: "元" for k in rng.sample(["general_budget_basic_expenditure", "three_public",
                                                       "general_budget_expenditure", "gov_fund"],
                                                      rng.randint(1, 2))}
    v.ruled = producer == "text" or rng.random() < 0.55
    v.lineno = rng.choice(LINENO_SCHEMES)
    v.lineno_keep_gaps = v.lineno == "gaps"
    v.drop_blank_rows = (rng.choice([0, 0, 1, 3, 10, 99]), rng.choice([0, 0, 1, 2, 99]))
    if v.lineno == "offset_totals":
        v.drop_blank_rows = (1, v.drop_blank_rows[1])
    v.lanci_row = rng.random() < 0.7
    v.wrap_left = rng.choice([0, 5, 6, 7, 8, 9, 10, 12, 14])
    v.wrap_right = rng.choice([0, 5, 6, 7, 8, 9, 10, 12])
    v.wrap_coded = rng.choice([0, 6, 8, 9, 10, 12, 14, 16])
    v.vcenter = rng.random() < 0.35
    v.vcenter_low = rng.random() < 0.5
    v.row_blocks = rng.choice(["one", "one", "split"])
    v.three_public_nesting = rng.choice(["stage_over_item", "stage_over_item", "item_over_stage"])
    v.grouped_expenditure = rng.random() < 0.6
    v.total_last = rng.random() < 0.2
    v.drop_zero_columns = rng.random() < 0.3
    v.fund_order = rng.choice(["gb_gf_sc", "gb_gf_sc", "gb_gf_sc", "gb_sc_gf"])
    v.year_form = rng.choice(YEAR_FORMS)
    v.unit_in_title = rng.random() < 0.2
    v.code_form = rng.choice(TABLE_CODE_FORMS)
    v.code_place = rng.choice(TABLE_CODE_PLACES)
    v.unit_form = rng.choice(UNIT_LINE_FORMS)
    v.unit_place = rng.choice(UNIT_LINE_PLACES)
    v.dept_label = rng.choice(DEPT_LABELS)
    v.running_header = rng.random() < 0.3
    v.footer = rng.choice(FOOTERS)
    v.watermark = rng.choice(WATERMARKS)
    v.blank_style = rng.choice(BLANK_STYLES)
    v.zero_style = rng.choice(ZERO_STYLES)
    v.print_zeros = rng.random() < 0.25
    v.thousands = v.amount_unit != "万元" or rng.random() < 0.25
    v.code_layout = rng.choice(["joined", "joined", "joined", "split", "split_sparse"])
    if producer != "text" and v.code_layout == "split_sparse":
        v.code_layout = "split"
    v.header_width = rng.choice([1, 2, 2, 3, 4, 6])
    v.tounicode = producer in ("text", "reportlab") or rng.random() < 0.75
    v.orientation = "landscape" if rng.random() < 0.3 else "portrait"
    v.rotate_tables = producer != "text" and v.orientation == "landscape" and rng.random() < 0.5
    if producer == "chromium":
        v.font = rng.choice([FONTS[2]] * 4 + FONTS[:2])
    elif producer == "reportlab":
        v.font = "STSong-Light"
    else:
        v.font = rng.choice(FONTS)
    v.table_font_size = rng.choice([7, 7.5, 8, 8.5])
    v.page_lines = rng.randint(36, 56)
    v.total_label_t5 = rng.choice(["小计", "合计", "本年支出合计"])
    return v
