#!/usr/bin/env node
// The bin is bin/refer.cjs (package.json); this file keeps `node bin/refer.js`, the bin of the
// first release, working for scripts that name it. CommonJS starts faster: prefer `refer`.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./refer.cjs');
