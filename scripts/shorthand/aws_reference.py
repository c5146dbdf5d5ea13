"""The AWS CLI v1 side of the shorthand tooling: awscli's own code, run in-process.

Everything here calls the real awscli (the version pinned in venv.sh): the shorthand parser for
untyped inputs, and the CLI driver for typed arguments of
`aws cognito-identity update-identity-pool`. Results are returned as `Outcome`s whose values are
already JSON-ready (bytes become {"$bytes_base64": "..."}).
"""

import base64
import contextlib
import copy
import io
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import awscli  # noqa: F401  (makes the vendored `botocore` importable)
from awscli.argprocess import ParamShorthand
from awscli.clidriver import create_clidriver
from awscli.shorthand import BackCompatVisitor, ShorthandParseError, ShorthandParser
from awscli.utils import find_service_and_method_in_event_name
from botocore import xform_name
from botocore.model import ShapeResolver

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "tests" / "data" / "shorthand"
FILES_DIR = CORPUS_DIR / "files"
BYTES_KEY = "$bytes_base64"
FLOAT_KEY = "$float"
# Keys of a model dict that hold nested models, or that botocore shapes do not take.
_NESTED_KEYS = ("members", "member", "key", "value", "serialization")

SERVICE = "cognito-identity"
OPERATION = "UpdateIdentityPool"
# The required arguments of update-identity-pool, so that argparse accepts the command line.
BASE_ARGV = [
    "cognito-identity",
    "update-identity-pool",
    "--region",
    "us-east-1",
    "--no-sign-request",
    "--identity-pool-id",
    "us-east-1:00000000-0000-0000-0000-000000000000",
    "--identity-pool-name",
    "pool",
    "--allow-unauthenticated-identities",
]


@dataclass(frozen=True)
class Outcome:
    """What the AWS CLI made of one input: a JSON-ready value, or an error message.

    `error_type` names the Python exception class (None for what the CLI driver printed), so
    callers can tell shorthand syntax errors from anything else awscli raises.
    """

    value: object = None
    error: str | None = None
    error_type: str | None = None

    @property
    def ok(self):
        """True when the input produced a value."""
        return self.error is None

    def as_json(self):
        """The outcome in the JSONL form used by `idpool shorthand --jsonl`."""
        return {"ok": self.value} if self.ok else {"error": self.error}


def use_utf8_mode():
    """Re-execute the interpreter in UTF-8 mode unless it already runs in it.

    `file://` paramfiles are decoded with the locale's preferred encoding; UTF-8 mode makes that
    UTF-8 on every machine, so the corpus does not depend on the locale.
    """
    if not sys.flags.utf8_mode:
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.argv])


def isolate_from_user_config():
    """Keep the user's AWS configuration and the instance metadata service out of every run."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CLI_UPGRADE_DEBUG_MODE"):
        os.environ.pop(name, None)
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def to_json(value):
    """Convert a value produced by awscli into plain JSON data (dicts keep their key order)."""
    if isinstance(value, bytes):
        return {BYTES_KEY: base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        # Python's JSON reads NaN and Infinity; JSON itself has no such numbers.
        return {FLOAT_KEY: repr(value)}
    return value


def parse(text):
    """Run `ShorthandParser().parse(text)` and capture its result or its exception."""
    try:
        return Outcome(value=to_json(ShorthandParser().parse(text)))
    except Exception as error:  # noqa: BLE001  (any exception is an observed behaviour)
        return Outcome(error=str(error), error_type=type(error).__name__)


def shape_from_model(model):
    """A botocore shape built from a model dict such as {"type": "list", "member": {...}}.

    A node {"$recursive": NAME} (how the conformance file writes a recursive shape) refers to
    the nearest enclosing structure.
    """
    shapes = {}
    _add_shape(model, "Root", shapes, enclosing=None)
    return ShapeResolver(shapes).get_shape_by_name("Root")


def _add_shape(model, name, shapes, enclosing):
    """Add `model` and its descendants to `shapes` under `name`; return the name to refer to."""
    if "$recursive" in model:
        return enclosing
    shape = {key: value for key, value in model.items() if key not in _NESTED_KEYS}
    shapes[name] = shape
    if model["type"] == "structure":
        shape["members"] = {
            member: {"shape": _add_shape(sub, f"{name}.{member}", shapes, enclosing=name)}
            for member, sub in model.get("members", {}).items()
        }
    for key in ("member", "key", "value"):
        if key in model:
            shape[key] = {"shape": _add_shape(model[key], f"{name}.{key}", shapes, enclosing)}
    return name


def visit(model, shorthand):
    """Parse shorthand and type it with `BackCompatVisitor` against `model`.

    `shorthand` is one string, or a list of argv tokens for a list model: as the CLI does, every
    token is parsed on its own, then the list of parsed tokens is visited.
    """
    try:
        if isinstance(shorthand, list):
            parsed = [ShorthandParser().parse(token) for token in shorthand]
        else:
            parsed = ShorthandParser().parse(shorthand)
        BackCompatVisitor().visit(parsed, shape_from_model(model))
        return Outcome(value=to_json(parsed))
    except Exception as error:  # noqa: BLE001  (any exception is an observed behaviour)
        return Outcome(error=str(error), error_type=type(error).__name__)


def uses_old_list_case(event_name, cli_name):
    """Whether awscli gives the argument its old list special case.

    That case turns each token into {member: token} without any shorthand parsing.
    """
    service_id, operation = find_service_and_method_in_event_name(event_name)
    return ParamShorthand()._uses_old_list_case(service_id, operation, cli_name.lstrip("-"))


def _subclasses(cls):
    """`cls` and all its subclasses."""
    return [cls] + [sub for direct in cls.__subclasses__() for sub in _subclasses(direct)]


# The exception classes of the shorthand parser's own syntax errors.
SYNTAX_ERRORS = frozenset(cls.__name__ for cls in _subclasses(ShorthandParseError))


class _StopBeforeValidation(Exception):
    """Raised by the capture handler to end a CLI run before botocore validates parameters."""


class ArgumentProcessor:
    """Runs the real CLI driver on one argument of update-identity-pool and captures its value.

    The value is taken from the `before-parameter-build` event, i.e. exactly what the CLI hands
    to botocore, before botocore's parameter validation. Errors are what the CLI prints on
    stderr (without the surrounding newlines).
    """

    # Each run registers awscli's session handlers once more (on "session-initialized"), so a
    # long-lived driver gets slower with every run; a fresh driver now and then keeps it fast.
    RUNS_PER_DRIVER = 100

    def __init__(self):
        self._captured = None
        self._runs = 0
        self._driver = self._new_driver()
        operation = self._driver.session.get_service_model(SERVICE).operation_model(OPERATION)
        self._members = operation.input_shape.members

    def _new_driver(self):
        """A CLI driver whose requests are captured by `_capture`."""
        driver = create_clidriver()
        driver.session.register(f"before-parameter-build.{SERVICE}.{OPERATION}", self._capture)
        return driver

    def option(self, member):
        """The command-line option of an input member, e.g. `--cognito-identity-providers`."""
        return "--" + xform_name(member, "-")

    def argv(self, member, values):
        """The command line that gives `values` (argv tokens) to `member`.

        List members take any number of tokens; other members take exactly one, passed in the
        `--option=value` form so that values starting with `-` reach the argument unchanged.
        """
        option = self.option(member)
        if self._members[member].type_name == "list":
            return [*BASE_ARGV, option, *values]
        if len(values) != 1:
            raise ValueError(f"{member} takes exactly one value, got {values!r}")
        return [*BASE_ARGV, f"{option}={values[0]}"]

    def process(self, member, values):
        """The value the CLI puts in the request for `member`, or the error it prints."""
        self._captured = None
        self._runs += 1
        if self._runs % self.RUNS_PER_DRIVER == 0:
            self._driver = self._new_driver()
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                self._driver.main(self.argv(member, values))
            except SystemExit as error:
                raise RuntimeError(f"argparse rejected {values!r}: {stderr.getvalue()}") from error
        if self._captured is not None:
            return Outcome(value=to_json(self._captured[member]))
        printed = stderr.getvalue()
        if not (printed.startswith("\n") and printed.endswith("\n")):
            raise RuntimeError(f"unexpected CLI output for {values!r}: {printed!r}")
        return Outcome(error=printed[1:-1])

    def _capture(self, params, **kwargs):
        """Event handler: record the request parameters and stop the call."""
        self._captured = copy.deepcopy(params)
        raise _StopBeforeValidation()
