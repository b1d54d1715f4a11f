#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps the compiled code of dist/ between runs, for a faster start; older Nodes
// have no such cache and skip this. It must run before dist/ loads, hence the dynamic import.
module.enableCompileCache?.();
const { run } = await import('../dist/cli.js');

await run();
