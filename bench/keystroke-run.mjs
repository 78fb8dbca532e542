// Builds dist/ (the .wasm files are found there), bundles bench/keystroke.ts next to it and runs it with the
// remaining arguments: `npm run bench:keystroke [-- --lines 30000 --edits 200]`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const outfile = join(root, 'dist', 'bench-keystroke.js');
await bundleForNode({ entryPoints: [join(root, 'bench', 'keystroke.ts')] }, outfile);
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
