"""Writes models/cognito-identity/service-2.json: the Cognito Identity service model exactly as
awscli 1.46.2 ships it in its bundled botocore, without its documentation strings.

Run through vendor.sh, which provides the Python that has awscli 1.46.2. The members keep the
order of the shipped file; only the `documentation` members (HTML prose, at every level) are
left out, so that the vendored file is data and idpool's docs are written in its own words.
"""

import gzip
import json
import pathlib
import sys

import awscli
import botocore

EXPECTED = "1.46.2"
SERVICE = "cognito-identity"
API_VERSION = "2014-06-30"


def shipped_model() -> tuple[pathlib.Path, dict]:
    """The model file of the botocore that awscli imports, and its contents."""
    directory = pathlib.Path(botocore.__file__).parent / "data" / SERVICE / API_VERSION
    plain = directory / "service-2.json"
    if plain.exists():
        return plain, json.loads(plain.read_text(encoding="utf-8"))
    packed = directory / "service-2.json.gz"
    return packed, json.loads(gzip.decompress(packed.read_bytes()).decode("utf-8"))


def without_documentation(value):
    """The value with every `documentation` member left out, at any depth."""
    if isinstance(value, dict):
        return {k: without_documentation(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [without_documentation(v) for v in value]
    return value


def main() -> None:
    if awscli.__version__ != EXPECTED:
        sys.exit(f"vendor.py: awscli {awscli.__version__}, expected {EXPECTED}")
    out = pathlib.Path(sys.argv[1])
    path, model = shipped_model()
    model = without_documentation(model)
    text = json.dumps(model, indent=2, ensure_ascii=False) + "\n"
    out.write_text(text, encoding="utf-8")
    # The paginators: which list commands the AWS CLI pages (its --starting-token, --page-size
    # and --max-items). The file has no documentation strings.
    paginators = path.parent / "paginators-1.json"
    (out.parent / "paginators-1.json").write_text(paginators.read_text(encoding="utf-8"), encoding="utf-8")
    operations = len(model["operations"])
    shapes = len(model["shapes"])
    print(
        f"vendor.py: {out.name} from botocore {botocore.__version__} (awscli {awscli.__version__}, "
        f"{path.name}): {operations} operations, {shapes} shapes",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
