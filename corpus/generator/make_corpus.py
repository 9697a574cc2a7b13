"""Regenerate the whole corpus: seed variants, random text reports, PDFs, MANIFEST.json.

usage: python3 corpus/generator/make_corpus.py [--no-pdf]
Deterministic: every random choice comes from a seeded random.Random.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import make_text_corpus  # noqa: E402
import seed_variants  # noqa: E402


OUTPUT_DIRS = ("seed-variants", "text", "truth", "pdf")


def remove_stale(entries):
    """Delete output files this run did not list (left over from an older plan)."""
    keep = {e["path"] for e in entries} | {e["truth"] for e in entries}
    for top in OUTPUT_DIRS:
        for folder, _, names in os.walk(os.path.join(ROOT, top)):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.relpath(path, ROOT) not in keep:
                    os.remove(path)


def main(argv):
    entries = seed_variants.write_all(ROOT)
    entries += make_text_corpus.write_all(ROOT)
    if "--no-pdf" not in argv:
        import make_pdf_corpus
        entries += make_pdf_corpus.write_all(ROOT)
    else:
        old = os.path.join(ROOT, "MANIFEST.json")
        if os.path.exists(old):
            with open(old, encoding="utf-8") as fh:
                entries += [e for e in json.load(fh)["files"] if e["producer"] != "text" or
                            e.get("pdf_twin")]
    remove_stale(entries)
    with open(os.path.join(ROOT, "MANIFEST.json"), "w", encoding="utf-8") as fh:
        json.dump({"generator": "corpus/generator/make_corpus.py", "files": entries}, fh,
                  ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{len(entries)} files in MANIFEST.json")


if __name__ == "__main__":
    main(sys.argv[1:])
