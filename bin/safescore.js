#!/usr/bin/env node
// The `safescore` command: runs the TypeScript CLI through tsx (no separate build step).
require("tsx/cjs");
require("../src/cli/main.ts");
