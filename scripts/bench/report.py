#!/usr/bin/env python3
"""Helpers of validate.sh: count the files a tool found invalid, and print the results table.

    report.py count-invalid TOOL STDOUT STDERR
    report.py table RESULTS --requests DIR --manifest FILE --big FILE

RESULTS holds, for each tool NAME that ran:
- NAME.json (hyperfine's export), or NAME.times (lines "START END": bash's $EPOCHREALTIME
  around each run);
- NAME.rss (peak KB of one more run), NAME.found (what count-invalid printed), NAME.version.
loadavg is /proc/loadavg before timing.
big.time holds "SECONDS s PEAK KB" for the big document, big.status the exit status of
`timeout` around idpool (124: stopped by it).

Standard library only.
"""

import argparse
import datetime
import json
import re
import statistics
import sys
from pathlib import Path

TOOLS = ["cat", "check-jsonschema", "ajv-cli", "idpool"]
# (goal, faster tool, slower tool, smallest ratio slower/faster that meets it)
SPEED_GOALS = [
    ("idpool ≥ 15× faster than check-jsonschema", "idpool", "check-jsonschema", 15),
    ("idpool ≥ 3× faster than ajv-cli", "idpool", "ajv-cli", 3),
]
MEMORY_GOAL_MB = 50


def json_documents(text):
    """Returns the JSON documents written one after the other in text (one per xargs batch)."""
    decoder = json.JSONDecoder()
    documents, position = [], 0
    while text[position:].strip():
        position += len(text[position:]) - len(text[position:].lstrip())
        document, position = decoder.raw_decode(text, position)
        documents.append(document)
    return documents


def invalid_from_check_jsonschema(stdout, _stderr):
    """Files named in the errors of check-jsonschema's --output-format json reports."""
    names = set()
    for report in json_documents(stdout):
        names |= {error["filename"] for error in report.get("errors", [])}
        names |= {error["filename"] for error in report.get("parse_errors", [])}
    return names


def invalid_from_ajv(_stdout, stderr):
    """Files ajv-cli reported as `FILE invalid` on standard error."""
    return set(re.findall(r"^(\S+) invalid$", stderr, re.MULTILINE))


def invalid_from_idpool(stdout, _stderr):
    """Files whose entry in idpool's --format json report says "valid": false."""
    return {entry["path"] for entry in json.loads(stdout)["files"] if not entry["valid"]}


COUNTERS = {
    "check-jsonschema": invalid_from_check_jsonschema,
    "ajv-cli": invalid_from_ajv,
    "idpool": invalid_from_idpool,
}


def count_invalid(tool, stdout_path, stderr_path):
    """Prints how many distinct files the tool found invalid, or n/a (cat, unreadable output)."""
    counter = COUNTERS.get(tool)
    if counter is None:
        print("n/a")
        return
    stdout = Path(stdout_path).read_text(encoding="utf-8", errors="replace")
    stderr = Path(stderr_path).read_text(encoding="utf-8", errors="replace")
    try:
        names = counter(stdout, stderr)
    except (ValueError, KeyError, TypeError) as error:
        print(f"{tool}: could not read its output: {error}", file=sys.stderr)
        print("n/a")
        return
    print(len({Path(name).name for name in names}))


def read_timing(results, tool):
    """Returns (seconds, text for the table) from hyperfine's export or the timed runs."""
    export = results / f"{tool}.json"
    if export.exists():
        result = json.loads(export.read_text())["results"][0]
        mean, runs = result["mean"], len(result["times"])
        spread = result["stddev"] or 0.0
        return mean, f"{fmt_seconds(mean)} ± {fmt_seconds(spread)} (mean of {runs})"
    times = []
    for line in (results / f"{tool}.times").read_text().splitlines():
        start, end = (float(field) for field in line.split())
        times.append(end - start)
    best = min(times)
    return best, f"{fmt_seconds(best)} (best of {len(times)})"


def fmt_seconds(seconds):
    """Formats a duration with a unit that keeps three significant digits or so."""
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def read_text(path, default="?"):
    """Returns the stripped text of path, or default when it does not exist."""
    return path.read_text().strip() if path.exists() else default


def tool_rows(results, invalid_expected):
    """Returns {tool: (seconds, peak MB)} and prints the table of the tools that ran."""
    measured = {}
    print("| tool | version | wall time | peak RSS | invalid files reported |")
    print("|---|---|---|---|---|")
    for tool in TOOLS:
        if not (results / f"{tool}.rss").exists():
            continue
        seconds, timing = read_timing(results, tool)
        peak_mb = int(read_text(results / f"{tool}.rss").split()[-1]) / 1024
        found = read_text(results / f"{tool}.found", "n/a")
        verdict = found if found == "n/a" else f"{int(found):,} of {invalid_expected:,}"
        version = read_text(results / f"{tool}.version").split("\n")[0]
        print(f"| {tool} | {version} | {timing} | {peak_mb:.1f} MB | {verdict} |")
        measured[tool] = (seconds, peak_mb)
    return measured


def ratio(measured, numerator, denominator):
    """Returns measured[numerator] / measured[denominator] in time, or None if one is missing."""
    if numerator in measured and denominator in measured:
        return measured[numerator][0] / measured[denominator][0]
    return None


def goal_rows(measured):
    """Prints the ratios and whether each goal is met."""
    print()
    print("| goal | measured | met |")
    print("|---|---|---|")
    missing = "not measured (no idpool validate)"
    for goal, fast, slow, least in SPEED_GOALS:
        value = ratio(measured, slow, fast)
        if value is None:
            print(f"| {goal} | {missing} | — |")
        else:
            print(f"| {goal} | {slow}/{fast} = {value:.1f}× | {'yes' if value >= least else 'no'} |")
    value = ratio(measured, "idpool", "cat")
    if value is None:
        print(f"| idpool within 2× of cat | {missing} | — |")
    else:
        print(f"| idpool within 2× of cat | idpool/cat = {value:.2f}× | {'yes' if value <= 2 else 'no'} |")
    if "idpool" in measured:
        peak = measured["idpool"][1]
        met = "yes" if peak < MEMORY_GOAL_MB else "no"
        print(f"| idpool peak memory < {MEMORY_GOAL_MB} MB | {peak:.1f} MB | {met} |")
    else:
        print(f"| idpool peak memory < {MEMORY_GOAL_MB} MB | {missing} | — |")


def big_rows(results, big):
    """Prints idpool's time and peak memory on the big document."""
    print()
    timing = results / "big.time"
    if not timing.exists():
        print("Big document: not measured (no idpool validate).")
        return
    seconds, _, peak_kb, _ = timing.read_text().split()[-4:]
    seconds = float(seconds)
    status = int(read_text(results / "big.status", "0"))
    size = big.stat().st_size
    peak = int(peak_kb) * 1024
    print("| document | size | wall time | peak RSS | RSS / size | throughput |")
    print("|---|---|---|---|---|---|")
    if status in (0, 1):
        print(f"| {big.name} | {size / 1e6:.1f} MB | {fmt_seconds(seconds)} | "
              f"{peak / 2**20:.1f} MB | {peak / size:.2f} | {size / 1e6 / seconds:.0f} MB/s |")
        return
    if status == 124:
        why = f"did not finish: stopped by the timeout after {fmt_seconds(seconds)}"
    elif status > 128:
        why = f"did not finish: killed by signal {status - 128} after {fmt_seconds(seconds)}"
    else:
        why = f"failed with exit status {status} after {fmt_seconds(seconds)}"
    print(f"| {big.name} | {size / 1e6:.1f} MB | {why} | {peak / 2**20:.1f} MB so far | — | — |")


def table(args):
    """Prints the whole markdown report."""
    results = Path(args.results)
    requests = Path(args.requests)
    files = sorted(requests.glob("*.json"))
    total = sum(path.stat().st_size for path in files)
    invalid = len(Path(args.manifest).read_text().split())
    median = statistics.median(path.stat().st_size for path in files)
    load = read_text(results / "loadavg").split()[0]
    print(f"Run of {datetime.date.today()} ({len(files):,} files: {len(files) - invalid:,} valid, "
          f"{invalid:,} invalid; {total / 1e6:.1f} MB, median {median:,.0f} bytes; "
          f"load average {load} before timing):")
    print()
    measured = tool_rows(results, invalid)
    goal_rows(measured)
    big_rows(results, Path(args.big))


def parse_args():
    """Parses the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    count = commands.add_parser("count-invalid", help="count the files a tool found invalid")
    count.add_argument("tool")
    count.add_argument("stdout")
    count.add_argument("stderr")
    report = commands.add_parser("table", help="print the markdown results")
    report.add_argument("results")
    report.add_argument("--requests", required=True)
    report.add_argument("--manifest", required=True)
    report.add_argument("--big", required=True)
    return parser.parse_args()


def main():
    """Runs the command line."""
    args = parse_args()
    if args.command == "count-invalid":
        count_invalid(args.tool, args.stdout, args.stderr)
    else:
        table(args)


if __name__ == "__main__":
    main()
