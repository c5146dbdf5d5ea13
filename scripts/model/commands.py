"""Writes tests/data/model/awscli-commands.json: the `aws cognito-identity` command table of
awscli 1.46.2, as its driver builds it from the model: each operation's command name and, for
each argument in order, its kind (the argument class), the request member it sets (null for
the CLI's own arguments) and whether it is required.

The generated operation tables are checked against this file by `cargo test`, so that the
names idpool derives from the model are the AWS CLI's.
"""

import json
import pathlib
import sys

from awscli.clidriver import create_clidriver


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    driver = create_clidriver()
    service = driver._get_command_table()["cognito-identity"]
    table = service._get_command_table()
    commands = {}
    for name, command in table.items():
        arguments = []
        for cli_name, argument in command.arg_table.items():
            arguments.append(
                {
                    "name": cli_name,
                    "kind": type(argument).__name__,
                    "member": getattr(argument, "_serialized_name", None),
                    "required": bool(getattr(argument, "required", False)),
                }
            )
        commands[name] = {
            "operation": command._operation_model.name,
            "arguments": arguments,
        }
    out.write_text(json.dumps(commands, indent=2) + "\n", encoding="utf-8")
    print(f"commands.py: {len(commands)} commands", file=sys.stderr)


if __name__ == "__main__":
    main()
