#!/usr/bin/python3
"""Times pandas.read_excel (openpyxl) reading both dataset sheets of an RPW
workbook, as a user converting the published file would. Prints one line:
seconds=S cpu_seconds=C rows=N (wall and CPU time). Run with Debian's python3 (python3-pandas,
python3-openpyxl):

    /usr/bin/python3 bench/pandas_read_rpw.py /tmp/rpw.xlsx
"""
import sys
import time

import pandas

SHEETS = ["Dataset (up to Q1 2016)", "Dataset (from Q2 2016)"]


def main():
    path = sys.argv[1]
    start = time.perf_counter()
    cpu_start = time.process_time()
    frames = pandas.read_excel(path, sheet_name=SHEETS, engine="openpyxl")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    rows = sum(len(frame) for frame in frames.values())
    print(f"seconds={seconds:.3f} cpu_seconds={cpu:.3f} rows={rows}")


if __name__ == "__main__":
    main()
