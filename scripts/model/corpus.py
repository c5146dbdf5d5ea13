"""Writes tests/data/schemas/<command>.request/{valid,invalid}/model-*.json: for every operation of
the vendored model, valid requests (the required members only, and every member) and invalid
ones that each break one rule of the model, with the JSON Pointers (`.pointers`) where a schema
or the validator must place the error.

The values come from the model's shapes (lengths, patterns, enums, ranges, list and map sizes),
with realistic samples for the shapes people write by hand. botocore's own validator (from the
awscli 1.46.2 venv, see vendor.sh) decides where it can: every valid request must pass it, and
every request breaking a rule botocore checks on the client (a required member, a JSON type, a
minimum length or size, a minimum value) must fail it, or the script stops.

Cases written by hand beside these (names not starting with `model-`) are left alone.
"""

import json
import re
import pathlib
import sys

import awscli  # noqa: F401  (awscli 1.46.2 provides its bundled botocore as `botocore`)
import botocore.session
from botocore.validate import ParamValidator

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODEL = ROOT / "models/cognito-identity/service-2.json"
OUT = ROOT / "tests/data/schemas"
PREFIX = "model-"

POOL_ID = "us-east-1:11111111-2222-3333-4444-555555555555"
# Values for the shapes people write by hand; other strings are made from the shape alone.
SAMPLES = {
    "IdentityPoolId": POOL_ID,
    "IdentityId": "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    "IdentityPoolName": "Example pool",
    "ARNString": "arn:aws:iam::123456789012:role/Example",
    "CognitoIdentityProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example",
    "CognitoIdentityProviderClientId": "3n4b5urk1ft4fl3mg5e62d9ado",
    "DeveloperProviderName": "login.example",
    "DeveloperUserIdentifier": "user-1",
    "IdentityProviderId": "1234567890",
    "IdentityProviderName": "graph.facebook.com",
    "IdentityProviderToken": "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
    "AccountId": "123456789012",
    "PaginationKey": "token",
    "RoleType": "authenticated",
    "ClaimName": "cognito:groups",
    "ClaimValue": "admins",
    "TagKeysType": "team",
    "TagValueType": "identity",
    "PrincipalTagID": "username",
    "PrincipalTagValue": "sub",
    "OIDCToken": "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
    "String": "value",
}
# Members whose value has a more telling sample than their shape's.
MEMBER_SAMPLES = {
    "ResourceArn": "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/" + POOL_ID,
    "CustomRoleArn": "arn:aws:iam::123456789012:role/Example",
}
# A character each pattern refuses, put into an otherwise valid value.
BAD_CHARACTER = {
    r"[\w-]+:[0-9a-f-]+": "!",
    r"[\w\s+=,.@-]+": "!",
    r"[\w._:/-]+": "!",
    r"[\w_]+": "-",
    r"[\w._-]+": "/",
    r"[\w.;_/-]+": "!",
    r"\d+": "a",
    r"[\S]+": " ",
    r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+": " ",
}


class Model:
    def __init__(self, model):
        self.shapes = model["shapes"]
        self.operations = model["operations"]

    def string(self, shape_name, member=None):
        shape = self.shapes[shape_name]
        if "enum" in shape:
            return shape["enum"][0]
        value = MEMBER_SAMPLES.get(member) or SAMPLES.get(shape_name)
        if value is None:
            value = "example"
        low, high = shape.get("min", 0), shape.get("max")
        if len(value) < low:
            value = value + "x" * (low - len(value))
        if high is not None and len(value) > high:
            value = value[:high]
        return value

    def valid(self, shape_name, member=None, full=False, depth=0):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "structure":
            required = set(shape.get("required", []))
            out = {}
            for name, ref in shape["members"].items():
                if name in required or (full and depth < 4):
                    out[name] = self.valid(ref["shape"], name, full, depth + 1)
            return self.overlay(shape_name, out)
        if kind == "list":
            count = max(shape.get("min", 0), 1)
            return [self.valid(shape["member"]["shape"], member, full, depth + 1) for _ in range(count)]
        if kind == "map":
            key = self.string(shape["key"]["shape"])
            if shape_name == "RoleMappingMap":
                key = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example:3n4b5urk1ft4fl3mg5e62d9ado"
            return {key: self.valid(shape["value"]["shape"], member, full, depth + 1)}
        if kind == "string":
            return self.string(shape_name, member)
        if kind == "boolean":
            return True
        if kind in ("integer", "long"):
            return shape.get("min", 1)
        if kind == "timestamp":
            return 1700000000
        raise SystemExit(f"corpus.py: shape type {kind} of {shape_name}")

    def overlay(self, shape_name, value):
        """What the overlay requires beyond the model (a RoleMapping's resolution)."""
        if shape_name == "RoleMapping":
            value.setdefault("AmbiguousRoleResolution", "AuthenticatedRole")
            if value.get("Type") == "Rules" and "RulesConfiguration" not in value:
                value["Type"] = "Token"
        return value


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def invalid_cases(model, shape_name, document, path, out, depth=0, names=None):
    """Cases breaking one rule of `shape_name`'s value at `path` inside `document`; `names` is
    the path as case names spell it (a map's entry as `entry`)."""
    names = list(path) if names is None else names
    shape = model.shapes[shape_name]
    kind = shape["type"]

    def case(name, new_value, at=path, expect=None, botocore_checks=False):
        out.append((name, replace(document, at, new_value), expect if expect is not None else pointer(at), botocore_checks))

    label = re.sub(r"[^A-Za-z0-9.-]+", "_", "-".join(str(p) for p in names)) or "request"
    if kind == "structure":
        value = get(document, path)
        for name in shape.get("required", []):
            if name in value:
                smaller = {k: v for k, v in value.items() if k != name}
                case(f"missing-{label}-{name}", smaller, expect=pointer(path), botocore_checks=True)
        case(f"unknown-member-{label}", {**value, "Unknown": "x"}, expect=pointer(path + ["Unknown"]), botocore_checks=True)
        for name, ref in shape["members"].items():
            if name in value and depth < 10:
                case(f"null-{label}-{name}", None, at=path + [name], botocore_checks=True)
                invalid_cases(model, ref["shape"], document, path + [name], out, depth + 1, names + [name])
        return
    if kind == "list":
        items = get(document, path)
        case(f"type-{label}", "not a list", botocore_checks=True)
        if "max" in shape and shape["max"] <= 100:
            item = model.valid(shape["member"]["shape"])
            case(f"too-many-{label}", [item] * (shape["max"] + 1))
        if shape.get("min", 0) > 0:
            case(f"too-few-{label}", [], botocore_checks=True)
        if items:
            invalid_cases(model, shape["member"]["shape"], document, path + [0], out, depth + 1, names + [0])
        return
    if kind == "map":
        entries = get(document, path)
        case(f"type-{label}", ["not", "a", "map"], botocore_checks=True)
        key_shape = model.shapes[shape["key"]["shape"]]
        value = next(iter(entries.values()))
        # Too many entries, when the keys allow that many different ones.
        if "max" in shape and shape["max"] <= 100 and "pattern" not in key_shape:
            many = {f"key{i:03}": value for i in range(shape["max"] + 1)}
            case(f"too-many-{label}", many)
        if "max" in key_shape:
            long_key = "k" * (key_shape["max"] + 1)
            case(f"key-too-long-{label}", {long_key: value}, expect=pointer(path + [long_key]))
        if key_shape.get("min", 0) > 0:
            case(f"key-empty-{label}", {"": value}, expect=pointer(path + [""]), botocore_checks=False)
        key = next(iter(entries))
        invalid_cases(model, shape["value"]["shape"], document, path + [key], out, depth + 1, names + ["entry"])
        return
    if kind == "string":
        value = get(document, path)
        case(f"type-{label}", 12, botocore_checks=True)
        if "enum" in shape:
            case(f"enum-case-{label}", value.lower())
            return
        if "max" in shape and shape["max"] <= 70000:
            case(f"too-long-{label}", "x" * (shape["max"] + 1) if "pattern" not in shape else long_valid(shape, value))
        if shape.get("min", 0) > 0:
            # Empty for a minimum of 1 (botocore checks it), one short otherwise.
            short = "" if shape["min"] == 1 else value[: shape["min"] - 1]
            case(f"too-short-{label}", short, botocore_checks=True)
        pattern = shape.get("pattern")
        if pattern == "(un)?authenticated":
            case(f"pattern-{label}", "guest")
        elif pattern is not None:
            bad = BAD_CHARACTER[pattern]
            case(f"pattern-{label}", value[: len(value) // 2] + bad + value[len(value) // 2 + 1 :])
        return
    if kind == "boolean":
        case(f"type-{label}", "true", botocore_checks=True)
        return
    if kind in ("integer", "long"):
        case(f"type-{label}", "1", botocore_checks=True)
        if "max" in shape:
            case(f"above-max-{label}", shape["max"] + 1)
        if "min" in shape:
            case(f"below-min-{label}", shape["min"] - 1, botocore_checks=True)
        return
    if kind == "timestamp":
        case(f"type-{label}", [1], botocore_checks=True)


def long_valid(shape, value):
    """A value one character over the maximum that still matches the pattern."""
    filler = value[-1] if value else "a"
    if shape.get("pattern") == r"[\w-]+:[0-9a-f-]+":
        filler = "a"
    return value + filler * (shape["max"] + 1 - len(value))


def get(document, path):
    for p in path:
        document = document[p]
    return document


def replace(document, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    return copy


def main():
    model = Model(json.loads(MODEL.read_text(encoding="utf-8")))
    session = botocore.session.get_session()
    service = session.get_service_model("cognito-identity")
    checker = ParamValidator()
    written = 0
    for name, operation in model.operations.items():
        if "input" not in operation:
            continue
        shape_name = operation["input"]["shape"]
        input_shape = service.operation_model(name).input_shape
        command = service.operation_model(name).name
        directory = OUT / f"{xform(name)}.request"
        for sub in ("valid", "invalid"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
            for old in (directory / sub).glob(PREFIX + "*"):
                old.unlink()
        minimal = model.valid(shape_name)
        full = model.valid(shape_name, full=True)
        for label, document in (("required-only", minimal), ("every-member", full)):
            report = checker.validate(document, input_shape)
            if report.has_errors():
                raise SystemExit(f"corpus.py: botocore refuses the valid {name} {label}: {report.generate_report()}")
            write(directory / "valid" / f"{PREFIX}{label}.json", document)
            written += 1
        cases = []
        invalid_cases(model, shape_name, full, [], cases)
        seen = set()
        for case_name, document, expect, botocore_checks in cases:
            file_name = f"{PREFIX}{case_name}"
            if file_name in seen:
                continue
            seen.add(file_name)
            if botocore_checks:
                report = checker.validate(document, input_shape)
                if not report.has_errors():
                    raise SystemExit(f"corpus.py: botocore accepts {name} {case_name}")
            write(directory / "invalid" / f"{file_name}.json", document)
            (directory / "invalid" / f"{file_name}.pointers").write_text(expect + "\n", encoding="utf-8")
            written += 1
        del command
    print(f"corpus.py: {written} cases", file=sys.stderr)


def xform(name):
    from botocore import xform_name

    return xform_name(name, "-")


def write(path, document):
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
