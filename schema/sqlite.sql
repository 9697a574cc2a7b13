-- yujuesuan.sqlite: the database a corpus run (`yujuesuan extract`) writes.
-- One row per input file in `reports` (read or not), one per recognised
-- table in `tables`, one per number in `cells` (the cells contract of
-- ../shared/spec/cells.md, with `table`, `row` and `column` renamed so they
-- need no quoting in SQL), one per failed file in `errors`; and everything
-- else the report JSON holds as rows: `checks`, `facts`, `discrepancies`,
-- `self_evaluation` (+ `_indicators`, `_budget`) and `sections`, keyed to
-- `reports` by `report_id` and ordered by `seq` as in the JSON. JSON fields
-- whose names are SQL keywords or clash are renamed: `where` → `location`,
-- `table` → `table_kind`, `unit` (of a value) → `value_unit`.
-- This file is the one definition: the Parquet files and the PostgreSQL
-- schema take their columns and types from it (INTEGER, REAL, TEXT). Parquet
-- stores TEXT dictionary-encoded (an Arrow dictionary type) unless the
-- column's comment starts with [distinct] (mostly one value per row).
-- Rebuilt from scratch at the end of every run; ids follow input order.
-- Tables first; the indexes follow the marker line further down, and are
-- created after the rows are inserted, which is faster.

PRAGMA foreign_keys = ON;

CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,  -- input order, from 1
  name        TEXT NOT NULL UNIQUE, -- [distinct] output name: reports/<name>.json
  report      TEXT NOT NULL,        -- the file's stem: the cells' `report`
  path        TEXT NOT NULL,        -- [distinct] the path read
  sha256      TEXT,                 -- [distinct] of the file's bytes
  status      TEXT NOT NULL,        -- 'read' or 'failed'
  input_kind  TEXT,                 -- 'pdf' or 'text'
  unit        TEXT,                 -- reporting unit (部门/单位)
  year        INTEGER,              -- fiscal year covered
  amount_unit TEXT,                 -- 元, 千元 or 万元 (most tables')
  pages       INTEGER,
  tables      INTEGER,              -- tables recognised
  cells       INTEGER,              -- numbers read
  warnings    INTEGER,              -- warnings in the report JSON
  checks_fail INTEGER,              -- checks failing on cells read with certainty
  checks_unverified INTEGER,        -- checks failing as read on cells read with doubt (no accusation)
  discrepancies INTEGER,            -- narrative figures differing from cells read with certainty
  discrepancies_unverified INTEGER  -- the same on cells read with doubt
);

CREATE TABLE tables (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  seq         INTEGER NOT NULL,     -- printed order within the report, from 1
  kind        TEXT NOT NULL,        -- canonical kind, e.g. 'fiscal_grant_summary'
  title       TEXT NOT NULL,        -- as printed
  number      INTEGER,              -- printed table number
  page        INTEGER NOT NULL,
  amount_unit TEXT,
  empty       INTEGER NOT NULL,     -- 1 when printed with no data (本单位无…)
  rows        INTEGER NOT NULL,
  cells       INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE cells (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  report      TEXT NOT NULL,        -- contract field `report`
  document    TEXT NOT NULL,        -- contract field `document`: final_accounts or budget
  unit        TEXT,                 -- contract field `unit`
  year        INTEGER,              -- contract field `year`
  amount_unit TEXT,                 -- contract field `amount_unit`
  table_kind  TEXT NOT NULL,        -- contract field `table`
  row_key     TEXT NOT NULL,        -- contract field `row`
  row_name    TEXT NOT NULL,        -- contract field `row_name`
  column_name TEXT NOT NULL,        -- contract field `column`
  value       REAL NOT NULL,        -- contract field `value`, as printed
  value_yuan  REAL,                 -- value × 1, 1000 or 10000 by amount_unit
  printed     TEXT,                 -- [distinct] the number as printed (1,234.50), when read from one
  page        INTEGER,              -- where the number is printed: its page,
  x0          REAL,                 -- its box in PDF points (origin bottom-left; PDF input):
  y0          REAL,                 --   left, bottom,
  x1          REAL,                 --   right,
  y1          REAL,                 --   top
  line        INTEGER               -- or its line in the file (text input)
);

CREATE TABLE errors (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  path        TEXT NOT NULL,        -- [distinct]
  class       TEXT NOT NULL,        -- not_pdf, encrypted, corrupt, no_text_layer,
                                    -- unrecognised_layout, too_large, timeout, internal
  message     TEXT NOT NULL         -- [distinct]
);

CREATE TABLE checks (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  seq         INTEGER NOT NULL,     -- order in the report JSON's `checks`, from 1
  kind        TEXT NOT NULL,        -- row_identity, table_identity, item_sum, tree,
                                    -- cross_table, self_evaluation
  rule        TEXT NOT NULL,        -- the rule as declared in grammars/
  location    TEXT NOT NULL,        -- JSON `where`: table[row][column]
  table_kind  TEXT NOT NULL,        -- JSON `table`: the left-hand side's table kind
  page        INTEGER,
  expected    REAL NOT NULL,        -- what the right-hand side gives
  found       REAL NOT NULL,        -- what the left-hand side prints
  difference  REAL NOT NULL,        -- found - expected
  outcome     TEXT NOT NULL,        -- pass, rounding, fail (and any later outcome)
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE facts (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  seq         INTEGER NOT NULL,     -- order in the report JSON's `facts`, from 1
  name        TEXT NOT NULL,        -- canonical fact name (README, "Canonical fact names")
  item        TEXT,                 -- the 类/项, source or project, for names with items
  value       REAL NOT NULL,        -- signed: a decrease is negative
  value_unit  TEXT NOT NULL,        -- JSON `unit`: 万元, 千元, 元, %, 个, 辆 …
  printed     TEXT NOT NULL,        -- [distinct] the number as printed
  sentence    TEXT NOT NULL,        -- [distinct]
  page        INTEGER NOT NULL,
  section     TEXT NOT NULL,        -- the headings the sentence sits under
  cell        TEXT,                 -- table[row][column] the figure restates
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE discrepancies (
  report_id       INTEGER NOT NULL REFERENCES reports(id),
  seq             INTEGER NOT NULL, -- order in the report JSON's `discrepancies`, from 1
  kind            TEXT NOT NULL,    -- figure, percentage, self_evaluation
  fact            TEXT NOT NULL,    -- canonical fact name
  item            TEXT,
  narrative_value REAL NOT NULL,    -- as the narrative states it
  table_value     REAL NOT NULL,    -- the table's, in the same unit (or recomputed %)
  difference      REAL NOT NULL,    -- narrative_value - table_value
  value_unit      TEXT NOT NULL,    -- JSON `unit`
  sentence        TEXT NOT NULL,    -- [distinct]
  page            INTEGER NOT NULL,
  cell            TEXT NOT NULL,    -- table[row][column], or the percentage's formula
  cell_page       INTEGER,
  note            TEXT,             -- e.g. truncated rather than rounded
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE self_evaluation (
  report_id       INTEGER NOT NULL REFERENCES reports(id),
  seq             INTEGER NOT NULL, -- order in the JSON's `self_evaluation.tables`, from 1
  kind            TEXT NOT NULL,    -- overall (整体绩效自评表) or project (项目自评表)
  title           TEXT NOT NULL,
  page            INTEGER NOT NULL,
  project         TEXT,             -- 项目名称
  budget          REAL,             -- 预算数 (A), 万元
  actual          REAL,             -- 执行数 (B), 万元
  rate_pct        REAL,             -- 执行率 as printed
  execution_score REAL,             -- 预算执行 得分
  total_score     REAL,             -- 总分 as printed
  indicators      INTEGER NOT NULL, -- rows in self_evaluation_indicators
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE self_evaluation_indicators (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  table_seq   INTEGER NOT NULL,     -- self_evaluation.seq
  seq         INTEGER NOT NULL,     -- order within the table, from 1
  goal        INTEGER,              -- 年度目标 number
  level1      TEXT,                 -- 一级指标
  level2      TEXT,                 -- 二级指标
  name        TEXT NOT NULL,        -- 三级指标
  target      TEXT,                 -- [distinct] 年初目标值, as printed
  actual      TEXT,                 -- [distinct] 实际完成值, as printed
  score       REAL NOT NULL,        -- 得分
  page        INTEGER NOT NULL,
  PRIMARY KEY (report_id, table_seq, seq)
);

CREATE TABLE self_evaluation_budget (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  seq         INTEGER NOT NULL,     -- row order in the self-evaluation report's budget table
  label       TEXT NOT NULL,        -- 基本支出/人员经费, 项目支出/小计 …
  column_name TEXT NOT NULL,        -- 年初预算数, 调整后预算数, 决算数
  value       REAL,                 -- NULL for a printed dash
  page        INTEGER NOT NULL
);

CREATE TABLE sections (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  seq         INTEGER NOT NULL,     -- reading order (the JSON's structure.outline), from 1
  heading     TEXT NOT NULL,
  level       INTEGER NOT NULL,     -- 0 part (第N部分), 1 section (一、), 2 (（一）), 3 item
  page        INTEGER NOT NULL,
  text        TEXT NOT NULL,        -- [distinct] the paragraphs under the heading, joined
  PRIMARY KEY (report_id, seq)
);

-- @indexes
CREATE INDEX cells_by_table_row ON cells (table_kind, row_key, column_name);
CREATE INDEX cells_by_unit_year ON cells (unit, year);
CREATE INDEX cells_by_report ON cells (report_id);
CREATE INDEX tables_by_kind ON tables (kind);
CREATE INDEX reports_by_unit_year ON reports (unit, year);
CREATE INDEX errors_by_class ON errors (class);
CREATE INDEX checks_by_outcome ON checks (outcome, kind);
CREATE INDEX checks_by_table ON checks (table_kind);
CREATE INDEX facts_by_name ON facts (name, item);
CREATE INDEX discrepancies_by_kind ON discrepancies (kind, fact);
CREATE INDEX self_evaluation_by_kind ON self_evaluation (kind);
CREATE INDEX self_evaluation_budget_by_report ON self_evaluation_budget (report_id);
