#!/usr/bin/env node
// CommonJS, like dist/: Node starts a CommonJS program faster than an ES module (scripts/build.mjs).
// Node 22.1+ keeps the compiled code of dist/ between runs, for a faster start; older Nodes
// have no such cache and skip this. It must run before dist/ loads.
require('node:module').enableCompileCache?.();
require('../dist/cli.cjs').run();
