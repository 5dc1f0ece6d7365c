// The pool's worker in development and tests (tsx, ts-jest): worker threads do not inherit a TypeScript
// loader, so this registers tsx and loads read-worker.ts. The bundled CLI uses dist-cli/read-worker.mjs.
require("tsx/cjs");
module.exports = require("./read-worker.ts").default;
