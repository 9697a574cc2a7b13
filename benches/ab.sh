#!/usr/bin/env bash
# Side by side: two or more `yujuesuan` binaries (e.g. before and after a
# change) over the same input, runs interleaved (A B A B …) so that a
# machine whose speed drifts during the comparison treats them alike. One
# warm-up round, then RUNS rounds, each run into a fresh output folder.
# Prints per binary the fastest and median wall time, the median CPU time
# (user + system, workers included), and both as ratios to the first.
#
# Usage: benches/ab.sh RUNS SRC JOBS BIN_A [BIN_B …]
#   e.g. benches/ab.sh 12 corpus/pdf 1 /tmp/yujuesuan-before target/release/yujuesuan
# FORMATS (default reports,jsonl,sqlite) is passed to --format.
set -euo pipefail
if [ "$#" -lt 4 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
RUNS=$1 SRC=$2 JOBS=$3
shift 3
FORMATS="${FORMATS:-reports,jsonl,sqlite}"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for ((round = 0; round <= RUNS; round++)); do
  for bin in "$@"; do
    rm -rf "$TMP/out"
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$TMP/cpu" "$bin" extract "$SRC" -o "$TMP/out" -q \
      --format "$FORMATS" --jobs "$JOBS"
    end=$(date +%s%N)
    [ "$round" -eq 0 ] && continue
    echo "$bin $(((end - start) / 1000000)) $(awk '{print $1 + $2}' "$TMP/cpu")" >>"$TMP/times"
  done
done
python3 - "$TMP/times" <<'PY'
import collections, statistics, sys
wall, cpu = collections.defaultdict(list), collections.defaultdict(list)
for line in open(sys.argv[1]):
    b, w, c = line.split()
    wall[b].append(int(w)); cpu[b].append(float(c))
first = None
for b in wall:
    fastest, median = min(wall[b]), statistics.median(wall[b])
    first = first or (fastest, median)
    print(f"{b}: fastest {fastest} ms, median {median:.1f} ms, CPU median {statistics.median(cpu[b]):.3f} s;"
          f" first ÷ this: {first[0] / fastest:.3f} (fastest), {first[1] / median:.3f} (median)")
PY
