-- yujuesuan.sqlite: the database a corpus run (`yujuesuan extract`) writes.
-- One row per input file in `reports` (read or not), one per recognised
-- table in `tables`, one per number in `cells` (the cells contract of
-- ../shared/spec/cells.md, with `table`, `row` and `column` renamed so they
-- need no quoting in SQL), one per failed file in `errors`.
-- Rebuilt from scratch at the end of every run; ids follow input order.
-- Tables first; the indexes follow the marker line further down, and are
-- created after the rows are inserted, which is faster.

PRAGMA foreign_keys = ON;

CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,  -- input order, from 1
  name        TEXT NOT NULL UNIQUE, -- output name: reports/<name>.json
  report      TEXT NOT NULL,        -- the file's stem: the cells' `report`
  path        TEXT NOT NULL,        -- the path read
  sha256      TEXT,                 -- of the file's bytes
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
  unit        TEXT,                 -- contract field `unit`
  year        INTEGER,              -- contract field `year`
  amount_unit TEXT,                 -- contract field `amount_unit`
  table_kind  TEXT NOT NULL,        -- contract field `table`
  row_key     TEXT NOT NULL,        -- contract field `row`
  row_name    TEXT NOT NULL,        -- contract field `row_name`
  column_name TEXT NOT NULL,        -- contract field `column`
  value       REAL NOT NULL,        -- contract field `value`, as printed
  value_yuan  REAL                  -- value × 1, 1000 or 10000 by amount_unit
);

CREATE TABLE errors (
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  path        TEXT NOT NULL,
  class       TEXT NOT NULL,        -- not_pdf, encrypted, corrupt, no_text_layer,
                                    -- unrecognised_layout, too_large, timeout, internal
  message     TEXT NOT NULL
);

-- @indexes
CREATE INDEX cells_by_table_row ON cells (table_kind, row_key, column_name);
CREATE INDEX cells_by_unit_year ON cells (unit, year);
CREATE INDEX cells_by_report ON cells (report_id);
CREATE INDEX tables_by_kind ON tables (kind);
CREATE INDEX reports_by_unit_year ON reports (unit, year);
CREATE INDEX errors_by_class ON errors (class);
