#!/usr/bin/env bash
# Instructions executed (valgrind's callgrind, event Ir) by two or more
# `yujuesuan` binaries on the same command, run side by side. For changes
# of a few per cent: on a shared 2-core machine wall and CPU times of the
# same run move by ±8 %, while the instruction count of a run moves by
# about 0.1 %. Instructions are not time (a cache miss costs more than an
# add), so a change kept on this evidence is also timed (benches/ab.sh).
#
# Usage: benches/instructions.sh "ARGS" BIN_A [BIN_B …]
#   e.g. benches/instructions.sh "cells ../shared/real" /tmp/before target/wheel/yujuesuan
# Each binary runs `BIN ARGS` once under callgrind (about 50× slower than
# native); prints the count per binary and its ratio to the first.
set -euo pipefail
if [ "$#" -lt 2 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
ARGS=$1
shift
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
i=0
for bin in "$@"; do
  i=$((i + 1))
  # shellcheck disable=SC2086 # ARGS is a command line, split on purpose
  valgrind --tool=callgrind --callgrind-out-file="$TMP/$i.out" "$bin" $ARGS >/dev/null 2>"$TMP/$i.err" &
done
wait
i=0
first=""
for bin in "$@"; do
  i=$((i + 1))
  ir=$(grep -o 'Collected : [0-9]*' "$TMP/$i.err" | awk '{print $3}')
  [ -z "$first" ] && first=$ir
  awk -v b="$bin" -v ir="$ir" -v f="$first" 'BEGIN { printf "%-50s %15.0f Ir  %.4f of the first\n", b, ir, ir / f }'
done
