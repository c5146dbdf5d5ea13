"""Differential test: random command lines through awscli and through idpool.

Run through differential.sh. Generates --count command lines from --seed (or re-runs the ones
in --replay PATH, a saved list or a corpus folder), runs each through
`aws cognito-identity update-identity-pool` in-process (aws_cli.py) and through
`idpool update-identity-pool`, both in tests/data/cli. With --commands all|NAME[,NAME...],
the command lines are drawn for those `aws cognito-identity` commands from their argument
tables (commands_generator.py) and run through `idpool cognito-identity COMMAND` instead.
Then it compares:

* aws "sent": idpool exits with 0 or 1 and prints exactly awscli's stdout (when awscli fails
  after the response, as for an unknown JMESPath function, idpool must fail too);
* aws "invalid": idpool exits with 1; with JSON output and no --query, its stdout parses to the
  parameters awscli handed to botocore (key order aside at the top level and inside providers,
  which idpool prints in model order as awscli prints a response; with --commands, inside every
  structure of the input shape, map keys keeping their order);
* aws "refused": idpool exits with 2 and prints nothing on stdout;
* aws "printed": idpool prints exactly awscli's stdout.

The differences docs/update.md lists as intended are counted apart, not as failures:
`--version` (idpool prints its own), `--generate-cli-skeleton output` (awscli fails on
aws/aws-cli#2337; with --commands, only where awscli rejects its own fake response),
`fileb://` for a text member, NaN or Infinity in JSON, `--profile` (not looked up offline),
and `--output yaml|yaml-stream` (AWS CLI v2). Prints a summary with up to five minimal examples per kind of difference; --json FILE also writes the
report, including every failing command line under "failing" (a file --replay accepts). Exit
status 1 when there is any difference.
"""

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import aws_cli
import commands_generator
from aws_cli import REPO_ROOT, WORK_DIR
from aws_reference import use_utf8_mode

DEFAULT_BINARY = REPO_ROOT / "target" / "release" / "idpool"
EXAMPLES_PER_KIND = 5
OUTCOMES = ("sent", "invalid", "refused", "printed")
IDPOOL_TIMEOUT = 30

POOL_ID = "us-east-1:11111111-2222-3333-4444-555555555555"
ARNS = (
    "arn:aws:iam::123456789012:oidc-provider/accounts.example.com",
    "arn:aws:iam::123456789012:oidc-provider/login.example.org",
    "arn:aws:iam::123456789012:saml-provider/CorpIdP",
)
PROVIDER_NAMES = ("cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab129faBb", "b.example.com")
LOGIN_KEYS = ("graph.facebook.com", "accounts.google.com", "www.amazon.com", "api.twitter.com")

# Value pools, as (clean, messy): clean values make a request awscli sends, messy ones are the
# mistakes users make. No value is `help` (the CLI would open its manual) or starts with http://
# or https:// (the CLI would fetch it).
POOL_IDS = (
    (POOL_ID, "eu-west-1:0a1b2c3d-0000-4000-8000-00000000abcd", "file://files/id.txt"),
    ("x", "not a pool id", "", "-us-east-1:1", "fileb://files/id.txt", "a=b", "file://"),
)
NAMES = (
    (
        "MyPool",
        "My Identity Pool",
        "pool+=,.@-_name",
        "身份池",
        "pool 😀",
        "line1\nline2",
        "it's \"quoted\"",
        "back\\slash",
        "e\u0301",
        "a=b,c=d",
        '{"a": 1}',
        "[1]",
        " padded ",
        "file://files/name.txt",
        "file://files/name-crlf.txt",
        "file://files/name-unicode.txt",
    ),
    (
        "",
        "-dash",
        "--double",
        "p" * 130,
        "file://files/name-latin1.txt",
        "file://files/empty.txt",
        "file://files/missing.txt",
        "fileb://files/name.txt",
        "fileb://files/binary.bin",
    ),
)
DEVELOPER_NAMES = (("login.mycompany.myapp", "dev_provider", "café"), ("", "-dev", "a b"))
SCALARS = (
    ("7346241598935552", "abc", "a b", "café", "x.y_z/1", "'a,b'", '"😀"', "'it\\'s'", "a\\,b"),
    ("", "'a\nb'", "😀", "[a,b]", "{k=v}", "a,b", "-v", "=", "\\", "'", "file://files/app-id.txt"),
)
AT_FILES = ("file://files/app-id.txt", "fileb://files/true.txt", "file://files/missing.txt")
BOOLEANS = (
    ("true", "false", "TRUE", "False", "'true'", '"false"'),
    ("maybe", "", "1", "[true]", "{a=b}", "true,false"),
)
MAP_FILES = (
    ("file://files/logins.txt", "file://files/logins.json", "file://files/tags.json"),
    ("fileb://files/logins.json", "file://files/missing.json", "", "{}", "file://files/arns.json"),
)
ARN_VALUES = (ARNS, ("arn:aws:iam::1", "", "a,b", "Key=Value", ARNS[0] + "/é", "-" + ARNS[0]))
LIST_FILES = (
    ("file://files/arns.json", "file://files/saml.json"),
    ("file://files/arn.txt", "fileb://files/arns.json", "file://files/missing.json"),
)
PROVIDER_FILES = (
    ("file://files/providers.json",),
    ("file://files/provider.txt", "file://files/provider.json", "fileb://files/providers.json"),
)
GLOBAL_OPTIONS = (
    ("--output", (("json", "text", "table"), ("yaml", "xml", "JSON"))),
    (
        "--query",
        (
            (
                "IdentityPoolName",
                "[IdentityPoolId,AllowUnauthenticatedIdentities]",
                "CognitoIdentityProviders[*].ProviderName",
                "SupportedLoginProviders",
                "AllowClassicFlow",
                "length(OpenIdConnectProviderARNs || `[]`)",
                "{id: IdentityPoolId, tags: IdentityPoolTags}",
                "@",
            ),
            ("[", "", "nope(@)"),
        ),
    ),
    ("--color", (("on", "off", "auto"), ("blue",))),
    ("--region", (("us-east-1", "eu-west-1"), ("us east 1",))),
    ("--debug", None),
    ("--no-sign-request", None),
    ("--no-verify-ssl", None),
    ("--no-paginate", None),
    ("--endpoint-url", (("http://localhost:4566",), ("localhost:4566",))),
    ("--profile", ((), ("nope",))),
    ("--cli-read-timeout", (("5", "0"), ("abc",))),
    ("--cli-connect-timeout", (("10",), ("x", "-1"))),
)
INPUT_JSON = (
    (
        json.dumps({"IdentityPoolId": POOL_ID, "IdentityPoolName": "FromJson"}),
        json.dumps(
            {
                "IdentityPoolId": POOL_ID,
                "IdentityPoolName": "J",
                "AllowUnauthenticatedIdentities": True,
            }
        ),
        "file://files/request.json",
        "file://files/request-minimal.json",
        "file://files/request-partial.json",
    ),
    (
        json.dumps({"AllowUnauthenticatedIdentities": "true", "Foo": 1}),
        json.dumps({"CognitoIdentityProviders": [{"ProviderName": "a"}], "IdentityPoolTags": {}}),
        "{}",
        "[1]",
        '{"IdentityPoolId":',
        "null",
        "file://files/request-wrong-types.json",
        "file://files/request-unknown-key.json",
        "file://files/request-broken.json",
        "file://files/request-bom.json",
        "file://files/missing.json",
    ),
)
JUNK = ("extra", "false", "true", "--bogus", "--bogus=1", "-x", "--", "-", "ProviderName=x")
# Mistake rates: each command line draws one, so that clean and messy lines both occur.
NOISE_LEVELS = (0.0, 0.02, 0.05, 0.1, 0.25)


@dataclass
class Option:
    """One update-identity-pool option: its name, what values it takes, how often it is given.

    `kind` is "string", "flag" (a boolean pair; `name` is the positive flag), "map",
    "string-list" or "provider-list".
    """

    name: str
    kind: str
    weight: float


REQUIRED = (
    Option("--identity-pool-id", "string", 0.97),
    Option("--identity-pool-name", "string", 0.97),
    Option("--allow-unauthenticated-identities", "flag", 0.93),
)
OPTIONAL = (
    Option("--allow-classic-flow", "flag", 0.25),
    Option("--supported-login-providers", "map", 0.3),
    Option("--developer-provider-name", "string", 0.15),
    Option("--open-id-connect-provider-arns", "string-list", 0.25),
    Option("--cognito-identity-providers", "provider-list", 0.35),
    Option("--saml-provider-arns", "string-list", 0.15),
    Option("--identity-pool-tags", "map", 0.3),
)


class CommandLineGenerator:
    """Random command lines of the kind users paste: mostly plausible, with mistakes mixed in."""

    def __init__(self, rng):
        self.rng = rng
        self.noise = 0.0

    def chance(self, probability):
        """True with the given probability."""
        return self.rng.random() < probability

    def mistake(self, scale=1.0):
        """True when this value should be a mistake (at the line's noise level times `scale`)."""
        return self.chance(self.noise * scale)

    def pick(self, items):
        """One element of a sequence."""
        return self.rng.choice(items)

    def pick_value(self, pools):
        """A value from a (clean, messy) pair of pools."""
        clean, messy = pools
        return self.pick(messy if self.mistake() or not clean else clean)

    def command_line(self):
        """The arguments after `update-identity-pool`: option segments in random order."""
        self.noise = self.pick(NOISE_LEVELS)
        input_json = self.chance(0.08)
        segments = []
        for option in REQUIRED + OPTIONAL:
            weight = option.weight * (0.5 if input_json and option in REQUIRED else 1)
            if self.chance(weight):
                segments.append(self.segment(option))
            if self.chance(0.05):
                segments.append(self.segment(option))
        if input_json:
            segments.append(["--cli-input-json", self.pick_value(INPUT_JSON)])
        if self.chance(0.02):
            segments.append(["--generate-cli-skeleton"] + ([] if self.chance(0.5) else ["input"]))
        for _ in range(self.pick((0, 0, 0, 1, 1, 2))):
            segments.append(self.global_option())
        self.rng.shuffle(segments)
        args = [token for segment in segments for token in segment]
        if self.mistake(0.3):
            args.insert(self.rng.randint(0, len(args)), self.pick(JUNK))
        return args

    def spelling(self, name):
        """The option as typed: usually in full, sometimes abbreviated (maybe ambiguously)."""
        if self.chance(0.03) or self.mistake(0.2):
            return name[: self.rng.randint(4, len(name))]
        return name

    def segment(self, option):
        """The tokens that give `option` a random value."""
        if option.kind == "flag":
            name = option.name if self.chance(0.6) else "--no-" + option.name[2:]
            if self.mistake(0.2):
                return [name + "=" + self.pick(("true", "false", ""))]
            return [self.spelling(name)]
        if option.kind in ("string-list", "provider-list"):
            tokens = self.list_tokens(option.kind)
        elif option.kind == "map":
            tokens = [self.map_value()]
        else:
            tokens = [self.string_value(option)]
        name = self.spelling(option.name)
        dash = tokens and tokens[0].startswith("-")
        if len(tokens) == 1 and (self.chance(0.15) or dash and not self.mistake(3)):
            return [f"{name}={tokens[0]}"]
        return [name, *tokens]

    def string_value(self, option):
        """A value for a string option."""
        if option.name == "--identity-pool-id":
            return self.pick_value(POOL_IDS)
        if option.name == "--developer-provider-name":
            return self.pick_value(DEVELOPER_NAMES)
        return self.pick_value(NAMES)

    def shorthand_pairs(self, keys, value):
        """`k=v,k2=v2` over `keys`, sometimes with a duplicate, `@=` or spacing variants."""
        chosen = self.rng.sample(keys, self.rng.randint(1, len(keys)))
        if self.mistake(0.3):
            chosen.append(chosen[0])
        pairs = [
            f"{key}@={self.pick(AT_FILES)}" if self.chance(0.04) else f"{key}={value(key)}"
            for key in chosen
        ]
        separator = self.pick((",", ",", ",", ", ", " , "))
        text = separator.join(pairs)
        return text + "," if self.mistake(0.2) else text

    def map_value(self):
        """A map value: shorthand, JSON, or a file."""
        roll = self.rng.random()
        if roll < 0.6:
            keys = list(LOGIN_KEYS) + (["=", "bad key", "Team"] if self.mistake() else [])
            return self.shorthand_pairs(keys, lambda key: self.pick_value(SCALARS))
        if roll < 0.85:
            return self.json_text(self.json_map())
        return self.pick_value(MAP_FILES)

    def json_map(self):
        """A JSON object for a map option, sometimes with values of the wrong type."""
        value = {self.pick(LOGIN_KEYS + ("Team", "チーム")): self.pick(("1", "abc", "值 😀"))}
        if self.mistake():
            value["k"] = self.pick((1, None, True, ["a"], {"a": "b"}, ""))
        return value

    def json_text(self, value):
        """JSON text, sometimes with leading whitespace, sometimes broken."""
        text = json.dumps(value, ensure_ascii=self.chance(0.5))
        if self.chance(0.1):
            text = " " + text
        if self.mistake(0.5):
            text = text[: self.rng.randint(1, len(text) - 1)]
        return text

    def list_tokens(self, kind):
        """The argv tokens of a list option: none, one per element, JSON, or a file."""
        if self.chance(0.2):
            return [self.list_json(kind)]
        if self.chance(0.06):
            return [self.pick_value(PROVIDER_FILES if kind == "provider-list" else LIST_FILES)]
        count = self.pick((0, 1, 1, 1, 2, 2, 3))
        element = self.provider if kind == "provider-list" else self.arn
        tokens = [element() for _ in range(count)]
        if tokens and self.mistake():
            return [",".join(tokens)]
        return tokens

    def arn(self):
        """An ARN element."""
        return self.pick_value(ARN_VALUES)

    def provider(self):
        """A shorthand provider with random keys and values, including the boolean spellings."""
        keys = ["ProviderName", "ClientId", "ServerSideTokenCheck"]
        if self.mistake():
            keys.append(self.pick(("Foo", "providername", "")))

        def value(key):
            if key == "ServerSideTokenCheck":
                return self.pick_value(BOOLEANS)
            if key == "ProviderName" and self.chance(0.7):
                return self.pick(PROVIDER_NAMES)
            return self.pick_value(SCALARS)

        return self.shorthand_pairs(keys, value)

    def list_json(self, kind):
        """A JSON list for a list option, sometimes not a list of the right things."""
        if kind == "provider-list":
            provider = {"ProviderName": self.pick(PROVIDER_NAMES), "ClientId": "c1"}
            if self.chance(0.4):
                provider["ServerSideTokenCheck"] = self.pick_value(((True, False), ("true", None)))
            value = self.pick_value((([provider], [provider, provider], []), (provider, ["x"])))
        else:
            value = self.pick_value(([[ARNS[0]], list(ARNS[:2]), []], [[1], ["short"]]))
        return self.json_text(value)

    def global_option(self):
        """A global option with one of its values."""
        mistake = self.mistake()
        name, pools = self.pick([o for o in GLOBAL_OPTIONS if mistake or not o[1] or o[1][0]])
        if pools is None:
            return [name]
        clean, messy = pools
        value = self.pick(messy if mistake or not clean else clean)
        if self.chance(0.15) or value.startswith("-") and not self.mistake(3):
            return [f"{name}={value}"]
        return [name, value]


@dataclass(frozen=True)
class IdpoolResult:
    """What `idpool update-identity-pool ARGS...` did."""

    rc: int
    stdout: str
    stderr: str

    def as_json(self):
        """The result in the report."""
        return {"rc": self.rc, "stdout": self.stdout, "stderr": self.stderr}


def run_idpool(binary, args, command=None):
    """Run idpool on one command line in tests/data/cli (a hang counts as exit status -1).

    `idpool update-identity-pool ARGS...`, or `idpool cognito-identity COMMAND ARGS...` when a
    command is given.
    """
    prefix = ["update-identity-pool"] if command is None else ["cognito-identity", command]
    try:
        process = subprocess.run(
            [str(binary), *prefix, *args],
            capture_output=True,
            cwd=WORK_DIR,
            timeout=IDPOOL_TIMEOUT,
            check=False,  # the exit status is what is compared
        )
    except subprocess.TimeoutExpired:
        return IdpoolResult(-1, "", f"timed out after {IDPOOL_TIMEOUT} s")
    return IdpoolResult(process.returncode, decode(process.stdout), decode(process.stderr))


def decode(data):
    """Output bytes as text; bytes that are not UTF-8 stay visible as escapes."""
    return data.decode("utf-8", errors="backslashreplace")


def printed_request_difference(printed, params):
    """How idpool's JSON stdout differs from `params`: None when it does not, else "value".

    The top-level key order does not count, types do. Neither does the key order inside provider
    structures: idpool prints them in model member order, as awscli prints a response, while
    `params` keep the order of the command line. awscli's JSON formatter prints nothing at all
    for an empty object.
    """
    if not params:
        return None if printed == "" else "value"
    try:
        value = json.loads(printed)
    except ValueError:
        return "value"
    if not isinstance(value, dict) or value.keys() != params.keys():
        return "value"
    if all(json.dumps(value[key]) == json.dumps(params[key]) for key in params):
        return None
    if json.dumps(sorted_providers(value)) == json.dumps(sorted_providers(params)):
        # idpool prints structures in model order, as awscli prints a response.
        return None
    return "value"


def sorted_providers(request):
    """The request, top-level keys sorted and each provider's members sorted (maps untouched)."""
    providers = request.get("CognitoIdentityProviders")
    if isinstance(providers, list):
        providers = [
            dict(sorted(item.items())) if isinstance(item, dict) else item for item in providers
        ]
        request = {**request, "CognitoIdentityProviders": providers}
    return dict(sorted(request.items()))


def in_model_order(value, shape_name, shapes):
    """`value` with the members of every structure in model order (unknown ones last, as given).

    Maps keep their key order and lists their element order: only what a response parser
    reorders is reordered.
    """
    shape = shapes[shape_name]
    kind = shape["type"]
    if kind == "structure" and isinstance(value, dict):
        members = shape["members"]
        ordered = {
            name: in_model_order(value[name], member["shape"], shapes)
            for name, member in members.items()
            if name in value
        }
        return {**ordered, **{key: item for key, item in value.items() if key not in members}}
    if kind == "list" and isinstance(value, list):
        return [in_model_order(item, shape["member"]["shape"], shapes) for item in value]
    if kind == "map" and isinstance(value, dict):
        value_shape = shape["value"]["shape"]
        return {key: in_model_order(item, value_shape, shapes) for key, item in value.items()}
    return value


def printed_request_difference_in_model_order(printed, params, input_shape, shapes):
    """How idpool's JSON stdout differs from `params`, structures compared in model order.

    None when it does not, else "value". As `printed_request_difference`, for any command:
    awscli's JSON formatter prints nothing for an empty object.
    """
    if not params:
        return None if printed == "" else "value"
    try:
        value = json.loads(printed)
    except ValueError:
        return "value"
    expected = json.dumps(in_model_order(params, input_shape, shapes))
    return None if json.dumps(in_model_order(value, input_shape, shapes)) == expected else "value"


def expected_difference(args, aws, commands_mode=False, idpool=None):
    """The name of a documented, expected difference for this awscli result, or None.

    With --commands, `--generate-cli-skeleton output` is expected to differ only where awscli
    rejects its own fake response (it fails validating it before the parameters are built), or
    where idpool finds the request invalid: it then reports the request (exit status 1) and
    prints no fake response, where awscli prints one if botocore's few checks pass. Elsewhere,
    where awscli prints the response skeleton, idpool must print the same.
    """
    rejected = aws.outcome == "invalid" and aws.params is None
    if aws.skeleton == "output" and (not commands_mode or rejected):
        return "--generate-cli-skeleton output (aws/aws-cli#2337)"
    reported = idpool is not None and idpool.rc == 1 and idpool.stdout == ""
    if aws.skeleton == "output" and aws.outcome in ("invalid", "printed") and reported:
        return "--generate-cli-skeleton output of a request idpool finds invalid (reported, no fake response)"
    paging = {"--starting-token", "--page-size", "--max-items"}
    named = {arg.split("=", 1)[0] for arg in args}
    if (aws.outcome == "invalid" and "Unknown parameter in input: \"PaginationConfig\"" in aws.stderr
            and named & paging and idpool is not None and idpool.rc == 2):
        return "a pagination option with pagination off (awscli hands botocore PaginationConfig, idpool refuses the option)"
    if aws.outcome == "printed" and aws.stdout.startswith("aws-cli/"):
        return "--version"
    params = json.dumps(aws.params)
    if aws.outcome == "invalid" and '"$bytes_base64"' in params:
        return "fileb:// for a text member (awscli fails validation, idpool refuses the argument)"
    if aws.outcome == "invalid" and '"$float"' in params:
        return "NaN or Infinity in JSON (Python reads them, idpool refuses them)"
    if "could not be found" in aws.stderr and "profile" in aws.stderr:
        return "--profile (not looked up offline)"
    if "argument --output: Invalid choice" in aws.stderr and any("yaml" in a for a in args):
        return "--output yaml|yaml-stream (AWS CLI v2)"
    return None


def output_label(aws):
    """How awscli formatted its output, e.g. `table` or `text + --query`."""
    return aws.output + (" + --query" if aws.query else "")


def difference(aws, idpool, compare_request=None):
    """The kind of difference between the two results, or None when idpool behaves as required.

    `compare_request(printed, params)` tells how a printed invalid request differs from awscli's
    parameters (default: `printed_request_difference`, update-identity-pool's rule).
    """
    compare_request = compare_request or printed_request_difference
    if aws.outcome == "sent":
        if aws.rc == 0 and idpool.rc not in (0, 1) or aws.rc != 0 and idpool.rc == 0:
            return f"sent: exit status (aws {aws.rc})"
        return None if idpool.stdout == aws.stdout else f"sent: stdout ({output_label(aws)})"
    if aws.outcome == "invalid":
        if idpool.rc != 1:
            return "invalid: exit status"
        printed = aws.plain_json and compare_request(idpool.stdout, aws.params)
        return f"invalid: printed request ({printed})" if printed else None
    if aws.outcome == "refused":
        if idpool.rc != 2:
            return "refused: exit status"
        return None if idpool.stdout == "" else "refused: stdout"
    if idpool.rc != 0:
        return "printed: exit status"
    return None if idpool.stdout == aws.stdout else "printed: stdout"


class Report:
    """Outcome counts, differences by kind, and expected differences.

    With `model` (the service model, for --commands), every record names its command, invalid
    requests are compared structure by structure in model order, and the counts are also kept
    per command.
    """

    def __init__(self, model=None):
        self.outcomes = Counter()
        self.expected = Counter()
        self.differences = defaultdict(list)
        self.model = model
        self.per_command = defaultdict(Counter)

    def add(self, args, aws, idpool, command=None):
        """Record one command line and its two results."""
        self.outcomes[aws.outcome] += 1
        commands_mode = command is not None
        if commands_mode:
            self.per_command[command][aws.outcome] += 1
        expected = expected_difference(args, aws, commands_mode, idpool)
        if expected:
            self.expected[expected] += 1
            return
        kind = difference(aws, idpool, self.request_comparison(command))
        if kind:
            record = {"args": args, "aws": aws.as_json(), "idpool": idpool.as_json()}
            if commands_mode:
                record = {"command": command, **record}
                self.per_command[command]["differ"] += 1
            self.differences[kind].append(record)

    def request_comparison(self, command):
        """The printed-request rule for `command` (None: update-identity-pool's)."""
        if command is None:
            return None
        operation = self.model["commands"][command]
        shape = self.model["operations"][operation]["input"]["shape"]
        shapes = self.model["shapes"]
        return lambda printed, params: printed_request_difference_in_model_order(
            printed, params, shape, shapes
        )

    def failing(self):
        """Every command line with a difference (with its command, with --commands)."""
        return [
            {"command": record["command"], "args": record["args"]} if "command" in record
            else record["args"]
            for records in self.differences.values()
            for record in records
        ]

    def as_json(self, source, seconds):
        """The whole report, with the minimal examples of each kind of difference."""
        per_command = {
            command: {key: counts[key] for key in (*OUTCOMES, "differ") if counts[key]}
            for command, counts in sorted(self.per_command.items())
        }
        return {
            "source": source,
            "command_lines": sum(self.outcomes.values()),
            "seconds": seconds,
            "aws_outcomes": dict(sorted(self.outcomes.items())),
            **({"per_command": per_command} if per_command else {}),
            "expected_differences": dict(sorted(self.expected.items())),
            "differences": {
                kind: {"count": len(records), "examples": minimal(records)}
                for kind, records in sorted(self.differences.items())
            },
            "failing": self.failing(),
        }


def minimal(records):
    """The shortest few records (by the length of their arguments)."""
    return sorted(records, key=lambda record: len(json.dumps(record["args"])))[:EXAMPLES_PER_KIND]


def print_summary(report):
    """The report as text on stdout."""
    total = report["command_lines"]
    failing = len(report["failing"])
    seconds = report["seconds"]
    print(f"{report['source']}: {total} command lines in {seconds:.0f} s, {failing} differ")
    print("awscli outcomes: " + ", ".join(f"{k} {v}" for k, v in report["aws_outcomes"].items()))
    for command, counts in report.get("per_command", {}).items():
        print(f"  {command}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for kind, count in report["expected_differences"].items():
        print(f"expected difference: {kind}: {count}")
    for kind, group in report["differences"].items():
        print(f"\n== {kind}: {group['count']}")
        for example in group["examples"]:
            if "command" in example:
                print("  command: " + example["command"])
            print("  args:   " + json.dumps(example["args"], ensure_ascii=False))
            print("  aws:    " + json.dumps(example["aws"], ensure_ascii=False))
            print("  idpool: " + json.dumps(example["idpool"], ensure_ascii=False))


def load_replay(path):
    """Command lines from a file or a folder.

    The file holds a JSON list of argument lists, or a report (its "failing" list); a folder is
    the corpus, tests/data/cli/cases (the "args" of every case).
    """
    path = Path(path)
    if path.is_dir():
        return [load_json(case)["args"] for case in sorted(path.glob("*.json"))]
    data = load_json(path)
    command_lines = data["failing"] if isinstance(data, dict) else data
    if not all(isinstance(args, list) for args in command_lines):
        raise ValueError(f"{path}: expected a list of argument lists")
    return command_lines


def load_command_replay(path, commands):
    """(command, args) pairs of `commands` from a file or a folder, for --commands.

    A folder is tests/data/cli/commands (COMMAND/NAME.json, each with "command" and "args"), or
    tests/data/cli/cases (update-identity-pool); a file holds a JSON list of {"command", "args"}
    objects, or a report written with --commands (its "failing" list).
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*/*.json")) or sorted(path.glob("*.json"))
        cases = [load_json(case) for case in files]
    else:
        data = load_json(path)
        cases = data["failing"] if isinstance(data, dict) else data
    pairs = []
    for case in cases:
        if not isinstance(case, dict) or not isinstance(case.get("args"), list):
            raise ValueError(f"{path}: expected {{\"command\", \"args\"}} objects")
        command = case.get("command", aws_cli.DEFAULT_COMMAND)
        if command in commands:
            pairs.append((command, case["args"]))
    return pairs


def chosen_commands(option, known):
    """The commands named by --commands: `all`, or a comma-separated list of known commands."""
    if option == "all":
        return list(known)
    names = [name.strip() for name in option.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        sys.exit(f"--commands: unknown command(s) {unknown}; known: {', '.join(known)}")
    return names


def load_model():
    """The argument tables and the service model, with `commands` (command -> operation)."""
    tables, model = commands_generator.load_tables()
    model["commands"] = {command: table["operation"] for command, table in tables.items()}
    return tables, model


def load_json(path):
    """Read a JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def parse_args():
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000, help="command lines (default 3000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--replay", metavar="PATH", help="run the command lines saved in PATH (file or corpus)"
    )
    parser.add_argument("--idpool", default=str(DEFAULT_BINARY), help="the idpool binary")
    parser.add_argument("--json", metavar="FILE", help="also write the report to FILE")
    parser.add_argument("--jobs", type=int, default=8, help="parallel idpool processes")
    parser.add_argument(
        "--commands",
        metavar="all|NAME[,NAME]",
        help="run `idpool cognito-identity COMMAND` on command lines of these commands "
        "(default: `idpool update-identity-pool` only, as before)",
    )
    return parser.parse_args()


def command_lines_for(options, model, tables):
    """The (command, args) pairs to run with --commands, and the report's source label."""
    commands = chosen_commands(options.commands, sorted(tables))
    if options.replay:
        return load_command_replay(options.replay, commands), f"replay of {options.replay}"
    rng = random.Random(options.seed)
    generator = commands_generator.ModelCommandLines(
        CommandLineGenerator(rng), tables, model, NOISE_LEVELS
    )
    pairs = []
    for _ in range(options.count):
        command = rng.choice(commands)
        pairs.append((command, generator.command_line(command)))
    return pairs, f"seed {options.seed}, commands {options.commands}"


def main():
    """Generate or load, run both sides, compare, report."""
    use_utf8_mode()
    aws_cli.prepare_environment()
    options = parse_args()
    model = None
    if options.commands:
        tables, model = load_model()
        pairs, source = command_lines_for(options, model, tables)
    elif options.replay:
        pairs = [(None, args) for args in load_replay(options.replay)]
        source = f"replay of {options.replay}"
    else:
        generator = CommandLineGenerator(random.Random(options.seed))
        pairs = [(None, generator.command_line()) for _ in range(options.count)]
        source = f"seed {options.seed}"
    binary = Path(options.idpool).resolve()
    if not binary.is_file():
        sys.exit(f"{binary} not found: build it with `cargo build --release -p idpool-cli`")
    start = time.monotonic()
    with ThreadPoolExecutor(options.jobs) as pool:
        idpool_results = pool.map(lambda pair: run_idpool(binary, pair[1], pair[0]), pairs)
        cli = aws_cli.AwsCli()
        aws_results = [
            cli.run(args) if command is None else cli.run(args, command=command)
            for command, args in pairs
        ]
        report = Report(model)
        for (command, args), aws, idpool in zip(pairs, aws_results, idpool_results, strict=True):
            report.add(args, aws, idpool, command)
    summary = report.as_json(source, time.monotonic() - start)
    print_summary(summary)
    if options.json:
        Path(options.json).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    sys.exit(1 if summary["failing"] else 0)


if __name__ == "__main__":
    main()
