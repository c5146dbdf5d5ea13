"""Regenerate tests/data/cli/query/ from Python jmespath: one file per case of query-cases.json.

Run through query_golden.sh, which provides the virtualenv with the pinned awscli. Every case
names a document of query-cases.json and a `--query` expression; the expression is compiled and
searched exactly as awscli does it (`jmespath.compile`, then `.search(document)` with the default
options), and `query/NAME.json` is written as

    {"document": DOC, "expression": EXPR, "result": RESULT}

or, when Python raises, as

    {"document": DOC, "expression": EXPR, "error": "ExceptionClass: message", "stage": STAGE}

where STAGE is `compile` (awscli rejects the `--query` value), `search` (awscli fails after the
request was sent) or `output` (the result is not JSON: an expression reference, NaN or an
infinity). Dict order is kept and floats stay floats (`1.0`), so the files hold exactly what
Python computed. Files of cases that are gone are deleted. Prints the number of cases per
category (the first word of the name) and per outcome.
"""

import json
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

import jmespath

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parents[1]
CASES = SCRIPT_DIR / "query-cases.json"
OUTPUT_DIR = REPO_ROOT / "tests" / "data" / "cli" / "query"
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The version awscli 1.46.2 installs; another one may behave differently.
JMESPATH_VERSION = "1.1.0"
# `repr()` of an expression reference holds its memory address, which changes on every run.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def load_cases():
    """The documents and the case list, checked: kebab-case names used once, known documents."""
    spec = json.loads(CASES.read_text(encoding="utf-8"))
    documents, cases = spec["documents"], spec["cases"]
    seen = set()
    for case in cases:
        name = case["name"]
        if not NAME.match(name) or name in seen:
            raise ValueError(f"{CASES.name}: bad or repeated case name {name!r}")
        if case["document"] not in documents:
            raise ValueError(f"{CASES.name}: {name}: unknown document {case['document']!r}")
        if not isinstance(case["expression"], str):
            raise ValueError(f"{CASES.name}: {name}: the expression must be a string")
        seen.add(name)
    return documents, cases


def describe(error):
    """`ExceptionClass: message`, without memory addresses."""
    return ADDRESS.sub("", f"{type(error).__name__}: {error}")


def evaluate(expression, document):
    """The golden entry for one expression: its result, or the error and the stage raising it."""
    try:
        compiled = jmespath.compile(expression)
    except Exception as error:  # noqa: BLE001  (every failure is a golden outcome)
        return {"error": describe(error), "stage": "compile"}
    try:
        result = compiled.search(document)
    except Exception as error:  # noqa: BLE001
        return {"error": describe(error), "stage": "search"}
    try:
        json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as error:
        return {"error": describe(error), "stage": "output"}
    return {"result": result}


def dump_json(value):
    """The corpus JSON style: 2-space indent, non-ASCII kept, dict order kept, newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def main():
    """Rewrite the whole corpus."""
    if jmespath.__version__ != JMESPATH_VERSION:
        sys.exit(f"expected jmespath {JMESPATH_VERSION}, found {jmespath.__version__}")
    # Backtick literals that are not JSON are deprecated strings; Python warns and goes on.
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    documents, cases = load_cases()
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    names = {case["name"] for case in cases}
    for path in sorted(OUTPUT_DIR.glob("*.json")):
        if path.stem not in names:
            path.unlink()
    outcomes = Counter()
    for case in cases:
        document = documents[case["document"]]
        entry = {"document": document, "expression": case["expression"]}
        entry.update(evaluate(case["expression"], document))
        outcomes[entry.get("stage", "result")] += 1
        path = OUTPUT_DIR / f"{case['name']}.json"
        path.write_bytes(dump_json(entry).encode("utf-8"))
    categories = Counter(case["name"].split("-")[0] for case in cases)
    for category, count in sorted(categories.items()):
        print(f"{category}: {count}")
    print(f"total: {len(cases)} cases")
    print(", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
