// Bundles bench/*.ts next to the CLI in dist/ (the .wasm files and dist/cli-worker.js are found there), then runs
// the chosen benchmark with the remaining arguments: `npm run bench -- [PATH | --lines 10000,100000]`.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const outfile = join(root, 'dist', 'bench-lint-throughput.js');
await esbuild.build({
  entryPoints: [join(root, 'bench', 'lint-throughput.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      // As esbuild.mjs: web-tree-sitter's CommonJS build (its ESM build needs import.meta.url).
      name: 'web-tree-sitter-cjs',
      setup(b) {
        b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
      },
    },
  ],
});
const run = spawnSync(process.execPath, [...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
