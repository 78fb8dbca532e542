// `npm run knowledge:coverage -- [DIR] [--list]`: bundles scripts/knowledge-coverage.ts and runs it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'knowledge-coverage.js');
await bundleForNode({ entryPoints: [join(root, 'scripts', 'knowledge-coverage.ts')] }, outfile);
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
