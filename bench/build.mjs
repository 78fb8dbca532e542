// Bundles bench/*.ts next to the CLI in dist/ (the .wasm files and dist/cli-worker.js are found there), then runs
// the chosen benchmark with the remaining arguments: `npm run bench -- [PATH | --lines 10000,100000]`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const outfile = join(root, 'dist', 'bench-lint-throughput.js');
await bundleForNode({ entryPoints: [join(root, 'bench', 'lint-throughput.ts')] }, outfile);
const run = spawnSync(process.execPath, [...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
