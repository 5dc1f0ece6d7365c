// The pool's worker in development and tests (tsx, ts-jest): worker threads do not inherit a TypeScript
// loader, so this registers tsx and loads read-worker.ts, or read-worker-rubrics.ts with --rubric choices
// (pool.ts). The bundled CLI uses dist-cli/read-worker.cjs and read-worker-rubrics.cjs.
require("tsx/cjs");
const { workerData } = require("node:worker_threads");
module.exports = require(workerData?.rubrics?.length ? "./read-worker-rubrics.ts" : "./read-worker.ts").default;
