// Bundles the CLI into dist/ with esbuild: one small entry chunk, and one chunk per lazily
// imported command, so that `refer --help` loads little. better-sqlite3 stays external (native).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __refer_createRequire } from 'node:module'; const require = __refer_createRequire(import.meta.url);" },
});
