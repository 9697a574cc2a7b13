#!/usr/bin/env bash
# Corpus benchmark: the whole pipeline (`yujuesuan extract`: PDF → checked
# cells, report JSON, cells.jsonl and SQLite) against `pdftotext` over the
# same PDFs, in the same run. Prints pages/s for both and their ratio (wall
# and CPU time), the speed-up of 2 jobs over 1, and peak memory: the largest
# single process (`/usr/bin/time -v`, "Maximum resident set size") and the
# sum over the parent and its workers (sampled every 100 ms). Then:
# - the text path against the PDF path on the same reports (the text twins
#   corpus/text/<stem>.txt of the PDFs, when every PDF has one), one job,
#   taken in the same round robin;
# - the floor: decompressing and tokenising every content stream of the
#   PDFs in one process (`examples/floor.rs`), and the one-job pipeline as a
#   multiple of it; then hayro's own floor (`floor --interpret`: every page
#   interpreted into a device that discards everything), the part of the
#   pipeline's time no change to this project's own stages can remove, and
#   what 4× `pdftotext` leaves for those stages;
# - `yujuesuan cells` on the smallest PDF (one process, as a user runs it),
#   fastest and median wall time of 5 × RUNS runs.
#
# Usage: [BIN=… FLOOR=…] benches/corpus.sh [RUNS] [BIG]
#   RUNS  timed runs of each command, taken round robin; the fastest is
#         reported, and the median beside it (default 3)
#   BIG   if set, also a run over BIG reports made by repeating the corpus
#         (PDFs and corpus/text) through symlinks in a temporary folder,
#         and one over BIG/10, to show memory stays flat (e.g. 10000)
# PDFs: $PDFS if set, else corpus/pdf when present, else ../shared/real
# (never copied).
set -euo pipefail
RUNS="${1:-3}"
BIG="${2:-}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
for tool in pdftotext pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install poppler-utils time)" >&2; exit 1; }
done
if [ -n "${PDFS:-}" ]; then SRC="$(cd "$PDFS" && pwd)"
elif [ -d "$ROOT/corpus/pdf" ]; then SRC="$ROOT/corpus/pdf"
else SRC="$ROOT/../shared/real"; fi
if [ ! -d "$SRC" ]; then echo "SKIPPED: no PDFs ($SRC is absent)" >&2; exit 0; fi
# BIN and FLOOR may name binaries built already (e.g. an iteration build
# without fat LTO, or an older commit's binary to compare with); otherwise
# the release profile is built here.
if [ -z "${BIN:-}" ] || [ -z "${FLOOR:-}" ]; then
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin yujuesuan --example floor
fi
BIN="${BIN:-$ROOT/target/release/yujuesuan}"
FLOOR="${FLOOR:-$ROOT/target/release/examples/floor}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# The PDFs as symlinks in one folder with plain names (paths with spaces).
mkdir -p "$TMP/pdf"
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  ln -s "$f" "$TMP/pdf/$(printf '%05d' "$n").pdf"
done < <(find "$SRC" -name '*.pdf' -print0 | sort -z)
PAGES=0
for f in "$TMP"/pdf/*.pdf; do
  PAGES=$((PAGES + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')))
done
echo "corpus: $n PDFs, $PAGES pages from $SRC; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The text twins, when every PDF has one (corpus/text/<stem>.txt).
mkdir -p "$TMP/text"
twins=0
while IFS= read -r -d '' f; do
  twin="$ROOT/corpus/text/$(basename "$f" .pdf).txt"
  [ -f "$twin" ] || { twins=0; break; }
  twins=$((twins + 1))
  ln -s "$twin" "$TMP/text/$(printf '%05d' "$twins").txt"
done < <(find "$SRC" -name '*.pdf' -print0 | sort -z)

# Sums the RSS (KB) of a process and its descendants (two levels: time →
# extract → workers) until it ends; prints the peak.
peak_tree_rss() {
  local pid=$1 peak=0 cur kids grandkids
  while kill -0 "$pid" 2>/dev/null; do
    kids=$(pgrep -d, -P "$pid" || true)
    grandkids=$( [ -n "$kids" ] && pgrep -d, -P "$kids" || true)
    cur=$(ps -o rss= -p "$(echo "$pid,$kids,$grandkids" | tr -s , | sed 's/,$//')" 2>/dev/null |
      awk '{s += $1} END {print s + 0}')
    [ "$cur" -gt "$peak" ] && peak=$cur
    sleep 0.1
  done
  echo "$peak"
}

# One timed run of command number $1 (the rest of the arguments): appends
# its wall time and CPU time (user + system) to $TMP/times.$1 and keeps the
# largest single-process RSS (KB) in $TMP/rss.$1.
timed() {
  local id=$1 start end rss
  shift
  # Each run writes into a fresh output folder, as a first run over a
  # corpus does (the --force flag makes it read every file regardless).
  # Replacing an earlier run's outputs would add the kernel's cost of
  # freeing the old files (about 10 ms for this corpus) to the timing.
  rm -rf "$TMP/out"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$TMP/time.txt" "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -F': ' '/User time/ {u = $2} /System time/ {s = $2}
    END { print b - a, u + s }' "$TMP/time.txt" >>"$TMP/times.$id"
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$TMP/time.txt")
  [ "$rss" -gt "$(cat "$TMP/rss.$id" 2>/dev/null || echo 0)" ] && echo "$rss" >"$TMP/rss.$id"
  true
}

# Sets WALL and CPU (the fastest run of command $1 and its CPU time),
# MEDIAN (median wall), MAXRSS, and TREE (peak summed RSS of the process and
# its workers, from one more run with the memory sampler, which is kept out
# of the timed runs because it costs CPU).
summarise() {
  local id=$1
  shift
  read -r WALL CPU < <(sort -n "$TMP/times.$id" | head -1)
  MEDIAN=$(sort -n "$TMP/times.$id" | awk '{w[NR] = $1} END {print w[int((NR + 1) / 2)]}')
  MAXRSS=$(cat "$TMP/rss.$id")
  rm -rf "$TMP/out"
  "$@" >/dev/null 2>&1 &
  TREE=$(peak_tree_rss $!)
  wait $! || true
}

report() { # label
  awk -v l="$1" -v p="$PAGES" -v w="$WALL" -v c="$CPU" -v md="$MEDIAN" -v m="$MAXRSS" -v t="$TREE" \
    'BEGIN { printf "%-28s %6.2f s (median %5.2f) %7.0f pages/s wall %7.0f pages/s CPU  max RSS %6.1f MB, all processes %6.1f MB\n",
             l, w, md, p / w, p / c, m / 1024, t / 1024 }'
}

cat > "$TMP/pdftotext.sh" <<'SH'
for f in "$1"/*.pdf; do pdftotext -q "$f" /dev/null; done
SH
PT=(bash "$TMP/pdftotext.sh" "$TMP/pdf")
# The pipeline as issue 12 defines it: checked cells, report JSON and the
# database (`--format reports,jsonl,sqlite`). The site's cost (crops, HTML)
# is measured on its own (docs/evidence.md); FORMATS overrides.
FORMATS="${FORMATS:-reports,jsonl,sqlite}"
J1=("$BIN" extract "$TMP/pdf" -o "$TMP/out" --force --quiet --jobs 1 --format "$FORMATS")
J2=("$BIN" extract "$TMP/pdf" -o "$TMP/out" --force --quiet --jobs 2 --format "$FORMATS")
TX=("$BIN" extract "$TMP/text" -o "$TMP/out" --force --quiet --jobs 1 --format "$FORMATS")
# Round robin, so that a slow spell of a shared machine hits all three
# commands alike instead of whichever happened to be running.
for i in $(seq "$RUNS"); do
  timed pt "${PT[@]}"
  timed j1 "${J1[@]}"
  timed j2 "${J2[@]}"
  [ "$twins" -gt 0 ] && timed tx "${TX[@]}"
done
summarise pt "${PT[@]}"
PT_WALL=$WALL PT_CPU=$CPU PT_MED=$MEDIAN
report "pdftotext (one per file)"
summarise j1 "${J1[@]}"
J1_WALL=$WALL J1_CPU=$CPU J1_MED=$MEDIAN
report "yujuesuan extract --jobs 1"
summarise j2 "${J2[@]}"
J2_WALL=$WALL J2_MED=$MEDIAN
report "yujuesuan extract --jobs 2"
awk -v pw="$PT_WALL" -v pc="$PT_CPU" -v w1="$J1_WALL" -v c1="$J1_CPU" -v w2="$J2_WALL" \
  -v pm="$PT_MED" -v m1="$J1_MED" -v m2="$J2_MED" \
  'BEGIN { printf "pipeline vs pdftotext, 1 job: %.2fx pages/s (wall), %.2fx (CPU); 2 jobs over 1: %.2fx\n",
           pw / w1, pc / c1, w1 / w2
           printf "the same from median walls: 1 job vs pdftotext %.2fx; 2 jobs over 1: %.2fx\n",
           pm / m1, m1 / m2 }'

if [ "$twins" -gt 0 ]; then
  summarise tx "${TX[@]}"
  report "same reports as text, 1 job"
  awk -v t="$WALL" -v tm="$MEDIAN" -v w1="$J1_WALL" -v m1="$J1_MED" \
    'BEGIN { printf "text path / PDF path, 1 job: %.0f %% (fastest), %.0f %% (medians)\n",
             100 * t / w1, 100 * tm / m1 }'
fi

# The floor, in one process over the same PDFs.
# (Printed, then parsed: `tee /dev/stderr` would truncate a log file that
# stdout and stderr both go to.)
FLOOR_LINE=$("$FLOOR" --runs "$RUNS" "$TMP/pdf")
echo "floor: $FLOOR_LINE"
read -r FL_FAST FL_MED < <(echo "$FLOOR_LINE" |
  sed -E 's/.*fastest ([0-9.]+) s, median ([0-9.]+) s.*/\1 \2/')
awk -v f="$FL_FAST" -v fm="$FL_MED" -v w1="$J1_WALL" -v m1="$J1_MED" \
  'BEGIN { printf "pipeline, 1 job, as a multiple of the floor: %.1fx (fastest), %.1fx (medians)\n",
           w1 / f, m1 / fm }'
HAYRO_LINE=$("$FLOOR" --runs "$RUNS" --interpret "$TMP/pdf")
echo "hayro alone (floor --interpret): $HAYRO_LINE"
read -r HY_FAST HY_MED < <(echo "$HAYRO_LINE" |
  sed -E 's/.*fastest ([0-9.]+) s, median ([0-9.]+) s.*/\1 \2/')
awk -v h="$HY_FAST" -v hm="$HY_MED" -v w1="$J1_WALL" -v m1="$J1_MED" -v p="$PT_WALL" -v pm="$PT_MED" \
  'BEGIN { printf "hayro alone: %.0f %% of the 1-job pipeline (fastest), %.0f %% (medians); 4x pdftotext leaves %.3f s (fastest), %.3f s (medians) for everything else\n",
           100 * h / w1, 100 * hm / m1, p / 4 - h, pm / 4 - hm }'

# One small report through `cells`, start to finish.
SMALL=$(ls -SL "$TMP"/pdf/*.pdf | tail -1)
SMALL=$(readlink -f "$SMALL")
rm -f "$TMP/cells.times"
if command -v hyperfine >/dev/null; then
  # hyperfine starts the process without a shell and times it alone.
  hyperfine -N -w 3 -r $((RUNS * 10)) --export-json "$TMP/cells.json" \
    "$BIN cells $SMALL" >/dev/null 2>&1 || true
  python3 -c 'import json, statistics, sys
t = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"yujuesuan cells {sys.argv[2]} (one process, hyperfine): fastest {min(t) * 1000:.1f} ms, median {statistics.median(t) * 1000:.1f} ms")' \
    "$TMP/cells.json" "$(basename "$SMALL")"
else
  # Without hyperfine: wall time around each run, `date` calls included.
  for i in $(seq $((RUNS * 5))); do
    start=$(date +%s%N)
    "$BIN" cells "$SMALL" >/dev/null 2>&1 || true
    echo $(( ($(date +%s%N) - start) / 1000 )) >>"$TMP/cells.times"
  done
  sort -n "$TMP/cells.times" | awk -v f="$(basename "$SMALL")" '{ t[NR] = $1 }
    END { printf "yujuesuan cells %s (one process, date): fastest %.1f ms, median %.1f ms\n",
          f, t[1] / 1000, t[int((NR + 1) / 2)] / 1000 }'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "$BIG" ]; then
  for count in $((BIG / 10)) "$BIG"; do
    rm -rf "$TMP/big" "$TMP/bigout"
    mkdir -p "$TMP/big"
    k=0 copy=0
    while [ "$k" -lt "$count" ]; do
      copy=$((copy + 1))
      mkdir -p "$TMP/big/$copy"
      for f in "$TMP"/pdf/*.pdf "$ROOT"/corpus/text/*.txt; do
        [ "$k" -ge "$count" ] && break
        ln -s "$(readlink -f "$f")" "$TMP/big/$copy/$(basename "$f")"
        k=$((k + 1))
      done
    done
    # One run, timed and sampled at once (the sampler's cost is small
    # beside a run this long).
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$TMP/time.txt" "$BIN" extract "$TMP/big" -o "$TMP/bigout" --quiet --jobs 2 \
      >/dev/null 2>&1 &
    TREE=$(peak_tree_rss $!)
    wait $! || true
    WALL=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    MAXRSS=$(awk -F': ' '/Maximum resident/ {print $2}' "$TMP/time.txt")
    pages=$(awk -F': ' '/"pages_this_run"/ {gsub(",", "", $2); print $2}' "$TMP/bigout/timing.json")
    awk -v n="$count" -v w="$WALL" -v p="$pages" -v m="$MAXRSS" -v t="$TREE" \
      'BEGIN { printf "%d reports, --jobs 2: %.1f s (%.1f files/s), %d pages read (%.0f pages/s), max RSS %.1f MB, all processes %.1f MB\n",
               n, w, n / w, p, p / w, m / 1024, t / 1024 }'
  done
fi
