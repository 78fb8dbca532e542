// Builds dist/ (the .wasm files are found there), bundles bench/keystroke.ts next to it and runs it with the
// remaining arguments: `npm run bench:keystroke [-- --lines 30000 --edits 200]`.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const outfile = join(root, 'dist', 'bench-keystroke.js');
await esbuild.build({
  entryPoints: [join(root, 'bench', 'keystroke.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // As esbuild.mjs: web-tree-sitter's CommonJS build (its ESM build needs import.meta.url).
  plugins: [{ name: 'web-tree-sitter-cjs', setup: (b) => b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') })) }],
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
