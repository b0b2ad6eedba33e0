#!/usr/bin/env python3
"""The FX margins real RPW rows imply: the figures behind the plausible band.

For every transparent row of the given RPW CSV files (column names in either
case), and each of its surveyed amounts (cc1, cc2), the margin its rate
implies over the row's own interbank rate, (m - r) / m x 100, computed
exactly with decimals. Prints how many, the smallest, the percentiles and
the largest, and the rows at both ends.

Usage: /usr/bin/python3 tools/rpw_margins.py FILE.csv...
"""
import csv
import decimal
import sys

decimal.getcontext().prec = 40
PERCENTILES = (1, 5, 25, 50, 75, 95, 99)


def margins(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items()}
            if row.get("transparent", "").lower() not in ("yes", "y", ""):
                continue
            try:
                mid = decimal.Decimal(row["inter lcu bank fx"])
            except (KeyError, decimal.InvalidOperation):
                continue
            for block in ("cc1", "cc2"):
                try:
                    rate = decimal.Decimal(row[block + " lcu fx rate"])
                except (KeyError, decimal.InvalidOperation):
                    continue
                if rate > 0 and mid > 0:
                    yield (mid - rate) / mid * 100, f"{path}:{line} {block}"


def main(paths):
    found = sorted(m for path in paths for m in margins(path))
    if not found:
        sys.exit("no transparent row with a rate and an interbank rate")
    n = len(found)
    print(f"{n} surveyed rates of transparent rows")
    print(f"min {found[0][0]:.2f} %  ({found[0][1]})")
    for p in PERCENTILES:
        # Nearest rank.
        k = max(1, -(-p * n // 100))
        print(f"p{p} {found[k - 1][0]:.2f} %")
    print(f"max {found[-1][0]:.2f} %  ({found[-1][1]})")


if __name__ == "__main__":
    main(sys.argv[1:])
