"""Where the project misreads the variation corpus, grouped into families.

Runs `yujuesuan extract` over corpus/variations (text, each PDF producer,
planted errors separately), scores every report's cells against its truth
and prints markdown: F1 per group, reports not read, the most frequent kinds
of wrong cells, which drawn dimensions go with misreadings (share of reports
below F1 1.0 per feature value), false failing checks and discrepancies on
clean reports by rule, and planted errors missed. FAILURES.md is written from
its output.

usage: python3 corpus/generator/diagnose_variations.py [--bin target/debug/yujuesuan] [--out /tmp/vardiag]
       [--groups text,libreoffice-writer,...] [--examples N]
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "variations")
REPO = os.path.dirname(os.path.dirname(HERE))
FEATURES = ["lineno", "drop_blank_rows", "wrap_left", "wrap_right", "wrap_coded", "vcenter", "row_blocks",
            "three_public_nesting", "grouped_expenditure", "total_last", "drop_zero_columns", "fund_order",
            "year_form", "unit_in_title", "code_form", "code_place", "unit_form", "unit_place", "dept_label",
            "running_header", "footer", "watermark", "blank_style", "zero_style", "print_zeros", "thousands",
            "code_layout", "header_width", "tounicode", "rotate_tables", "orientation", "ruled", "amount_unit",
            "lanci_row", "size"]


def norm(s):
    return "".join(unicodedata.normalize("NFKC", s).split()).replace("“", '"').replace("”", '"')


def key(c):
    return (norm(c["report"]), c["table"], norm(c["row"]), norm(c["column"]))


def load_truth(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {key(c): c["value"] for c in map(json.loads, fh)}


def extract(binary, files, out):
    os.makedirs(out, exist_ok=True)
    subprocess.run([binary, "extract", "--format", "reports,jsonl", "--force", "-j", "2", "-o", out, *files],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cells = defaultdict(dict)
    path = os.path.join(out, "cells.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for c in map(json.loads, fh):
                cells[norm(c["report"])][key(c)] = c["value"]
    errors = {}
    path = os.path.join(out, "errors.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for e in map(json.loads, fh):
                errors[os.path.splitext(os.path.basename(e.get("file", e.get("path", ""))))[0]] = \
                    e.get("class", "") + ": " + e.get("message", "")
    reports = {}
    folder = os.path.join(out, "reports")
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            reports[os.path.splitext(name)[0]] = json.load(fh)
    return cells, errors, reports


def diff(truth, got):
    out = []
    for k, v in got.items():
        if k not in truth:
            out.append(("EXTRA", k, v, None))
        elif abs(truth[k] - v) > 0.005:
            out.append(("WRONG", k, v, truth[k]))
    out += [("MISSED", k, None, v) for k, v in truth.items() if k not in got]
    return out


def f1(n_truth, n_got, correct):
    p = correct / n_got if n_got else 0
    r = correct / n_truth if n_truth else 0
    return 2 * p * r / (p + r) if p + r else 0


def row_class(table, row):
    if row.isdigit():
        return "coded"
    if "/" in row:
        return "side item" if not any(t in row for t in ("合计", "总计", "结转", "结余")) else "side total"
    return row


def alarms(report):
    fails = [c for c in report.get("checks", []) if c.get("outcome") == "fail"]
    unverified = [c for c in report.get("checks", []) if c.get("outcome") == "unverified"]
    return fails, unverified, report.get("discrepancies", [])


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "target/debug/yujuesuan"))
    ap.add_argument("--out", default="/tmp/vardiag")
    ap.add_argument("--groups", default="text,libreoffice-writer,libreoffice-calc,chromium,reportlab,planted")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    with open(os.path.join(ROOT, "MANIFEST.json"), encoding="utf-8") as fh:
        files = json.load(fh)["files"]
    for group in args.groups.split(","):
        entries = [e for e in files if (e["producer"] == group and "planted" not in e)
                   or (group == "planted" and "planted" in e)]
        if not entries:
            continue
        cells, errors, reports = extract(args.bin, [os.path.join(ROOT, e["path"]) for e in entries],
                                         os.path.join(args.out, group))
        print(f"\n## {group} ({len(entries)} reports)\n")
        n_truth = n_got = correct = 0
        kinds, low, by_feature, unread = Counter(), [], defaultdict(Counter), []
        examples = defaultdict(list)
        fail_rules, disc_kinds, alarm_reports = Counter(), Counter(), []
        planted_missed = []
        for e in entries:
            stem = os.path.splitext(os.path.basename(e["path"]))[0]
            report = reports.get(stem, {})
            fails, unverified, discs = alarms(report)
            if "planted" in e:
                p = e["planted"] or {}
                if p.get("kind") == "wrong_total":
                    hit = any(c.get("where", "").startswith(f"{p['table']}[合计]") for c in fails)
                elif p.get("kind") == "missing_row":
                    hit = any(c.get("where", "").startswith(f"{p['table']}[{p['row'][:5]}]") for c in fails)
                else:
                    hit = any(abs(d.get("narrative_value", 0) - p["printed"]) < 0.005 for d in discs)
                if not hit:
                    planted_missed.append(f"{stem}: {p.get('kind')} — fails {len(fails)}, unverified "
                                          f"{len(unverified)}, discrepancies {len(discs)}")
                continue
            for c in fails:
                rule = c.get("kind", "") + " " + c.get("where", "").split("[")[0]
                fail_rules[rule] += 1
                if len(examples["fail " + rule]) < args.examples:
                    examples["fail " + rule].append(f"{stem}: {c.get('where')} {c.get('rule')} expected "
                                                    f"{c.get('expected')} found {c.get('found')}")
            for d in discs:
                k = f"{d.get('kind')} {d.get('fact')}"
                disc_kinds[k] += 1
                if len(examples["disc " + k]) < args.examples:
                    examples["disc " + k].append(f"{stem}: narrative {d.get('narrative_value')} vs table "
                                                 f"{d.get('table_value')} {d.get('cell')} «{d.get('sentence', '')[:40]}»")
            if fails or discs:
                alarm_reports.append(stem)
            truth = load_truth(os.path.join(ROOT, e["truth"]))
            got = cells.get(norm(stem), {})
            d = diff(truth, got)
            ok = sum(1 for k in got if k in truth and abs(truth[k] - got[k]) <= 0.005)
            n_truth, n_got, correct = n_truth + len(truth), n_got + len(got), correct + ok
            score = f1(len(truth), len(got), ok)
            if not got:
                unread.append(f"{stem}: {errors.get(stem, 'no cells')}")
            if score < 1.0:
                low.append((score, stem))
            for feat in FEATURES:
                by_feature[feat][(str(e["features"].get(feat)), score < 1.0)] += 1
            for what, k, v, t in d:
                cls = (what, k[1], row_class(k[1], k[2]), k[3] if k[1] != "three_public" else "*")
                kinds[cls] += 1
                if len(examples[cls]) < args.examples:
                    examples[cls].append(f"{stem}: {k[2]} [{k[3]}] got {v} truth {t}")
        if n_truth:
            print(f"F1 {f1(n_truth, n_got, correct):.4f} over {n_truth} truth cells; {len(low)} reports below 1.0; "
                  f"{len(unread)} not read\n")
        for u in unread:
            print(f"- not read: {u}")
        if kinds:
            print("\n| wrong cells | table | row | column | count | examples |\n|---|---|---|---|---|---|")
            for cls, n in kinds.most_common(25):
                print(f"| {cls[0]} | {cls[1]} | {cls[2]} | {cls[3]} | {n} | {'<br>'.join(examples[cls])} |")
            print("\nDimensions that go with misreading (value: reports below F1 1.0 / reports drawn, only "
                  "values at least 25 points above the group's rate):\n")
            rate = len(low) / max(1, len(entries))
            for feat in FEATURES:
                vals = defaultdict(lambda: [0, 0])
                for (val, bad), n in by_feature[feat].items():
                    vals[val][1] += n
                    if bad:
                        vals[val][0] += n
                hot = [f"{val}: {b}/{t}" for val, (b, t) in sorted(vals.items()) if t >= 3 and b / t >= rate + 0.25]
                if hot:
                    print(f"- {feat}: " + ", ".join(hot))
        if fail_rules or disc_kinds:
            print(f"\nFalse alarms on clean reports: {len(alarm_reports)} reports, {sum(fail_rules.values())} failing "
                  f"checks, {sum(disc_kinds.values())} discrepancies\n")
            for rule, n in fail_rules.most_common(15):
                print(f"- fail {rule}: {n} — " + "; ".join(examples['fail ' + rule]))
            for k, n in disc_kinds.most_common(15):
                print(f"- discrepancy {k}: {n} — " + "; ".join(examples['disc ' + k]))
        if group == "planted":
            print(f"Planted errors missed: {len(planted_missed)} of {len(entries)}\n")
            for m in planted_missed:
                print(f"- {m}")


if __name__ == "__main__":
    main(sys.argv[1:])
