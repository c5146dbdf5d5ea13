#!/usr/bin/env python3
"""Runs the GitHub Actions job of a Markdown page offline, as a runner would run it.

Used by scripts/ci-recipes.sh to try the job of docs/ci.md as written. The job is the first
```yaml block of the section named by --section. Each `run:` step runs with `bash -e` in the
workspace, with `$GITHUB_OUTPUT`, `$GITHUB_ENV`, `$GITHUB_PATH` and `$GITHUB_STEP_SUMMARY`, after
its `${{ ... }}` expressions are replaced; `if:` conditions are evaluated (a condition without a
status function is `success() && ...`, as GitHub does). The actions the page uses are simulated:

- actions/checkout: the workspace becomes a clone of --origin (with its submodules when
  `submodules: true`);
- actions/cache: a directory per key under --cache; a miss saves the paths when the job
  succeeds, as the action's post step does;
- github/codeql-action/upload-sarif: the file must be a whole SARIF 2.1.0 log.

Any other action, or an expression this script does not know, is an error (exit status 2), so
the page cannot drift from what is tried. The runner is --runner: its home directory (`~`) and
workspace are made there. `cargo install` puts binaries in the runner's `~/.cargo/bin`, which
is on the PATH, as on GitHub's runners; cargo's registry stays the machine's, so that a build
can run offline (CARGO_NET_OFFLINE). No idpool from the machine's PATH is visible to the steps.

Prints each step with its outcome (`step 3 (run: ...): success`), each cache lookup
(`cache KEY: hit`) and `job: success` or `job: failure`; exits 0 when the job succeeds, 1 when
it fails.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml


class Unsupported(Exception):
    """Something of the job this script cannot run faithfully."""


def job_of(page, section):
    text = open(page, encoding="utf-8").read()
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.startswith(section)]
    if not found:
        raise Unsupported(f"{page} has no section `## {section}`")
    blocks = re.findall(r"^```yaml\n(.*?)^```", found[0], flags=re.M | re.S)
    if not blocks:
        raise Unsupported(f"the section `## {section}` of {page} has no yaml block")
    workflow = yaml.safe_load(blocks[0])
    jobs = workflow.get("jobs") or {}
    if len(jobs) != 1:
        raise Unsupported(f"expected one job, found {len(jobs)}")
    (name, job), = jobs.items()
    return name, job


class Runner:
    def __init__(self, origin, runner, cache):
        self.origin = origin
        self.home = os.path.join(runner, "home")
        self.workspace = os.path.join(runner, "work")
        self.temp = os.path.join(runner, "temp")
        self.cache = cache
        for d in (self.home, self.workspace, self.temp):
            os.makedirs(d, exist_ok=True)
        self.steps = {}  # id -> {"outputs": {...}, "outcome": ...}
        self.failed = False
        self.env = {}
        self.path = []
        self.post = []
        self.base_path = self.clean_path(runner)

    def clean_path(self, runner):
        """The machine's PATH without any idpool, and cargo, rustc and rustup kept reachable."""
        tools = os.path.join(runner, "toolchain")
        os.makedirs(tools, exist_ok=True)
        for tool in ("cargo", "rustc", "rustup"):
            found = shutil.which(tool)
            link = os.path.join(tools, tool)
            if found and not os.path.lexists(link):
                os.symlink(os.path.abspath(found), link)
        dirs = [
            d
            for d in os.environ.get("PATH", "").split(os.pathsep)
            if d and not os.path.exists(os.path.join(d, "idpool"))
        ]
        return [tools] + dirs

    # Expressions -------------------------------------------------------------------------

    def value(self, expr):
        expr = expr.strip()
        if expr.startswith("'") and expr.endswith("'"):
            return expr[1:-1].replace("''", "'")
        if expr == "runner.os":
            return "Linux"
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m:
            return self.steps.get(m[1], {}).get("outputs", {}).get(m[2], "")
        m = re.fullmatch(r"steps\.([\w-]+)\.(outcome|conclusion)", expr)
        if m:
            return self.steps.get(m[1], {}).get("outcome", "")
        raise Unsupported(f"the expression `{expr}`")

    def condition(self, expr):
        expr = expr.strip()
        if expr.startswith("${{") and expr.endswith("}}"):
            expr = expr[3:-2].strip()
        status = {
            "always()": True,
            "success()": not self.failed,
            "failure()": self.failed,
            "cancelled()": False,
        }
        if expr in status:
            return status[expr]
        m = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", expr)
        if m:
            # GitHub compares strings ignoring case.
            equal = self.value(m[1]).lower() == self.value(m[3]).lower()
            return equal if m[2] == "==" else not equal
        raise Unsupported(f"the condition `{expr}`")

    def interpolate(self, text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m[1]), str(text))

    # Steps -------------------------------------------------------------------------------

    def run_step(self, number, step):
        if "run" in step:
            label = "run: " + step["run"].strip().splitlines()[0]
        else:
            label = "uses: " + step["uses"]
        condition = step.get("if")
        if condition is None:
            go = not self.failed
        else:
            # Evaluated even when the job has failed, so that an unknown expression is caught.
            holds = self.condition(str(condition))
            functions = ("always()", "success()", "failure()", "cancelled()")
            if any(f in str(condition) for f in functions):
                go = holds
            else:
                go = not self.failed and holds
        print(f"== step {number} ({label})", flush=True)
        if not go:
            outcome, outputs = "skipped", {}
        elif "run" in step:
            outcome, outputs = self.run(step)
        else:
            outcome, outputs = self.uses(step)
        if outcome == "failure" and not step.get("continue-on-error"):
            self.failed = True
        if "id" in step:
            self.steps[step["id"]] = {"outcome": outcome, "outputs": outputs}
        print(f"step {number} ({label}): {outcome}", flush=True)

    def files(self):
        names = {}
        for name in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"):
            fd, path = tempfile.mkstemp(prefix=name.lower() + "-", dir=self.temp)
            os.close(fd)
            names[name] = path
        return names

    @staticmethod
    def pairs(path):
        """NAME=value lines, and NAME<<DELIMITER ... DELIMITER blocks."""
        out = {}
        lines = open(path, encoding="utf-8").read().splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
                name, delimiter = line.split("<<", 1)
                block = []
                i += 1
                while lines[i] != delimiter:
                    block.append(lines[i])
                    i += 1
                out[name] = "\n".join(block)
            elif "=" in line:
                name, value = line.split("=", 1)
                out[name] = value
            i += 1
        return out

    def run(self, step):
        if step.get("shell", "bash") != "bash":
            raise Unsupported(f"the shell `{step['shell']}`")
        files = self.files()
        script = os.path.join(self.temp, "step.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(self.interpolate(step["run"]))
        env = dict(os.environ)
        env.update(self.env)
        env.update(files)
        env.update(
            HOME=self.home,
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_WORKSPACE=self.workspace,
            RUNNER_OS="Linux",
            RUNNER_TEMP=self.temp,
            # `cargo install` puts binaries in ~/.cargo/bin, as on GitHub's runners.
            CARGO_INSTALL_ROOT=os.path.join(self.home, ".cargo"),
            PATH=os.pathsep.join(
                self.path + [os.path.join(self.home, ".cargo", "bin")] + self.base_path
            ),
        )
        for name in step.get("env") or {}:
            env[name] = self.interpolate(step["env"][name])
        cwd = os.path.join(self.workspace, step.get("working-directory", "."))
        status = subprocess.run(["bash", "-e", script], cwd=cwd, env=env).returncode
        self.env.update(self.pairs(files["GITHUB_ENV"]))
        self.path = [
            line for line in open(files["GITHUB_PATH"], encoding="utf-8").read().splitlines() if line
        ] + self.path
        return ("success" if status == 0 else "failure"), self.pairs(files["GITHUB_OUTPUT"])

    def uses(self, step):
        action, _, version = step["uses"].partition("@")
        inputs = {k: self.interpolate(v) for k, v in (step.get("with") or {}).items()}
        if action == "actions/checkout" and version == "v4":
            return self.checkout(inputs)
        if action == "actions/cache" and version == "v4":
            return self.restore(inputs)
        if action == "github/codeql-action/upload-sarif" and version == "v3":
            return self.upload_sarif(inputs)
        raise Unsupported(f"the action `{step['uses']}`")

    def checkout(self, inputs):
        git = ["git", "-c", "protocol.file.allow=always"]
        shutil.rmtree(self.workspace)
        subprocess.run(git + ["clone", "--quiet", self.origin, self.workspace], check=True)
        submodules = str(inputs.get("submodules", "false")).lower()
        if submodules in ("true", "recursive"):
            update = git + ["submodule", "--quiet", "update", "--init"]
            if submodules == "recursive":
                update.append("--recursive")
            subprocess.run(update, cwd=self.workspace, check=True)
        return "success", {}

    def cache_paths(self, inputs):
        paths = [p.strip() for p in inputs["path"].splitlines() if p.strip()]
        return [os.path.join(self.home, p[2:]) if p.startswith("~/") else p for p in paths]

    def restore(self, inputs):
        key = inputs["key"]
        stored = os.path.join(self.cache, key)
        paths = self.cache_paths(inputs)
        if os.path.isdir(stored):
            for i, path in enumerate(paths):
                saved = os.path.join(stored, str(i))
                if os.path.exists(saved):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    shutil.copy2(saved, path)
            print(f"cache {key}: hit", flush=True)
            return "success", {"cache-hit": "true"}
        print(f"cache {key}: miss", flush=True)
        self.post.append((key, paths))
        return "success", {"cache-hit": "false"}

    def save_caches(self):
        # The action's post step runs when the job succeeded.
        if self.failed:
            return
        for key, paths in self.post:
            stored = os.path.join(self.cache, key)
            if os.path.isdir(stored):
                continue
            os.makedirs(stored)
            for i, path in enumerate(paths):
                if os.path.isfile(path):
                    shutil.copy2(path, os.path.join(stored, str(i)))
            print(f"cache {key}: saved", flush=True)

    def upload_sarif(self, inputs):
        path = os.path.join(self.workspace, inputs.get("sarif_file", "../results"))
        try:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
            problems = []
            if log.get("version") != "2.1.0":
                problems.append(f"version {log.get('version')!r}")
            if "sarif" not in log.get("$schema", ""):
                problems.append("no SARIF $schema")
            runs = log.get("runs")
            if not isinstance(runs, list) or not runs:
                problems.append("no runs")
            for run in runs or []:
                if not run.get("tool", {}).get("driver", {}).get("name"):
                    problems.append("a run without its tool's name")
                if not isinstance(run.get("results"), list):
                    problems.append("a run without results")
        except (OSError, ValueError) as e:
            problems = [str(e)]
        if problems:
            print(f"upload-sarif: {inputs.get('sarif_file')} is not a SARIF 2.1.0 log: "
                  + "; ".join(problems), flush=True)
            return "failure", {}
        print(f"upload-sarif: {inputs.get('sarif_file')} is a SARIF 2.1.0 log with "
              f"{sum(len(r['results']) for r in runs)} results (category "
              f"{inputs.get('category', 'none')})", flush=True)
        return "success", {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", required=True, help="the Markdown page holding the job")
    parser.add_argument("--section", required=True, help="the `## ` heading of its section")
    parser.add_argument("--origin", required=True, help="the repository the job checks out")
    parser.add_argument("--runner", required=True, help="a directory for this run")
    parser.add_argument("--cache", required=True, help="the actions/cache store, kept across runs")
    args = parser.parse_args()
    try:
        name, job = job_of(args.page, args.section)
        if job.get("runs-on") != "ubuntu-latest":
            raise Unsupported(f"runs-on: {job.get('runs-on')}")
        runner = Runner(os.path.abspath(args.origin), os.path.abspath(args.runner),
                        os.path.abspath(args.cache))
        print(f"job {name}: {len(job['steps'])} steps", flush=True)
        for number, step in enumerate(job["steps"], 1):
            runner.run_step(number, step)
        runner.save_caches()
    except Unsupported as e:
        print(f"github-job: cannot run {e}", file=sys.stderr)
        return 2
    print("job: " + ("failure" if runner.failed else "success"), flush=True)
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
