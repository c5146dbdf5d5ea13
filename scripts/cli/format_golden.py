"""Regenerate the output-style corpus tests/data/cli/format/ from the AWS CLI's own formatters.

Run through format_golden.sh, which provides the virtualenv with the pinned awscli 1.46.2 and
ruamel.yaml. The corpus is rewritten from scratch: every case of format-cases.json (a list of
{"name", "value", optional "title" and "width"}) becomes tests/data/cli/format/<name>.json:

    {"title": ..., "width": ..., "value": ...,
     "outputs": {"json": ..., "text": ..., "table": ..., "table-color-on": ...,
                 "yaml": ..., "yaml-stream": ...},
     "errors": {<style>: <message>}}          # only for styles where awscli raised

`outputs` holds exactly what the AWS CLI writes to stdout (up to the exception, if any), and
`errors` the `str()` of the exception, which the AWS CLI prints on stderr before exiting 255.

- json, text and table come from awscli's JSONFormatter, TextFormatter and TableFormatter,
  called as clidriver calls them: with the title "UpdateIdentityPool" (the operation name
  clidriver passes as command_name) and a response whose --query result is the case's value.
  stdout is a buffer that is not a terminal, so `auto` colors are off; its width is the case's
  "width" (default 80, awscli's width when stdout is not a terminal). "table" is --color off
  (checked equal to --color auto), "table-color-on" is --color on, where colorama appends a
  reset sequence after every write.
- yaml and yaml-stream come from ruamel.yaml configured as AWS CLI v2's YAMLDumper
  (awscli/formatter.py on the v2 branch): YAML(typ='safe') with the C emitter of
  ruamel.yaml.clib, block style, json.dump for scalar results, and a one-item list per page for
  yaml-stream.

For a differential run against the Rust port, write random cases elsewhere and point the
corpus test at them:

    bash scripts/cli/format_golden.sh --random 2000 --seed 7 --out target/format-random
    IDPOOL_FORMAT_CORPUS=$PWD/target/format-random cargo test -p idpool-output --test testsuite golden
"""

import argparse
import copy
import io
import json
import math
import random
import struct
import sys
from pathlib import Path

import awscli
import awscli.table
import colorama
import colorama.initialise
import jmespath
import ruamel.yaml
from awscli.formatter import JSONFormatter, TableFormatter, TextFormatter
from ruamel.yaml import YAML
from ruamel.yaml.main import CEmitter

SCRIPT_DIR = Path(__file__).resolve().parent
ROOT = SCRIPT_DIR.parents[1]
CASES = SCRIPT_DIR / "format-cases.json"
CORPUS_DIR = ROOT / "tests" / "data" / "cli" / "format"
COMMAND_NAME = "UpdateIdentityPool"
DEFAULT_WIDTH = 80

AWSCLI_VERSION = "1.46.2"
RUAMEL_VERSION = "0.17.21"

# The case's value is what --query selects from the response.
QUERY = jmespath.compile("Result")


def response(value):
    return {"Result": copy.deepcopy(value)}


def call_awscli(make_formatter, title, value, width):
    """Run one awscli formatter with stdout replaced by a buffer; return (stdout, error)."""
    awscli.table.determine_terminal_width = lambda default_width=80: width
    real_stdout, real_stderr = sys.stdout, sys.stderr
    buffer = io.StringIO()
    sys.stdout = buffer
    try:
        # ColorizedStyler's colorama.init() wraps sys.stdout here, before the formatter
        # looks the stream up, as in a real run.
        formatter = make_formatter()
        formatter(title, response(value))
        return buffer.getvalue(), None
    except Exception as error:  # noqa: BLE001 - clidriver reports any exception
        return buffer.getvalue(), str(error)
    finally:
        colorama.deinit()
        colorama.initialise._wipe_internal_state_for_tests()
        sys.stdout, sys.stderr = real_stdout, real_stderr


def args(color="auto"):
    return argparse.Namespace(query=QUERY, color=color)


class V2YAMLDumper:
    """AWS CLI v2's YAMLDumper configuration: safe dumper, block style, JSON for scalars."""

    def __init__(self):
        self.yaml = YAML(typ="safe")
        self.yaml.encoding = None
        self.yaml.representer.default_flow_style = False

    def dump(self, value, stream):
        if value is None or isinstance(value, (bool, int, float, str)):
            json.dump(value, stream, ensure_ascii=False)
            stream.write("\n")
        else:
            self.yaml.dump(value, stream)


def yaml_output(value, streamed):
    """YAMLFormatter (streamed=False) or StreamedYAMLFormatter on a response that is not paged."""
    result = QUERY.search(response(value))
    stream = io.StringIO()
    if result != {}:
        V2YAMLDumper().dump([result] if streamed else result, stream)
    return stream.getvalue()


def outputs_for(case):
    title = case.get("title", COMMAND_NAME)
    width = case.get("width", DEFAULT_WIDTH)
    value = case["value"]
    runs = {
        "json": lambda: JSONFormatter(args()),
        "text": lambda: TextFormatter(args()),
        "table": lambda: TableFormatter(args("off")),
        "table-color-on": lambda: TableFormatter(args("on")),
    }
    outputs, errors = {}, {}
    for key, make_formatter in runs.items():
        outputs[key], error = call_awscli(make_formatter, title, value, width)
        if error is not None:
            errors[key] = error
    auto = call_awscli(lambda: TableFormatter(args("auto")), title, value, width)
    if auto != (outputs["table"], errors.get("table")):
        raise SystemExit(f"{case['name']}: --color auto differs from --color off")
    outputs["yaml"] = yaml_output(value, streamed=False)
    outputs["yaml-stream"] = yaml_output(value, streamed=True)
    document = {"title": title, "width": width, "value": value, "outputs": outputs}
    if errors:
        document["errors"] = errors
    return document


def check_environment():
    if awscli.__version__ != AWSCLI_VERSION:
        raise SystemExit(f"awscli {awscli.__version__} found, {AWSCLI_VERSION} expected")
    if ruamel.yaml.__version__ != RUAMEL_VERSION or CEmitter is None:
        raise SystemExit(f"ruamel.yaml {RUAMEL_VERSION} with ruamel.yaml.clib expected")


# Characters that exercise quoting, escaping, widths and folding in every style.
TRICKY = list(
    " \n\t\r:-#'\"\\?,[]{}!&*.%@`~<=0123456789eE+_xobTZnultrfNaé日😀\u0085\u2028\u0000"
    "\u007f\u001b\ufeff\u00a0\u0301\uff71"
) + ["true", "null", "123", "1.5", "2001-12-14", "---", "...", "- ", ": ", " #", "yes"]


def random_cases(count, seed):
    """Random values: nested lists and dicts (lists of dicts share keys), tricky strings."""
    rng = random.Random(seed)

    def text(max_length=8):
        if rng.random() < 0.1:
            words = ["".join(rng.choices("abcdefgh", k=rng.randint(1, 9))) for _ in range(25)]
            return " ".join(words[: rng.randint(5, 25)])
        return "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, max_length)))

    def number():
        roll = rng.random()
        if roll < 0.4:
            return rng.randint(-5, 5)
        if roll < 0.6:
            return rng.randint(-(2**63), 2**64 - 1)
        if roll < 0.8:
            while True:
                value = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
                if math.isfinite(value):
                    return value
        return rng.randint(-(10**17), 10**17) / 8

    def value(depth=0):
        roll = rng.random()
        if depth >= 4 or roll < 0.35:
            return rng.choice([None, True, False, number(), number(), text(), text(), text()])
        if roll < 0.65:
            length = rng.randint(0, 4)
            if rng.random() < 0.5:
                return [value(depth + 1) for _ in range(length)]
            keys = [text(4) for _ in range(3)]
            return [
                {key: value(depth + 2) for key in rng.sample(keys, rng.randint(0, 3))}
                for _ in range(length)
            ]
        return {text(6): value(depth + 1) for _ in range(rng.randint(0, 5))}

    widths = [20, 40, 80, 120]
    return [
        {"name": f"random-{seed}-{index:05d}", "value": value(), "width": rng.choice(widths)}
        for index in range(count)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="corpus directory to rewrite")
    parser.add_argument("--random", type=int, metavar="COUNT", help="write random cases instead")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random cases")
    options = parser.parse_args()
    check_environment()
    if options.random is None:
        cases = json.loads(CASES.read_text(encoding="utf-8"))
    else:
        cases = random_cases(options.random, options.seed)
    names = [case["name"] for case in cases]
    if len(set(names)) != len(names):
        raise SystemExit("case names must be unique")
    out = options.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    for case in cases:
        document = outputs_for(case)
        path = out / f"{case['name']}.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
