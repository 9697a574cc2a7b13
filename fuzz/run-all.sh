#!/usr/bin/env bash
# Runs the three fuzz targets one after another (one job: the machine is
# shared), SECONDS each (default 600), logging to fuzz/logs/<target>.log.
# Needs `cargo install cargo-fuzz` and a nightly toolchain (or
# RUSTC_BOOTSTRAP=1 with stable: set TOOLCHAIN= to use the default).
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
toolchain=${TOOLCHAIN-+nightly}
mkdir -p logs
for target in ${TARGETS:-pdf_pages text_report pipeline}; do
  cargo $toolchain fuzz run -s none "$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 > "logs/$target.log" 2>&1
  echo "$target exit $?: $(grep -E '^stat::number_of_executed_units' "logs/$target.log")"
done
