#!/usr/bin/env bash
# Imports a workbook of the published RPW file's size (253,960 rows, made by
# //bench:make_rpw_workbook) with remitrank and with pandas, interleaved,
# several rounds, and prints each run, the medians and the ratios:
# remitrank against pandas.read_excel (openpyxl, Debian's python3) and
# against the floor (libzip inflating both sheets, bytes discarded).
#
#   bench/rpw_import_compare.sh [rounds] [pandas_rows]
#
# pandas takes minutes on the full file: it reads a smaller workbook of the
# same shape (pandas_rows rows, default 25,396, a tenth), and its time is
# scaled to the full row count; remitrank also reads that smaller file, for
# a ratio at equal size. pandas_rows=253960 reads the full file.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
pandas_rows=${2:-25396}
full_rows=253960
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //bench:make_rpw_workbook \
  //bench:rpw_import_benchmark >&2
bin=bazel-bin/bench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$bin/make_rpw_workbook --rows=$full_rows --out="$out/full.xlsx" >&2
$bin/make_rpw_workbook --rows="$pandas_rows" --out="$out/small.xlsx" >&2

echo "load average at the start: $(cut -d" " -f1-3 /proc/loadavg)" >&2
for round in $(seq "$rounds"); do
  RPW_BENCH_WORKBOOK="$out/full.xlsx" $bin/rpw_import_benchmark \
    --benchmark_format=json 2>/dev/null >"$out/full.$round.json"
  /usr/bin/python3 bench/pandas_read_rpw.py "$out/small.xlsx" \
    >"$out/pandas.$round"
  RPW_BENCH_WORKBOOK="$out/small.xlsx" $bin/rpw_import_benchmark \
    --benchmark_filter='BM_Parse/' --benchmark_format=json \
    2>/dev/null >"$out/small.$round.json"
  echo "round $round done: pandas $(cat "$out/pandas.$round")" >&2
done

/usr/bin/python3 - "$out" "$rounds" "$pandas_rows" "$full_rows" <<'PY'
import json, re, statistics, sys
out, rounds, small_rows, full_rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def bench(path):
    runs = {}
    for b in json.load(open(path))["benchmarks"]:
        runs[b["name"].split("/")[0]] = (b["real_time"] / 1e3, b["cpu_time"] / 1e3)
    return runs

scale = full_rows / small_rows
rows = []
for r in range(1, rounds + 1):
    full = bench(f"{out}/full.{r}.json")
    small = bench(f"{out}/small.{r}.json")
    text = open(f"{out}/pandas.{r}").read()
    pandas = (float(re.search(r"seconds=([0-9.]+)", text).group(1)),
              float(re.search(r"cpu_seconds=([0-9.]+)", text).group(1)))
    row = {
        "floor": full["BM_InflateFloor"], "parse": full["BM_Parse"],
        "parse1": full["BM_ParseOneThread"],
        "load": full["BM_ParseAndBuild"], "small_parse": small["BM_Parse"],
        "pandas_small": pandas,
        "pandas_full": (pandas[0] * scale, pandas[1] * scale),
    }
    rows.append(row)
    print(f"round {r}: floor {row['floor'][0]:.2f} s, parse {row['parse'][0]:.2f} s, "
          f"parse+snapshot {row['load'][0]:.2f} s; {small_rows} rows: remitrank "
          f"parse {row['small_parse'][0]:.3f} s, pandas {pandas[0]:.2f} s "
          f"(cpu {pandas[1]:.2f} s)")

def med(key, i=0):
    return statistics.median(row[key][i] for row in rows)

def paired(a, b, i=0):  # median over rounds of each round's a / b
    return statistics.median(row[a][i] / row[b][i] for row in rows)

import os
print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
print(f"medians of {rounds} rounds, wall seconds (cpu seconds, whole process):")
for key, label in [("floor", "floor: libzip inflate, both sheets"),
                   ("parse", "remitrank: ParseDataset"),
                   ("parse1", "remitrank: ParseDataset, one thread"),
                   ("load", "remitrank: ParseDataset + Snapshot::Build"),
                   ("pandas_full", f"pandas read_excel, scaled x{scale:.2f} from {small_rows} rows")]:
    print(f"  {label}: {med(key):.2f} ({med(key, 1):.2f})")
print("ratios (median over rounds of each round's own ratio; wall, cpu):")
for a, b, label in [("pandas_full", "load", "pandas / remitrank parse+snapshot"),
                    ("pandas_full", "parse", "pandas / remitrank parse"),
                    ("pandas_small", "small_parse", f"pandas / remitrank parse, both at {small_rows} rows"),
                    ("parse", "floor", "remitrank parse / floor"),
                    ("parse1", "floor", "remitrank parse, one thread / floor"),
                    ("parse1", "parse", "remitrank parse, one thread / default threads"),
                    ("load", "floor", "remitrank parse+snapshot / floor")]:
    print(f"  {label}: {paired(a, b):.1f}x, {paired(a, b, 1):.1f}x")
PY
