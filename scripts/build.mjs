// Bundles the CLI into dist/ with esbuild: one small entry chunk, and one chunk per lazily
// imported command, so that `refer --help` loads little. (Measured with `npm run bench`: one
// file with everything takes `--help` from 1.36× to 1.78× of `node -e 0`, because Node parses all
// of it on every start; minifying saves nothing measurable.) better-sqlite3's JavaScript is
// bundled too (Node loads CommonJS from ESM slowly, file by file); its addon is loaded by path
// (src/db/open.ts), so its finder `bindings` stays external and is only reached when the addon
// is elsewhere. node-postgres (`pg`, loaded by `refer team` only) is bundled into its own chunk;
// its optional native driver `pg-native` is never used and stays external.
//
// The chunks are then turned into CommonJS (.cjs), and bin/refer.cjs
// requires them: Node's ESM loader costs every start about 4 ms more than require() (resolving,
// module jobs, and the built-in modules it loads), and esbuild splits code only in ESM.
import { build, transform } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const DIST = new URL('../dist/', import.meta.url);
rmSync(DIST, { recursive: true, force: true });

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

/**
 * commander requires node:child_process as it loads, for subcommands that are separate
 * executables, which refer has none of; Node would load its child-process machinery at every
 * start (about 1 ms of `refer --help`). Here commander gets it on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

const META_URL = '__refer_import_meta_url';

const { outputFiles } = await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['bindings', 'pg-native'],
  plugins: [withoutZodLocales, lazyChildProcess],
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta does not exist in CommonJS; the chunks that use it get this variable instead.
  define: { 'import.meta.url': META_URL },
  write: false,
});

for (const file of outputFiles) {
  const { code } = await transform(file.text, { format: 'cjs', platform: 'node', target: 'node20', minifySyntax: true, logLevel: 'warning', supported: { 'dynamic-import': false } });
  const meta = code.includes(META_URL) ? `const ${META_URL} = require("node:url").pathToFileURL(__filename).href;\n` : '';
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, meta + code);
}

// The man pages, from the command tree just built: refer(1) and refer-COMMAND(1) in dist/man/
// (src/man/roff.ts). package.json's `man` lists them, so that `npm install -g` installs them.
const { buildProgram } = createRequire(import.meta.url)('../dist/cli.cjs');
const roff = await build({ entryPoints: ['src/man/roff.ts'], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'warning' });
const { manPages } = await import(`data:text/javascript;base64,${Buffer.from(roff.outputFiles[0].text).toString('base64')}`);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// SOURCE_DATE_EPOCH (reproducible builds) else today
const date = new Date(process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : Date.now()).toISOString().slice(0, 10);
const sink = { write: () => true };
const MAN = new URL('man/', DIST);
mkdirSync(MAN, { recursive: true });
for (const page of manPages(buildProgram({ stdout: sink, stderr: sink, stdin: sink }, {}), { version: pkg.version, date })) {
  writeFileSync(new URL(page.file, MAN), page.roff);
}
