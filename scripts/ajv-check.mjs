// Checks the committed schemas with ajv, an independent ECMA-262 validator. Every schema under
// schemas/ must compile in strict mode, its patterns with the `u` flag. Then the corpora: every
// tests/data/requests/valid case must pass the UpdateIdentityPool request schema and every invalid
// case must fail exactly at the pointers of its .pointers file; likewise every case under
// tests/data/schemas/<command>.<kind>/{valid,invalid} with <command>.<kind>.schema.json. Run
// through scripts/ajv-check.sh.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";

const [root, prefix] = process.argv.slice(2);
const require = createRequire(join(prefix, "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const ajv = new Ajv2020({ allErrors: true, strict: true, unicodeRegExp: true });
const validators = new Map();
let compileFailures = 0;
for (const file of readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json")).sort()) {
  const schema = JSON.parse(readFileSync(join(root, "schemas", file), "utf8"));
  try {
    validators.set(file, ajv.compile(schema));
  } catch (error) {
    compileFailures += 1;
    console.log(`FAIL ${file} does not compile: ${error.message}`);
  }
}
console.log(`ajv: ${validators.size} schemas compiled, ${compileFailures} failed`);

const escape = (token) => token.replaceAll("~", "~0").replaceAll("/", "~1");

// Where an error is: at the member it concerns (an unknown member or a map key at that name).
function pointers(errors) {
  const out = new Set();
  for (const e of errors ?? []) {
    if (e.keyword === "additionalProperties" && e.params.additionalProperty !== undefined) {
      out.add(`${e.instancePath}/${escape(e.params.additionalProperty)}`);
    } else if (e.propertyName !== undefined) {
      out.add(`${e.instancePath}/${escape(e.propertyName)}`);
    } else if (e.keyword === "propertyNames") {
      // ajv reports the name's own error as well; that one carries the name.
      continue;
    } else {
      out.add(e.instancePath);
    }
  }
  return [...out].sort();
}

let failures = compileFailures;
let checked = 0;

// Checks the cases under `dir` with the schema `file`.
function corpus(dir, file) {
  const validate = validators.get(file);
  if (validate === undefined) {
    return;
  }
  for (const kind of ["valid", "invalid"]) {
    const cases = join(dir, kind);
    if (!existsSync(cases)) {
      continue;
    }
    for (const name of readdirSync(cases).filter((f) => f.endsWith(".json")).sort()) {
      const document = JSON.parse(readFileSync(join(cases, name), "utf8"));
      const ok = validate(document);
      const actual = ok ? [] : pointers(validate.errors);
      const expected =
        kind === "valid"
          ? []
          : readFileSync(join(cases, name.replace(/\.json$/, ".pointers")), "utf8")
              .split("\n")
              .slice(0, -1)
              .sort();
      checked += 1;
      if ((kind === "valid") !== ok || JSON.stringify(actual) !== JSON.stringify(expected)) {
        failures += 1;
        console.log(`FAIL ${join(relative(root, dir), kind, name)}: expected ${JSON.stringify(expected)}, ajv gave ${JSON.stringify(actual)}`);
      }
    }
  }
}

corpus(join(root, "tests/data/requests"), "update-identity-pool.request.schema.json");
const schemaCases = join(root, "tests/data/schemas");
if (existsSync(schemaCases)) {
  for (const name of readdirSync(schemaCases).sort()) {
    if (!validators.has(`${name}.schema.json`)) {
      failures += 1;
      console.log(`FAIL tests/data/schemas/${name}: no schemas/${name}.schema.json`);
      continue;
    }
    corpus(join(schemaCases, name), `${name}.schema.json`);
  }
}
console.log(`ajv: ${checked - (failures - compileFailures)} cases passed, ${failures - compileFailures} failed`);
process.exit(failures === 0 ? 0 : 1);
