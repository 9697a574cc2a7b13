"""Self-test of the generator: the seed's model reproduces the seed's hand-read
truth exactly, and every truth file in the corpus obeys the cells contract's
key rules.  usage: python3 corpus/generator/selftest.py  (exit 1 on failure)
"""
import glob
import json
import os
import sys

import cells
import model
import seed_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def key(c):
    return c["table"], c["row"], c["column"]


def seed_reproduced():
    truth = {key(c): c["value"] for c in seed_model.load_truth()}
    report = model.build_report(seed_model.seed_budget(), seed_model.SEED_STEM)
    built = {key(c): c["value"] for c in cells.report_cells(report)}
    return truth == built


def truth_files_ok():
    bad = []
    for path in glob.glob(os.path.join(ROOT, "truth", "*.cells.jsonl")):
        stem = os.path.basename(path)[:-len(".cells.jsonl")]
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                c = json.loads(line)
                if c["report"] != stem or c["table"] not in model.TABLE_KINDS or \
                        c["column"] not in model.TABLE_COLUMNS[c["table"]] or c["amount_unit"] not in ("元", "千元", "万元"):
                    bad.append((path, c))
                    break
    return bad


if __name__ == "__main__":
    ok = seed_reproduced()
    print("seed truth reproduced:", ok)
    bad = truth_files_ok()
    print("truth files with a bad cell:", len(bad))
    for path, c in bad[:5]:
        print(" ", path, c)
    sys.exit(0 if ok and not bad else 1)
