// Checks the committed request schema with ajv, an independent ECMA-262 validator, against the
// shared corpus: every tests/data/requests/valid case must pass and every invalid case must fail
// exactly at the pointers of its .pointers file. Run through scripts/ajv-check.sh.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [root, prefix] = process.argv.slice(2);
const require = createRequire(join(prefix, "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const schema = JSON.parse(
  readFileSync(join(root, "schemas/update-identity-pool.request.schema.json"), "utf8"),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

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

let failures = 0;
let checked = 0;
for (const kind of ["valid", "invalid"]) {
  const dir = join(root, "tests/data/requests", kind);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const document = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const ok = validate(document);
    const actual = ok ? [] : pointers(validate.errors);
    const expected =
      kind === "valid"
        ? []
        : readFileSync(join(dir, file.replace(/\.json$/, ".pointers")), "utf8")
            .split("\n")
            .slice(0, -1)
            .sort();
    checked += 1;
    if ((kind === "valid") !== ok || JSON.stringify(actual) !== JSON.stringify(expected)) {
      failures += 1;
      console.log(`FAIL ${kind}/${file}: expected ${JSON.stringify(expected)}, ajv gave ${JSON.stringify(actual)}`);
    }
  }
}
console.log(`ajv: ${checked - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
