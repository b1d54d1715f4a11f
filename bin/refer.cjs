#!/usr/bin/env node
// CommonJS, like dist/: Node starts a CommonJS program faster than an ES module (scripts/build.mjs).
require('../dist/cli.cjs').run();
