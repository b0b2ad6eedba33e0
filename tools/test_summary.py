#!/usr/bin/env python3
"""Summarises `bazel test` runs from their build event (BEP) JSON files.

Usage: test_summary.py LABEL=bep.json|LABEL=results.xml [...]

A file ending in .xml is a JUnit test.xml written by a test run outside
Bazel (web/test/run.sh, the browser tests); its cases count the same way.

Counts test cases (from each test's test.xml) per configuration, lists every
failed case and every test target that did not pass, and ends with the line
"N passed, N failed" (", N skipped" when some were). Exits 1 when anything
failed or a test target did not run, else 0.
"""

import json
import sys
import urllib.parse
import xml.etree.ElementTree as ET


def read_events(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def count_cases(xml_path):
    """Returns (passed, failed, skipped, failed_names) for one test.xml."""
    root = ET.parse(xml_path).getroot()
    passed = failed = skipped = 0
    names = []
    for case in root.iter("testcase"):
        name = f"{case.get('classname', '')}.{case.get('name', '')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            names.append(name)
        elif case.find("skipped") is not None or case.get("result") == "skipped":
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped, names


def summarise(label, path):
    passed = failed = skipped = 0
    problems = []
    seen_targets = set()
    for event in read_events(path):
        ident = event.get("id", {})
        if "testResult" in ident and "testResult" in event:
            target = ident["testResult"]["label"]
            seen_targets.add(target)
            result = event["testResult"]
            xml = None
            for output in result.get("testActionOutput", []):
                if output.get("name") == "test.xml":
                    xml = urllib.parse.urlparse(output["uri"]).path
            if xml is None:
                failed += 1
                problems.append(f"{target}: {result.get('status')} (no test.xml)")
                continue
            p, f, s, names = count_cases(xml)
            passed += p
            failed += f
            skipped += s
            problems.extend(f"{target}: {n}" for n in names)
            if result.get("status") != "PASSED" and f == 0:
                failed += 1
                problems.append(f"{target}: {result.get('status')}")
        elif "testSummary" in ident and "testSummary" in event:
            target = ident["testSummary"]["label"]
            status = event["testSummary"].get("overallStatus")
            if status not in ("PASSED", "FLAKY") and target not in seen_targets:
                failed += 1
                problems.append(f"{target}: {status}")
        elif "targetCompleted" in ident and event.get("aborted"):
            target = ident["targetCompleted"]["label"]
            failed += 1
            problems.append(f"{target}: {event['aborted'].get('reason', 'aborted')}")
        elif "targetCompleted" in ident and "completed" in event:
            if not event["completed"].get("success", False):
                target = ident["targetCompleted"]["label"]
                failed += 1
                problems.append(f"{target}: failed to build")
    return passed, failed, skipped, problems


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    total_passed = total_failed = total_skipped = 0
    for arg in argv[1:]:
        label, _, path = arg.partition("=")
        try:
            if path.endswith(".xml"):
                p, f, s, names = count_cases(path)
                problems = names
            else:
                p, f, s, problems = summarise(label, path)
        except (OSError, ValueError, ET.ParseError) as e:
            p, f, s, problems = 0, 1, 0, [f"cannot read results: {e}"]
        if p + f == 0:
            f, problems = 1, problems + ["no test ran"]
        print(f"[{label}] {p} passed, {f} failed, {s} skipped")
        for problem in problems:
            print(f"[{label}]   FAILED {problem}")
        total_passed += p
        total_failed += f
        total_skipped += s
    line = f"{total_passed} passed, {total_failed} failed"
    if total_skipped:
        line += f", {total_skipped} skipped"
    print(line)
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
