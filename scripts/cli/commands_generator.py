"""Random command lines for every `aws cognito-identity` command, from the argument tables.

The options of each command come from tests/data/model/awscli-commands.json (awscli 1.46.2's
argument tables: name, kind, member, required), the values from the shapes of the vendored
service model (models/cognito-identity/service-2.json): strings from pools chosen by shape name,
numbers around their range, maps and lists as shorthand, JSON or `file://` fixtures, structures
as shorthand or JSON, booleans as flag pairs. Each line draws a mistake rate, so that clean
lines (every required option, valid values) and messy ones (near-miss values, wrong types,
unknown members, broken JSON, abbreviations, junk tokens) both occur. Used by differential.py.
"""

import json

from aws_cli import REPO_ROOT

TABLES = REPO_ROOT / "tests" / "data" / "model" / "awscli-commands.json"
SERVICE_MODEL = REPO_ROOT / "models" / "cognito-identity" / "service-2.json"

POOL_ID = "us-east-1:11111111-2222-3333-4444-555555555555"
IDENTITY_ID = "us-east-1:66666666-7777-8888-9999-000000000000"
ROLE_ARN = "arn:aws:iam::123456789012:role/Cognito_PoolAuth_Role"
POOL_ARN = "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/" + POOL_ID
LOGIN_KEYS = ("graph.facebook.com", "accounts.google.com", "www.amazon.com", "api.twitter.com")
PROVIDER_NAME = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab129faBb"

# Clean values of the string shapes; a shape not listed takes GENERIC_STRINGS. No value is
# `help` (the CLI would open its manual) or starts with http:// or https:// (it would fetch it).
STRINGS = {
    "IdentityPoolId": (POOL_ID, "eu-west-1:0a1b2c3d-0000-4000-8000-00000000abcd"),
    "IdentityId": (IDENTITY_ID, "us-east-1:0000-abcd"),
    "IdentityPoolName": ("MyPool", "My Identity Pool", "pool+=,.@-_name", "身份池"),
    "DeveloperProviderName": ("login.mycompany.myapp", "dev_provider"),
    "AccountId": ("123456789012", "1"),
    "ARNString": (ROLE_ARN, POOL_ARN, "arn:aws:iam::123456789012:oidc-provider/a.example.com"),
    "IdentityProviderName": LOGIN_KEYS + (PROVIDER_NAME,),
    "IdentityProviderToken": ("7346241598935552", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "café"),
    "IdentityProviderId": ("7346241598935552", "amzn1.application.example"),
    "DeveloperUserIdentifier": ("alice", "user@example.com", "bob 2"),
    "PaginationKey": ("token-1", "AbCdEf=="),
    "RoleType": ("authenticated", "unauthenticated"),
    "TagKeysType": ("Team", "Env", "cost-center"),
    "TagValueType": ("Identity", "prod", ""),
    "PrincipalTagID": ("username", "client"),
    "PrincipalTagValue": ("sub", "aud"),
    "CognitoIdentityProviderName": (PROVIDER_NAME, "b.example.com"),
    "CognitoIdentityProviderClientId": ("3n4b5urk1ft4fl3mg5e62d9ado", "c1"),
    "ClaimName": ("isAdmin", "aud", "custom:dept"),
    "ClaimValue": ("true", "123", "sales"),
}
GENERIC_STRINGS = ("abc", "value-1", "a b", "é")
MESSY_STRINGS = (
    "",
    "-dash",
    "--double",
    "x",
    "a=b,c=d",
    '{"a": 1}',
    "[1]",
    " padded ",
    "it's \"quoted\"",
    "line1\nline2",
    "p" * 130,
    "😀",
)
STRING_FILES = (
    ("file://files/id.txt", "file://files/name.txt", "file://files/name-unicode.txt"),
    (
        "file://files/empty.txt",
        "file://files/missing.txt",
        "fileb://files/name.txt",
        "file://files/name-latin1.txt",
        "file://",
    ),
)
MESSY_NUMBERS = ("0", "-1", "abc", "1.5", "", "1e3", " 5", "99999999999", "file://files/app-id.txt")
MAP_FILES = {
    "LoginsMap": "file://files/logins.json",
    "IdentityProviders": "file://files/logins.json",
    "IdentityPoolTagsType": "file://files/tags.json",
    "PrincipalTags": "file://files/principal-tags.json",
    "RolesMap": "file://files/roles.json",
    "RoleMappingMap": "file://files/role-mappings.json",
}
LIST_FILES = {
    "IdentityIdList": "file://files/identity-ids.json",
    "IdentityPoolTagsListType": "file://files/tag-keys.json",
    "OIDCProviderList": "file://files/arns.json",
    "SAMLProviderList": "file://files/saml.json",
    "CognitoIdentityProviderList": "file://files/providers.json",
}
MESSY_FILES = (
    "file://files/missing.json",
    "fileb://files/logins.json",
    "file://files/request-broken.json",
    "file://files/binary.bin",
)
WRONG_TYPES = (1, None, True, ["a"], {"a": "b"}, "", 1.5)
JUNK = ("extra", "false", "true", "--bogus", "--bogus=1", "-x", "--", "-", "Key=x")
QUERIES = (("@", "keys(@)", "length(@)", "[*]"), ("[", "", "nope(@)", "@."))
PAGE_VALUES = {
    "starting-token": (
        ("token-1", "eyJOZXh0VG9rZW4iOiAidG9rZW4tMiJ9"),
        ("", "not base64!", "eyJib2d1cyI6IDF9", "e30="),
    ),
    "page-size": (("5", "60", "1"), ("0", "-1", "abc", "1.5")),
    "max-items": (("3", "100"), ("0", "-2", "x")),
}
SHORTHAND_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@+;")


def load_tables():
    """The argument table of every command, and the shapes of the service model."""
    tables = json.loads(TABLES.read_text(encoding="utf-8"))
    model = json.loads(SERVICE_MODEL.read_text(encoding="utf-8"))
    return tables, model


class ModelCommandLines:
    """Random command lines of any command, driven by the argument tables and the shapes.

    `base` is differential.py's `CommandLineGenerator`: the random source, the mistake rate
    and the helpers (chance, mistake, pick, pick_value, spelling, json_text, global_option)
    are shared with the update-identity-pool generator.
    """

    def __init__(self, base, tables, model, noise_levels):
        self.base = base
        self.noise_levels = noise_levels
        self.rng = base.rng
        self.tables = tables
        self.shapes = model["shapes"]
        self.inputs = {
            name: operation["input"]["shape"] for name, operation in model["operations"].items()
        }

    def command_line(self, command):
        """The arguments after `aws cognito-identity COMMAND`."""
        base = self.base
        base.noise = base.pick(self.noise_levels)
        table = self.tables[command]
        shape = self.shapes[self.inputs[table["operation"]]]
        # A paginated command paginates only when its limit comes from --cli-input-json
        # (its own --max-results is required, and turns pagination off).
        paginated = any(a["kind"] == "PageArgument" for a in table["arguments"])
        input_json = base.chance(0.4 if paginated else 0.1)
        segments = []
        for argument in table["arguments"]:
            segment = self.argument_segment(argument, shape, input_json)
            if segment:
                segments.append(segment)
        if input_json:
            segments.append(["--cli-input-json", self.input_json(shape)])
        if base.chance(0.03):
            mode = base.pick(([], ["input"], ["output"], ["output"]))
            segments.append(["--generate-cli-skeleton", *mode])
        for _ in range(base.pick((0, 0, 0, 1, 1, 2))):
            segments.append(self.global_option(shape))
        self.rng.shuffle(segments)
        args = [token for segment in segments for token in segment]
        if base.mistake(0.3):
            args.insert(self.rng.randint(0, len(args)), base.pick(JUNK))
        return args

    def argument_segment(self, argument, shape, input_json):
        """The tokens of one argument of the table, or None when it is not given this time."""
        base = self.base
        kind, name = argument["kind"], "--" + argument["name"]
        if argument["member"] is None:
            return None
        if kind == "PageArgument":
            if not base.chance(0.25):
                return None
            value = base.pick_value(PAGE_VALUES[argument["name"]])
            return self.with_value(name, [value])
        if kind == "BooleanArgument":
            # Each of the pair on its own, so both (in either order) happen too.
            if not base.chance(0.4 if argument["required"] else 0.25):
                return None
            if base.mistake(0.2):
                return [name + "=" + base.pick(("true", "false", ""))]
            return [base.spelling(name)]
        weight = 0.9 if argument["required"] else 0.35
        if input_json:
            weight /= 2
        if not base.chance(weight) and not base.mistake(0.05):
            return None
        member_shape = shape["members"][argument["member"]]["shape"]
        tokens = self.value_tokens(member_shape, kind == "ListArgument")
        return self.with_value(base.spelling(name), tokens)

    def with_value(self, name, tokens):
        """`--name value...`, or `--name=value` (always for a value that starts with a dash)."""
        base = self.base
        dash = tokens and tokens[0].startswith("-")
        if len(tokens) == 1 and (base.chance(0.15) or dash and not base.mistake(3)):
            return [f"{name}={tokens[0]}"]
        return [name, *tokens]

    def value_tokens(self, shape_name, list_argument):
        """The argv tokens that give a member of shape `shape_name` a value."""
        base = self.base
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "list":
            return self.list_tokens(shape_name, shape)
        if kind == "map":
            return [self.map_token(shape_name, shape)]
        if kind == "structure":
            return [self.structure_token(shape_name)]
        if kind in ("integer", "long"):
            if base.mistake():
                return [base.pick(MESSY_NUMBERS)]
            return [str(self.number(shape))]
        if base.chance(0.05) or base.mistake(0.1):
            return [base.pick_value(STRING_FILES)]
        return [self.string(shape_name)]

    def string(self, shape_name):
        """A string for a string shape: clean, or a near miss."""
        shape = self.shapes[shape_name]
        if "enum" in shape and not self.base.mistake():
            return self.base.pick(shape["enum"])
        clean = STRINGS.get(shape_name, GENERIC_STRINGS)
        return self.base.pick_value((clean, MESSY_STRINGS))

    def number(self, shape):
        """A number within the shape's range, or just outside it on a mistake."""
        low, high = shape.get("min", 0), shape.get("max", 1000)
        if self.base.mistake():
            return self.base.pick((low - 1, high + 1))
        return self.rng.randint(low, min(high, low + 100))

    def list_tokens(self, shape_name, shape):
        """A list: one token per element, a JSON list, a file, or no element at all."""
        base = self.base
        roll = self.rng.random()
        if roll < 0.2:
            return [self.json_text(self.json_value(shape_name))]
        if roll < 0.28:
            files = ((LIST_FILES[shape_name],),) if shape_name in LIST_FILES else ((), ())
            return [base.pick_value((files[0], MESSY_FILES))]
        member = shape["member"]["shape"]
        count = base.pick((0, 1, 1, 1, 2, 2, 3))
        if self.shapes[member]["type"] == "structure":
            tokens = [self.structure_token(member, braces=False) for _ in range(count)]
        else:
            tokens = [self.shorthand_scalar(self.json_value(member)) for _ in range(count)]
        if len(tokens) > 1 and base.mistake():
            return [",".join(tokens)]
        return tokens

    def map_token(self, shape_name, shape):
        """A map: shorthand `k=v,k2=v2`, JSON, or a file."""
        base = self.base
        roll = self.rng.random()
        if roll < 0.55:
            value = self.json_value(shape_name)
            if not isinstance(value, dict):
                return self.json_text(value)
            return self.shorthand_pairs(value)
        if roll < 0.85:
            return self.json_text(self.json_value(shape_name))
        files = ((MAP_FILES[shape_name],),) if shape_name in MAP_FILES else ((), ())
        return base.pick_value((files[0], MESSY_FILES + ("", "{}")))

    def structure_token(self, shape_name, braces=True):
        """A structure: shorthand `A=b,C=d` (in braces when nested), or JSON."""
        value = self.json_value(shape_name)
        if self.base.chance(0.25) or not isinstance(value, dict) or not value:
            return self.json_text(value)
        text = self.shorthand_pairs(value)
        return "{" + text + "}" if braces else text

    def json_text(self, value):
        """JSON text of a value (sometimes cut short: never a one-character text)."""
        text = json.dumps(value)
        return self.base.json_text(value) if len(text) > 1 else text

    def shorthand_pairs(self, value):
        """`k=v,...` for a dict, sometimes with a duplicate key or a trailing comma."""
        base = self.base
        pairs = [f"{key}={self.shorthand(item)}" for key, item in value.items()]
        if pairs and base.mistake(0.3):
            pairs.append(pairs[0])
        text = base.pick((",", ",", ",", ", ")).join(pairs)
        return text + "," if pairs and base.mistake(0.2) else text

    def shorthand(self, value):
        """A nested shorthand value: `{k=v}`, `[a,b]` or a scalar."""
        if isinstance(value, dict):
            return "{" + ",".join(f"{k}={self.shorthand(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ",".join(self.shorthand(item) for item in value) + "]"
        return self.shorthand_scalar(value)

    def shorthand_scalar(self, value):
        """A scalar as shorthand: bare when it can be, else quoted (or, on a mistake, not)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if value is None:
            return ""
        text = str(value)
        if text and set(text) <= SHORTHAND_SAFE or self.base.mistake(0.5):
            return text
        if self.base.chance(0.5):
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def json_value(self, shape_name, depth=0):
        """A JSON value of a shape, with mistakes at the line's rate (wrong types, unknown or
        missing members, empty strings)."""
        base = self.base
        if base.mistake(0.3):
            return base.pick(WRONG_TYPES)
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "structure":
            required = set(shape.get("required", ()))
            value = {}
            for name, member in shape["members"].items():
                keep = name in required and not base.mistake(0.5) or base.chance(0.5)
                if keep and depth < 4:
                    value[name] = self.json_value(member["shape"], depth + 1)
            if base.mistake(0.3):
                value[base.pick(("Foo", "type", ""))] = "x"
            return value
        if kind == "list":
            count = base.pick((0, 1, 1, 2))
            return [self.json_value(shape["member"]["shape"], depth + 1) for _ in range(count)]
        if kind == "map":
            keys = [self.string(shape["key"]["shape"]) for _ in range(base.pick((0, 1, 1, 2, 3)))]
            return {key: self.json_value(shape["value"]["shape"], depth + 1) for key in keys}
        if kind == "boolean":
            return base.pick_value(((True, False), ("true", "maybe")))
        if kind in ("integer", "long"):
            return self.number(shape)
        return self.string(shape_name)

    def input_json(self, shape):
        """The value of --cli-input-json: the input shape as JSON, or a file, or junk."""
        base = self.base
        if base.mistake(0.3):
            return base.pick(("{}", "[1]", "null", '{"a":', "file://files/missing.json"))
        value = {}
        required = set(shape.get("required", ()))
        for name, member in shape["members"].items():
            if name in required and not base.mistake(0.5) or base.chance(0.3):
                value[name] = self.json_value(member["shape"])
        if base.mistake(0.3):
            value["Bogus"] = 1
        return self.json_text(value)

    def global_option(self, shape):
        """A global option; --query names a member of the command's request."""
        base = self.base
        if base.chance(0.35):
            members = tuple(shape["members"])
            clean, messy = QUERIES
            query = base.pick_value((clean + members, messy))
            return ["--query", query] if not query.startswith("-") else [f"--query={query}"]
        return base.global_option()
