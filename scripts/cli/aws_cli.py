"""`aws cognito-identity COMMAND ARGS...` (awscli 1.46.2) run in-process, for every command.

The real CLI driver parses the arguments and builds the request; a `before-send` handler cuts
the HTTP call short and answers with the request body echoed back as a 200 response, and an
`after-call` handler makes the parsed response the request body read with the operation's input
shape, so the CLI then prints the request exactly as it would print a real response (--output,
--query, --color), members in model order. A paginated call stops after its first request,
which is printed the same way. Each run gives a `Result`: the exit status, what the CLI printed,
and the parameters it handed to botocore.
"""

import contextlib
import copy
import io
import logging
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "shorthand"))

import aws_reference  # noqa: E402  (needs the path above)
from aws_reference import REPO_ROOT, SERVICE, to_json  # noqa: E402
from awscli.clidriver import CLIOperationCaller, ServiceOperation, create_clidriver  # noqa: E402
from botocore import xform_name  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402
from botocore.paginate import PageIterator  # noqa: E402
from botocore.parsers import create_parser  # noqa: E402

# The command run when none is given.
DEFAULT_COMMAND = "update-identity-pool"
# The working directory of every run, so that `file://files/x` reads tests/data/cli/files/x.
WORK_DIR = REPO_ROOT / "tests" / "data" / "cli"
# A region and credentials, so that no command line needs them.
ENVIRONMENT = {
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
}
# awscli sets AWS_DATA_PATH itself when it is imported.
KEPT_VARIABLES = ("AWS_DATA_PATH",)
# Variables that make awscli print upgrade warnings with --v2-debug.
WARNING_VARIABLES = ("PYTHONUTF8", "PYTHONIOENCODING")
# The output format when --output is not given (no configuration file sets another).
DEFAULT_OUTPUT = "json"
REQUEST_ID = "00000000-0000-4000-8000-000000000000"
VALIDATION_PREFIX = "\nParameter validation failed:"
# What replaces the --debug log on stderr: it holds timestamps, the Python version and paths.
DEBUG_LOG = "[--debug log omitted]\n"
# `aws --version`: the Python version and the platform vary between machines.
VERSION = re.compile(r"^(aws-cli/\S+) Python/\S+ \S+ (botocore/\S+)\n$")
VERSION_TEMPLATE = r"\1 Python/{python} {platform} \2\n"
# The loggers that --debug (and every run, for `awscli`) configures.
LOGGERS = ("", "awscli", "botocore", "s3transfer", "urllib3")


def prepare_environment():
    """Make every run independent of this machine's AWS configuration and environment."""
    for name in list(os.environ):
        if name.startswith("AWS_") and name not in KEPT_VARIABLES or name in WARNING_VARIABLES:
            del os.environ[name]
    aws_reference.isolate_from_user_config()
    os.environ.update(ENVIRONMENT)


@dataclass(frozen=True)
class Result:
    """What one command line did.

    `outcome` is "sent" (the request reached the HTTP layer), "invalid" (botocore's parameter
    validation failed), "printed" (exit status 0 without a request: skeleton, version) or
    "refused" (anything else). `params` is what the CLI handed to botocore, JSON-ready, or None
    when it did not get that far. Not part of the JSON form, and known only once the command got
    as far as calling the operation: `skeleton`, the value of --generate-cli-skeleton (None,
    "input" or "output"), `output`, the output format, and `query`, whether --query was given.
    """

    rc: int
    outcome: str
    params: object
    stdout: str
    stderr: str
    skeleton: str | None = None
    output: str | None = None
    query: bool = False

    def as_json(self):
        """The result as stored in the corpus."""
        return {
            "rc": self.rc,
            "outcome": self.outcome,
            "params": self.params,
            "stdout": self.stdout,
            "stderr": self.stderr,
        }

    @property
    def plain_json(self):
        """Whether the request would be printed as plain JSON: --output json and no --query."""
        return self.output == "json" and not self.query


class _EchoBody:
    """The raw body of a canned response: what `AWSResponse.content` reads."""

    def __init__(self, body):
        self._body = body

    def stream(self, **kwargs):
        """Yield the whole body at once."""
        yield self._body


class _RunState:
    """What the event handlers observe during one run."""

    def __init__(self):
        self.params = None
        self.built = False
        self.body = None
        self.response = None
        self.skeleton = None
        self.output = None
        self.query = False
        self.log = io.StringIO()
        self.debug = False


class AwsCli:
    """Runs `aws cognito-identity COMMAND` command lines through the real CLI driver, one at a
    time; COMMAND is given to `run`, or once to the constructor.

    Every run gets a fresh driver, because `--region`, `--profile` and `--no-sign-request`
    change the driver's session for good. The data loader (and the models it has parsed) is
    shared, which keeps a run at about 20 ms.
    """

    def __init__(self, command=DEFAULT_COMMAND):
        self._command = command
        self._loader = None
        self._operations = None
        self._state = _RunState()

    def commands(self):
        """Every command of `aws cognito-identity`, sorted, mapped to its operation name."""
        if self._operations is None:
            session = create_clidriver().session
            model = session.get_service_model(SERVICE)
            operations = {xform_name(name, "-"): name for name in model.operation_names}
            self._operations = dict(sorted(operations.items()))
        return self._operations

    def run(self, args, command=None):
        """Run `aws cognito-identity COMMAND *args` and return its `Result`; COMMAND is the
        runner's own (`AwsCli(command=...)`, update-identity-pool by default) unless given."""
        command = command or self._command
        operation = self.commands().get(command)
        if operation is None:
            raise ValueError(f"no command {command!r} in `aws {SERVICE}`")
        self._state = _RunState()
        driver = self._new_driver(operation)
        stdout, stderr = io.StringIO(), io.StringIO()
        with (
            contextlib.chdir(WORK_DIR),
            _restored_loggers(),
            _argv(["aws", SERVICE, command, *args]),
            _no_manual_pages(),
            _first_enum_values(),
            self._first_page_only(),
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            try:
                rc = driver.main([SERVICE, command, *args])
            except SystemExit as error:
                rc = _exit_status(error.code)
        return self._result(rc, stdout.getvalue(), stderr.getvalue())

    def _new_driver(self, operation):
        """A CLI driver wired to this runner's handlers for `operation`, sharing the data loader."""
        driver = create_clidriver()
        session = driver.session
        if self._loader is None:
            self._loader = session.get_component("data_loader")
        else:
            session.register_component("data_loader", self._loader)
        session.register(f"before-parameter-build.{SERVICE}.{operation}", self._capture_params)
        session.register(f"before-send.{SERVICE}.{operation}", self._echo)
        session.register(f"after-call.{SERVICE}.{operation}", self._request_as_response)
        # First, because the skeleton handler answers the event and ends its emission.
        emitter = session.get_component("event_emitter")
        emitter.register_first("calling-command.*", self._capture_command)
        set_stream_logger = session.set_stream_logger

        def set_stream_logger_aside(logger_name, log_level, stream=None, format_string=None):
            """`Session.set_stream_logger`, with the --debug log kept out of stderr."""
            if log_level == logging.DEBUG:
                self._state.debug = True
                stream = self._state.log
            set_stream_logger(logger_name, log_level, stream, format_string)

        session.set_stream_logger = set_stream_logger_aside
        return driver

    def _capture_params(self, params, **kwargs):
        """Event handler: record the parameters handed to botocore (of the first request)."""
        if not self._state.built:
            self._state.built = True
            self._state.params = to_json(params)

    def _echo(self, request, **kwargs):
        """Event handler: answer the request with its own body instead of sending it."""
        if self._state.body is None:
            self._state.body = request.body
        headers = {"x-amzn-RequestId": REQUEST_ID, "Content-Type": "application/x-amz-json-1.1"}
        return AWSResponse(request.url, 200, headers, _EchoBody(request.body))

    def _request_as_response(self, http_response, parsed, model, **kwargs):
        """Event handler: make the parsed response the echoed request, read with the input shape.

        The response shape of most operations is not their request shape; reading the body
        with the input shape keeps every member of the request, in model member order, as
        botocore's parser orders a response. Responses that were not echoed (the fake one of
        `--generate-cli-skeleton output`) are left alone.
        """
        state = self._state
        if state.body is None or state.response is not None or model.input_shape is None:
            return
        raw = {"body": state.body, "headers": http_response.headers, "status_code": 200}
        request = create_parser(model.metadata["protocol"]).parse(raw, model.input_shape)
        request["ResponseMetadata"] = parsed.get("ResponseMetadata", {})
        parsed.clear()
        parsed.update(request)
        state.response = copy.deepcopy(request)

    @contextlib.contextmanager
    def _first_page_only(self):
        """Make a paginated call send its first request only, and print it as a response.

        The echoed request would carry its own `NextToken` back as the next page's token, and
        the paginator would merge the pages into the result keys, which a request does not have.
        The first page is what the request was; it is printed as an unpaginated response is.
        """
        original = CLIOperationCaller._make_client_call
        state = self

        def make_client_call(caller, client, operation_name, parameters, parsed_globals):
            response = original(caller, client, operation_name, parameters, parsed_globals)
            if not isinstance(response, PageIterator):
                return response
            page = next(iter(response))
            return page if state._state.response is None else state._state.response

        CLIOperationCaller._make_client_call = make_client_call
        try:
            yield
        finally:
            CLIOperationCaller._make_client_call = original

    def _capture_command(self, parsed_args, parsed_globals, **kwargs):
        """Event handler: record the skeleton mode and the output format; never answers."""
        self._state.skeleton = getattr(parsed_args, "generate_cli_skeleton", None)
        self._state.output = parsed_globals.output or DEFAULT_OUTPUT
        self._state.query = parsed_globals.query is not None

    def _result(self, rc, stdout, stderr):
        """The `Result` of the run that just ended, with machine-specific text replaced."""
        state = self._state
        # Warnings (such as the one for a non-positive --max-items) may come first.
        after_warnings = stderr
        while after_warnings.startswith("warning: ") and "\n" in after_warnings:
            after_warnings = after_warnings.split("\n", 1)[1]
        if state.body is not None:
            outcome = "sent"
        elif after_warnings.startswith(VALIDATION_PREFIX):
            outcome = "invalid"
        elif rc == 0:
            outcome = "printed"
        else:
            outcome = "refused"
        return Result(
            rc=rc,
            outcome=outcome,
            params=state.params,
            stdout=VERSION.sub(VERSION_TEMPLATE, stdout),
            stderr=DEBUG_LOG + stderr if state.debug else stderr,
            skeleton=state.skeleton,
            output=state.output,
            query=state.query,
        )


def _exit_status(code):
    """The process exit status for a `SystemExit` code, as the interpreter would compute it."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


@contextlib.contextmanager
def _argv(argv):
    """Set `sys.argv` (argparse takes its program name from it) for the duration of a run."""
    saved = sys.argv
    sys.argv = argv
    try:
        yield
    finally:
        sys.argv = saved


class _HelpRequested(BaseException):
    """Raised instead of opening a manual page; a BaseException, so the driver lets it through."""


@contextlib.contextmanager
def _no_manual_pages():
    """Make `help` (alone, or as the stray value argparse gives the `help` positional) raise."""

    def refuse(*args, **kwargs):
        raise _HelpRequested()

    original = ServiceOperation.create_help_command
    ServiceOperation.create_help_command = refuse
    try:
        yield
    except _HelpRequested:
        raise ValueError("`help` opens the manual page instead of running the command") from None
    finally:
        ServiceOperation.create_help_command = original


@contextlib.contextmanager
def _first_enum_values():
    """Make `--generate-cli-skeleton input` give an enum member the enum's first value.

    botocore's `ArgumentGenerator` picks one at random (`random.choice(shape.enum)`), so the
    skeletons of SetIdentityPoolRoles and the like differ from run to run; the first value keeps
    the corpus reproducible, and idpool is expected to print it.
    """
    original = random.choice
    random.choice = lambda values: values[0]
    try:
        yield
    finally:
        random.choice = original


@contextlib.contextmanager
def _restored_loggers():
    """Undo the handlers and levels a run adds to the logging tree (--debug adds several)."""
    loggers = [logging.getLogger(name) for name in LOGGERS]
    saved = [(logger, list(logger.handlers), logger.level) for logger in loggers]
    try:
        yield
    finally:
        for logger, handlers, level in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
