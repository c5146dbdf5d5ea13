#!/usr/bin/env python3
"""Writes UpdateIdentityPool request documents for the whole-process validation benchmark.

    gen-requests.py [N] [DIR] [--manifest FILE]   N files DIR/req-00000.json ... (N: 10000)
    gen-requests.py --big FILE [--megabytes MB]   one valid document of about MB (50) megabytes

The output depends only on N and --seed. About 70 % of the files satisfy
schemas/update-identity-pool.request.schema.json. The other 30 % break one or two of its rules
(a string that is too long, a bad pattern, a wrong type, a missing required member, an unknown
member, too many login providers, a null). Most files are 300 to 1,500 bytes, pretty-printed
with 4-space indentation, as `aws ... --generate-cli-skeleton` users write them.
--manifest FILE lists the names of the invalid files, one per line, so that a caller can check
that a validator flagged exactly those.

Standard library only.
"""

import argparse
import json
import random
import string
import uuid
from pathlib import Path

REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1",
    "eu-north-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
    "sa-east-1", "ca-central-1", "us-gov-west-1",
]
WORDS = [
    "alpha", "beta", "gamma", "delta", "mobile", "web", "prod", "staging", "dev", "test",
    "users", "guests", "partners", "internal", "app", "portal", "games", "store", "photos",
    "analytics", "iot", "fleet", "kiosk", "pool", "identities", "customers",
]
NAME_SEPARATORS = [" ", "_", "-", ".", "+", "=", ",", "@"]
LOGIN_PROVIDERS = {
    "graph.facebook.com": lambda rng: digits(rng, 16),
    "accounts.google.com": lambda rng: f"{digits(rng, 12)}-{lower_alnum(rng, 32)}.apps.googleusercontent.com",
    "www.amazon.com": lambda rng: f"amzn1.application.{lower_hex(rng, 32)}",
    "api.twitter.com": lambda rng: f"{alnum(rng, 25)};{alnum(rng, 50)}",
    "appleid.apple.com": lambda rng: f"com.example.{rng.choice(WORDS)}",
}
TAG_KEYS = ["Environment", "Team", "CostCenter", "Owner", "Project", "Application", "Tier",
            "Compliance", "DataClassification", "Stage", "Service", "Contact"]


def digits(rng, n):
    """Returns n random decimal digits."""
    return "".join(rng.choice(string.digits) for _ in range(n))


def lower_hex(rng, n):
    """Returns n random lower-case hexadecimal digits."""
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def lower_alnum(rng, n):
    """Returns n random lower-case letters and digits."""
    return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(n))


def alnum(rng, n):
    """Returns n random ASCII letters and digits."""
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


def account(rng):
    """Returns a 12-digit AWS account id."""
    return digits(rng, 12)


def pool_id(rng):
    """Returns an IdentityPoolId: REGION:GUID with a lower-case GUID (at most 51 characters)."""
    guid = uuid.UUID(int=rng.getrandbits(128), version=4)
    return f"{rng.choice(REGIONS)}:{guid}"


def pool_name(rng):
    """Returns a valid IdentityPoolName of one to six words (at most 128 characters)."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
    name = words[0]
    for word in words[1:]:
        name += rng.choice(NAME_SEPARATORS) + word
    return name[:128]


def user_pool_provider(rng, region):
    """Returns a valid CognitoIdentityProviders entry for a user pool in region."""
    provider = {
        "ProviderName": f"cognito-idp.{region}.amazonaws.com/{region}_{alnum(rng, 9)}",
        "ClientId": lower_alnum(rng, 26),
    }
    if rng.random() < 0.8:
        provider["ServerSideTokenCheck"] = rng.random() < 0.5
    return provider


def oidc_arn(rng):
    """Returns the ARN of an IAM OpenID Connect provider."""
    host = rng.choice(["login.example.com", "auth.example.org", "accounts.example.net",
                       f"oidc.eks.{rng.choice(REGIONS)}.amazonaws.com/id/{lower_hex(rng, 32).upper()}"])
    return f"arn:aws:iam::{account(rng)}:oidc-provider/{host}"


def saml_arn(rng):
    """Returns the ARN of an IAM SAML provider."""
    return f"arn:aws:iam::{account(rng)}:saml-provider/{rng.choice(WORDS).capitalize()}IdP"


def tag_key(rng, taken):
    """Returns a tag key (1 to 128 characters) that is not in taken."""
    key = rng.choice(TAG_KEYS)
    while key in taken:
        key = f"{rng.choice(TAG_KEYS)}:{rng.choice(WORDS)}{rng.randint(1, 999)}"
    return key


def tag_value(rng):
    """Returns a tag value of 0 to about 60 characters."""
    if rng.random() < 0.05:
        return ""
    return rng.choice(WORDS) + "".join(rng.choice(["-", " ", "/"]) + rng.choice(WORDS)
                                       for _ in range(rng.randint(0, 6)))


def add_login_provider(rng, doc):
    """Adds one SupportedLoginProviders entry, keeping the map at 10 entries or fewer."""
    providers = doc.setdefault("SupportedLoginProviders", {})
    if len(providers) >= 10:
        return
    free = [name for name in LOGIN_PROVIDERS if name not in providers]
    if free:
        name = rng.choice(free)
        providers[name] = LOGIN_PROVIDERS[name](rng)
    else:
        providers[f"login.{rng.choice(WORDS)}{len(providers)}.example.com"] = alnum(rng, 20)


def add_tag(rng, doc):
    """Adds one IdentityPoolTags entry."""
    tags = doc.setdefault("IdentityPoolTags", {})
    tags[tag_key(rng, tags)] = tag_value(rng)


def add_oidc_provider(rng, doc):
    """Adds one OpenIdConnectProviderARNs entry."""
    doc.setdefault("OpenIdConnectProviderARNs", []).append(oidc_arn(rng))


def add_user_pool(rng, doc):
    """Adds one CognitoIdentityProviders entry, mostly in the identity pool's region."""
    region = doc.get("IdentityPoolId", "").split(":")[0]
    if not region or rng.random() < 0.1:
        region = rng.choice(REGIONS)
    doc.setdefault("CognitoIdentityProviders", []).append(user_pool_provider(rng, region))


def add_saml_provider(rng, doc):
    """Adds one SamlProviderARNs entry."""
    doc.setdefault("SamlProviderARNs", []).append(saml_arn(rng))


GROWERS = [add_login_provider, add_oidc_provider, add_user_pool, add_saml_provider, add_tag]


def target_size(rng):
    """Returns the size a document grows to: mostly 300 to 1,500 bytes, a few outside it."""
    roll = rng.random()
    if roll < 0.05:
        return rng.randint(120, 300)
    if roll < 0.95:
        return rng.randint(300, 1500)
    return rng.randint(1500, 6000)


def render(doc):
    """Returns the document as its file holds it: 4-space indentation and a final newline."""
    return json.dumps(doc, indent=4, ensure_ascii=False) + "\n"


def valid_document(rng):
    """Returns a document that satisfies every rule of the request schema."""
    doc = {
        "IdentityPoolId": pool_id(rng),
        "IdentityPoolName": pool_name(rng),
        "AllowUnauthenticatedIdentities": rng.random() < 0.3,
    }
    if rng.random() < 0.5:
        doc["AllowClassicFlow"] = rng.random() < 0.2
    if rng.random() < 0.3:
        doc["DeveloperProviderName"] = f"login.{rng.choice(WORDS)}.{rng.choice(WORDS)}"
    target = target_size(rng)
    while len(render(doc).encode()) < target:
        rng.choice(GROWERS)(rng, doc)
    return doc


def ensure(doc, member, grow, rng):
    """Returns doc[member], adding one entry with grow first when the member is missing."""
    if member not in doc:
        grow(rng, doc)
    return doc[member]


def break_name_length(rng, doc):
    """IdentityPoolName longer than 128 characters."""
    doc["IdentityPoolName"] = ("pool-" + "x" * 130)[: rng.randint(129, 135)]


def break_name_pattern(rng, doc):
    """IdentityPoolName with a character outside its pattern."""
    doc["IdentityPoolName"] = rng.choice(["pool#name", "café pool", "pool/name", "my pool!"])


def break_id_pattern(rng, doc):
    """IdentityPoolId that does not match REGION:GUID with a lower-case hexadecimal GUID."""
    region, guid = doc["IdentityPoolId"].split(":")
    doc["IdentityPoolId"] = rng.choice([f"{region}:{guid[:-1]}G", f"{region}/{guid}", guid])


def break_id_length(rng, doc):
    """IdentityPoolId of 56 characters."""
    doc["IdentityPoolId"] = "us-east-1:" + lower_hex(rng, 46)


def break_unauth_type(rng, doc):
    """AllowUnauthenticatedIdentities that is a string or a number, not a boolean."""
    doc["AllowUnauthenticatedIdentities"] = rng.choice(["true", "false", 1, 0])


def break_required(rng, doc):
    """One of the three required members left out."""
    del doc[rng.choice(["IdentityPoolId", "IdentityPoolName", "AllowUnauthenticatedIdentities"])]


def break_unknown_member(rng, doc):
    """A member the schema does not know, at the top or in a CognitoIdentityProviders entry."""
    if rng.random() < 0.5:
        doc[rng.choice(["IdentityPoolID", "AllowClassicFlows", "Tags"])] = True
    else:
        provider = ensure(doc, "CognitoIdentityProviders", add_user_pool, rng)[0]
        provider["ClientID"] = provider.pop("ClientId")


def break_login_provider_count(rng, doc):
    """Eleven SupportedLoginProviders."""
    providers = doc.setdefault("SupportedLoginProviders", {})
    while len(providers) < 10:
        add_login_provider(rng, doc)
    providers[f"login.extra.{rng.choice(WORDS)}.example.com"] = alnum(rng, 20)


def break_login_provider_value(rng, doc):
    """A SupportedLoginProviders value that is empty, too long or outside its pattern."""
    providers = ensure(doc, "SupportedLoginProviders", add_login_provider, rng)
    providers[next(iter(providers))] = rng.choice(["app id", "", "id#1", "x" * 129])


def break_null(rng, doc):
    """A member that is null."""
    doc[rng.choice(["AllowClassicFlow", "DeveloperProviderName", "SupportedLoginProviders",
                    "CognitoIdentityProviders", "IdentityPoolTags", "IdentityPoolName"])] = None


def break_developer_provider(rng, doc):
    """DeveloperProviderName that is empty, too long or outside its pattern."""
    doc["DeveloperProviderName"] = rng.choice(["login my app", "login/app", "", "d" * 129])


def break_arn_length(rng, doc):
    """A provider ARN shorter than 20 or longer than 2,048 characters."""
    member = rng.choice(["OpenIdConnectProviderARNs", "SamlProviderARNs"])
    doc.setdefault(member, []).append(rng.choice(["arn:aws:iam::1", "short-arn", "a" * 2049]))


def break_client_id(rng, doc):
    """A ClientId that is empty, too long or outside its pattern."""
    provider = ensure(doc, "CognitoIdentityProviders", add_user_pool, rng)[-1]
    provider["ClientId"] = rng.choice(["client-id-1", "", "c" * 129, "client id"])


def break_token_check_type(rng, doc):
    """A ServerSideTokenCheck that is a string or null, not a boolean."""
    provider = ensure(doc, "CognitoIdentityProviders", add_user_pool, rng)[-1]
    provider["ServerSideTokenCheck"] = rng.choice(["false", "true", None])


def break_provider_name(rng, doc):
    """A ProviderName that is too long or outside its pattern."""
    provider = ensure(doc, "CognitoIdentityProviders", add_user_pool, rng)[-1]
    provider["ProviderName"] = rng.choice(["cognito idp", "p" * 129, "pool#1"])


def break_tag(rng, doc):
    """A tag value over 256 characters or not a string, or a key empty or over 128."""
    tags = ensure(doc, "IdentityPoolTags", add_tag, rng)
    choice = rng.random()
    if choice < 0.4:
        tags[next(iter(tags))] = "v" * 257
    elif choice < 0.7:
        tags["k" * 129] = "value"
    elif choice < 0.85:
        tags[""] = "empty key"
    else:
        tags[next(iter(tags))] = 42


BREAKERS = [
    break_name_length, break_name_pattern, break_id_pattern, break_id_length,
    break_unauth_type, break_required, break_unknown_member, break_login_provider_count,
    break_login_provider_value, break_null, break_developer_provider, break_arn_length,
    break_client_id, break_token_check_type, break_provider_name, break_tag,
]
# These remove a member or replace it with null, which the others may need: they go last.
DESTRUCTIVE = {break_required, break_null}


def invalid_document(rng):
    """Returns a document that breaks one or two of the schema's rules."""
    doc = valid_document(rng)
    count = 1 if rng.random() < 0.7 else 2
    breakers = sorted(rng.sample(BREAKERS, count), key=lambda breaker: breaker in DESTRUCTIVE)
    for breaker in breakers:
        breaker(rng, doc)
    return doc


def write_requests(count, directory, seed, manifest):
    """Writes count request files into directory; returns the names of the invalid ones."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(count - 1)))
    invalid = []
    for index in range(count):
        name = f"req-{index:0{width}d}.json"
        if rng.random() < 0.3:
            doc = invalid_document(rng)
            invalid.append(name)
        else:
            doc = valid_document(rng)
        (directory / name).write_text(render(doc), encoding="utf-8")
    if manifest is not None:
        manifest.write_text("".join(f"{name}\n" for name in invalid), encoding="utf-8")
    return invalid


def write_big_request(megabytes, path, seed):
    """Writes one valid document of about megabytes MB: a pool with a huge IdentityPoolTags map.

    The service allows 50 tags, the schema sets no limit, so the document is valid for the
    schema. It is written entry by entry, in the layout json.dumps(indent=4) gives.
    """
    rng = random.Random(seed)
    limit = int(megabytes * 1_000_000)
    head = {
        "IdentityPoolId": f"us-east-1:{uuid.UUID(int=rng.getrandbits(128), version=4)}",
        "IdentityPoolName": pool_name(rng),
        "AllowUnauthenticatedIdentities": False,
        "CognitoIdentityProviders": [user_pool_provider(rng, "us-east-1")],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="ascii") as out:
        opening = render(head)[: -len("\n}\n")] + ',\n    "IdentityPoolTags": {'
        out.write(opening)
        written = len(opening)
        entries = 0
        while written < limit:
            key = json.dumps(f"tag-{entries:07d}-{rng.choice(TAG_KEYS)}")
            entry = f"{',' if entries else ''}\n        {key}: {json.dumps(tag_value(rng))}"
            out.write(entry)
            written += len(entry)
            entries += 1
        out.write("\n    }\n}\n")
    return entries


def parse_args():
    """Parses the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=10000, metavar="N",
                        help="number of request files (default 10000)")
    parser.add_argument("directory", nargs="?", type=Path, default=Path("requests"),
                        metavar="DIR", help="where to write them (default ./requests)")
    parser.add_argument("--seed", type=int, default=20261127, help="random seed")
    parser.add_argument("--manifest", type=Path, help="write the invalid files' names here")
    parser.add_argument("--big", type=Path, metavar="FILE",
                        help="write one big valid document to FILE instead")
    parser.add_argument("--megabytes", type=float, default=50, metavar="MB",
                        help="size of the --big document in megabytes (default 50)")
    return parser.parse_args()


def main():
    """Runs the command line."""
    args = parse_args()
    if args.big is not None:
        entries = write_big_request(args.megabytes, args.big, args.seed)
        print(f"{args.big}: {args.big.stat().st_size} bytes, {entries} tags")
        return
    invalid = write_requests(args.count, args.directory, args.seed, args.manifest)
    print(f"{args.directory}: {args.count} files, {args.count - len(invalid)} valid, "
          f"{len(invalid)} invalid")


if __name__ == "__main__":
    main()
