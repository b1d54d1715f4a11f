// Bundles the CLI into dist/ with esbuild: one small entry chunk, and one chunk per lazily
// imported command, so that `refer --help` loads little. (Measured with `npm run bench`: one
// file with everything takes `--help` from 1.36× to 1.78× of `node -e 0`, because Node parses all
// of it on every start; minifying saves nothing measurable.) better-sqlite3's JavaScript is
// bundled too (Node loads CommonJS from ESM slowly, file by file); its addon is loaded by path
// (src/db/open.ts), so its finder `bindings` stays external and is only reached when the addon
// is elsewhere.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

/**
 * zod's namespace (`import { z } from 'zod'`) re-exports its sixty translations of the error
 * messages, and so bundles them all: half of the chunk that `refer ask` parses. We never choose
 * one (English registers itself without this index), so the index is left empty.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['bindings'],
  plugins: [withoutZodLocales],
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __refer_createRequire } from 'node:module'; const require = __refer_createRequire(import.meta.url);" },
});
