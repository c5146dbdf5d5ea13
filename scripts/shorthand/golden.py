"""Regenerate the shorthand conformance corpus tests/data/shorthand/ from awscli.

Run through golden.sh, which provides the virtualenv with the pinned awscli. The corpus is
rewritten from scratch: the generated folders are deleted first, then every case is run through
awscli in-process and written as a few small files (see README.md for the formats). Cases come
from the AWS CLI's own tests (aws-cli-shorthand-cases.json) and from the case lists next to this
script. Disagreements with the conformance file and exceptions that are not shorthand syntax
errors are printed on stderr.
"""

import base64
import contextlib
import json
import sys
from pathlib import Path

import aws_reference
from aws_reference import BYTES_KEY, CORPUS_DIR, FILES_DIR

SCRIPT_DIR = Path(__file__).resolve().parent
CONFORMANCE_CASES = SCRIPT_DIR / "aws-cli-shorthand-cases.json"
PARSE_CASES = SCRIPT_DIR / "cases.json"
PARAMFILE_CASES = SCRIPT_DIR / "paramfile-cases.json"
TYPED_CASES = SCRIPT_DIR / "typed-cases.json"
VISITOR_CASES = SCRIPT_DIR / "visitor-cases.json"
GENERATED_DIRS = ("valid", "invalid", "paramfile", "typed", "visitor", "files")

# Files that paramfile and typed cases refer to, relative to tests/data/shorthand/files.
# The conformance cases add their own (foo, foo1, foo2).
FIXTURES = {
    "hello.txt": b"val from file\n",
    "bin.dat": b"\x00\xff\xfe\x80binary\n",
    "empty.txt": b"",
    "crlf.txt": b"line1\r\nline2\rline3\n",
    "bom.txt": b"\xef\xbb\xbfbom\n",
    "unicode.txt": "café 😀\n".encode(),
    "true.txt": b"true",
    "true-nl.txt": b"true\n",
    "shorthand.txt": b"a=b,c\n",
    "comma,name.txt": b"comma in the file name\n",
    "sub/nested.txt": b"nested\n",
    "provider.txt": (
        b"ProviderName=cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab129faBb,"
        b"ClientId=6lhlkkfbfb1t3e2mngr8ab6s3k\n"
    ),
    "providers.json": (
        b'[{"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab129faBb",'
        b' "ClientId": "6lhlkkfbfb1t3e2mngr8ab6s3k", "ServerSideTokenCheck": false}]\n'
    ),
    "logins.txt": (
        b"graph.facebook.com=7346241598935552,"
        b"accounts.google.com=123456789012.apps.googleusercontent.com\n"
    ),
    "logins.json": b'{"graph.facebook.com": "7346241598935552"}\n',
    "tags.txt": b"Team=Identity,Env=prod\n",
    "arn.txt": b"arn:aws:iam::123456789012:oidc-provider/example.com\n",
    "arns.json": (
        b'["arn:aws:iam::123456789012:oidc-provider/a.example.com",'
        b' "arn:aws:iam::123456789012:oidc-provider/b.example.com"]\n'
    ),
}

SCALAR_JSON_TYPES = {
    "string": "string",
    "blob": "string",
    "timestamp": "string",
    "boolean": "boolean",
    "integer": "integer",
    "long": "integer",
    "float": "number",
    "double": "number",
}


# Exceptions expected in paramfile/invalid/ (invalid/ expects only SYNTAX_ERRORS); anything else
# is reported.
PARAMFILE_ERRORS = aws_reference.SYNTAX_ERRORS | {"ResourceLoadingError"}


class Report:
    """Counts written files per folder and collects findings worth a human look."""

    def __init__(self):
        self.counts = {}
        self.findings = []

    def wrote(self, folder):
        """Count one case written to `folder` (relative to the corpus root)."""
        self.counts[folder] = self.counts.get(folder, 0) + 1

    def note(self, message):
        """Record a finding to print at the end."""
        self.findings.append(message)

    def print(self):
        """Print the counts on stdout and the findings on stderr."""
        for folder in sorted(self.counts):
            print(f"{folder}: {self.counts[folder]} cases")
        sys.stdout.flush()
        if self.findings:
            print("\nFindings:", *self.findings, sep="\n", file=sys.stderr)


def load_json(path):
    """Read a JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def dump_json(value):
    """The corpus JSON style: 2-space indent, non-ASCII kept, trailing newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_file(path, text):
    """Write `text` as UTF-8 exactly (no newline translation, nothing appended)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def difference(expected, actual):
    """Compare two JSON values: None when equal, else "key order" or "value".

    Types count (true is not 1); "key order" means only the order of object keys differs.
    """
    if json.dumps(expected) == json.dumps(actual):
        return None
    if json.dumps(expected, sort_keys=True) == json.dumps(actual, sort_keys=True):
        return "key order"
    return "value"


def aws_name(case):
    """`case-001` -> `aws-001`."""
    return case["id"].replace("case-", "aws-")


def conformance_value(value):
    """Rewrite the conformance file's bytes notation to the corpus's."""
    if isinstance(value, dict):
        if set(value) == {"__bytes_b64__"}:
            return {BYTES_KEY: value["__bytes_b64__"]}
        return {key: conformance_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [conformance_value(item) for item in value]
    return value


def clean_corpus():
    """Delete every generated file, so that removed cases leave no stale files.

    The `.stderr` files are idpool's own renderings, written by the Rust tests
    (`UPDATE_CORPUS=1`): they stay, and `drop_orphan_renderings` removes those
    whose case is gone.
    """
    for name in GENERATED_DIRS:
        folder = CORPUS_DIR / name
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path.suffix != ".stderr":
                path.unlink()


def drop_orphan_renderings():
    """Remove the `.stderr` renderings of cases that no longer exist."""
    for path in CORPUS_DIR.rglob("*.stderr"):
        if not path.with_suffix(".txt").exists():
            path.unlink()


def write_fixtures(conformance):
    """Write the fixture files: ours plus those the conformance cases declare."""
    fixtures = dict(FIXTURES)
    for case in conformance:
        for name, content in case.get("files", {}).items():
            data = (
                base64.b64decode(content["__bytes_b64__"])
                if isinstance(content, dict)
                else content.encode("utf-8")
            )
            if fixtures.setdefault(name, data) != data:
                raise ValueError(f"conflicting contents for fixture {name}")
    for name, data in sorted(fixtures.items()):
        path = FILES_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def unique_names(cases, source):
    """Fail on a repeated case name: it would silently overwrite another case."""
    seen = set()
    for case in cases:
        if case["name"] in seen:
            raise ValueError(f"{source}: duplicate case name {case['name']}")
        seen.add(case["name"])


def conformance_parse_cases(conformance, paramfile):
    """The conformance parse/parse_error cases with the given `paramfile` flag, as own cases."""
    return [
        {"name": aws_name(case), "input": case["input"], "conformance": case}
        for case in conformance
        if case["kind"] in ("parse", "parse_error") and case["paramfile"] == paramfile
    ]


def check_conformance(name, expected, outcome, report):
    """Report when awscli's actual outcome differs from the conformance file's.

    `expected` is {"value": value} or {"error": message}.
    """
    if outcome.ok and "error" not in expected:
        kind = difference(expected["value"], outcome.value)
    else:
        kind = None if expected.get("error") == outcome.error else "outcome"
    if kind:
        report.note(f"{name}: differs from the conformance file ({kind}): {expected} != {outcome}")


def expected_parse(conformance_case):
    """What a conformance parse/parse_error case expects, in check_conformance's form."""
    if conformance_case["kind"] == "parse":
        return {"value": conformance_value(conformance_case["expected"])}
    return {"error": conformance_case["actual_v1_error"]["message"]}


def write_parse_cases(cases, folder, expected_errors, report):
    """Parse every case and write it to `folder`/valid or `folder`/invalid.

    Errors whose exception class is not in `expected_errors` are reported.
    """
    for case in cases:
        outcome = aws_reference.parse(case["input"])
        if "conformance" in case:
            check_conformance(case["name"], expected_parse(case["conformance"]), outcome, report)
        if outcome.ok:
            subfolder = folder / "valid"
            write_file(subfolder / f"{case['name']}.json", dump_json(outcome.value))
        else:
            subfolder = folder / "invalid"
            write_file(subfolder / f"{case['name']}.aws", outcome.error)
            if outcome.error_type not in expected_errors:
                report.note(f"{case['name']}: {outcome.error_type}: {outcome.error}")
        write_file(subfolder / f"{case['name']}.txt", case["input"])
        report.wrote(str(subfolder.relative_to(CORPUS_DIR)))


def check_no_file_references(cases):
    """Untyped cases outside paramfile/ must not depend on the fixture files."""
    for case in cases:
        if "file://" in case["input"] or "fileb://" in case["input"]:
            raise ValueError(f"{case['name']} refers to a file: move it to paramfile-cases.json")


def write_typed_cases(cases, report):
    """Run every typed case through the CLI driver and write typed/NAME.json."""
    processor = aws_reference.ArgumentProcessor()
    for case in cases:
        outcome = processor.process(case["param"], case["values"])
        record = {"param": case["param"], "values": case["values"]}
        record.update({"expected": outcome.value} if outcome.ok else {"error": outcome.error})
        write_file(CORPUS_DIR / "typed" / f"{case['name']}.json", dump_json(record))
        report.wrote("typed")


def json_schema(model, pointer="#", enclosing=None):
    """The JSON Schema of a botocore model dict (types and nesting only).

    `pointer` is where this schema sits in the whole schema; a recursive reference
    ({"$recursive": ...}, see aws_reference.shape_from_model) becomes a "$ref" to the nearest
    enclosing structure.
    """
    if "$recursive" in model:
        return {"$ref": enclosing}
    kind = model["type"]
    if kind == "structure":
        properties = {
            name: json_schema(
                member, f"{pointer}/properties/{pointer_token(name)}", enclosing=pointer
            )
            for name, member in model.get("members", {}).items()
        }
        return {"type": "object", "properties": properties}
    if kind == "list":
        return {
            "type": "array",
            "items": json_schema(model["member"], f"{pointer}/items", enclosing),
        }
    if kind == "map":
        values = json_schema(model["value"], f"{pointer}/additionalProperties", enclosing)
        return {"type": "object", "additionalProperties": values}
    return {"type": SCALAR_JSON_TYPES[kind]}


def pointer_token(name):
    """Escape a property name for use in a JSON Pointer."""
    return name.replace("~", "~0").replace("/", "~1")


def conformance_visitor_cases(conformance, report):
    """Conformance visitor/argprocess cases that have a shorthand input, as own visitor cases."""
    cases = []
    for case in conformance:
        if case["kind"] not in ("visitor", "argprocess"):
            continue
        if case.get("input") is None:
            report.note(f"{aws_name(case)}: skipped, no shorthand input ({case['test']})")
        elif is_old_list_case(case):
            report.note(f"{aws_name(case)}: skipped, the old list case is not shorthand parsing")
        else:
            cases.append(
                {
                    "name": aws_name(case),
                    "model": case["model"],
                    "input": case["input"],
                    "conformance": case,
                }
            )
    return cases


def is_old_list_case(case):
    """Whether a conformance argprocess case goes through awscli's old list special case."""
    if "old_list_case" in case:  # the test patched awscli's check
        return case["old_list_case"]
    return "event_name" in case and aws_reference.uses_old_list_case(
        case["event_name"], case["cli_name"]
    )


def expected_visit(conformance_case):
    """What a conformance visitor/argprocess case expects, in check_conformance's form.

    Argument errors carry the CLI's "Error parsing parameter" prefix, which visiting alone
    does not produce.
    """
    if "expected" in conformance_case:
        return {"value": conformance_case["expected"]}
    prefix = f"Error parsing parameter '{conformance_case['cli_name']}': "
    return {"error": conformance_case["actual_v1_error"]["message"].removeprefix(prefix)}


def write_visitor_cases(cases, report):
    """Parse and visit every case and write visitor/NAME.json."""
    for case in cases:
        outcome = aws_reference.visit(case["model"], case["input"])
        if "conformance" in case:
            check_conformance(case["name"], expected_visit(case["conformance"]), outcome, report)
        record = {"schema": json_schema(case["model"]), "input": case["input"]}
        record.update({"expected": outcome.value} if outcome.ok else {"error": outcome.error})
        write_file(CORPUS_DIR / "visitor" / f"{case['name']}.json", dump_json(record))
        report.wrote("visitor")


def main():
    """Rewrite the whole corpus."""
    aws_reference.use_utf8_mode()
    aws_reference.isolate_from_user_config()
    conformance = load_json(CONFORMANCE_CASES)
    own_parse = load_json(PARSE_CASES)
    check_no_file_references(own_parse)
    parse_cases = conformance_parse_cases(conformance, paramfile=False) + own_parse
    paramfile_cases = conformance_parse_cases(conformance, paramfile=True) + load_json(
        PARAMFILE_CASES
    )
    typed_cases = load_json(TYPED_CASES)
    report = Report()
    visitor_cases = conformance_visitor_cases(conformance, report) + load_json(VISITOR_CASES)
    for cases, source in [
        (parse_cases, "valid/invalid"),
        (paramfile_cases, "paramfile"),
        (typed_cases, "typed"),
        (visitor_cases, "visitor"),
    ]:
        unique_names(cases, source)

    clean_corpus()
    write_fixtures(conformance)
    # Relative file:// paths resolve against the fixtures (see README.md).
    with contextlib.chdir(FILES_DIR):
        write_parse_cases(parse_cases, CORPUS_DIR, aws_reference.SYNTAX_ERRORS, report)
        write_parse_cases(paramfile_cases, CORPUS_DIR / "paramfile", PARAMFILE_ERRORS, report)
        write_typed_cases(typed_cases, report)
        write_visitor_cases(visitor_cases, report)
    drop_orphan_renderings()
    report.print()


if __name__ == "__main__":
    main()
