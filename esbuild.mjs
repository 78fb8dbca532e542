// Bundles the three entry points (VS Code client, language server, CLI) into dist/ and copies the
// WebAssembly the server and CLI load at run time next to them. `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from './scripts/bundle-node.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

const common = nodeBundleOptions;

const entries = [
  { entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'client.js'), external: ['vscode'] },
  { entryPoints: [join(root, 'server/src/main.ts')], outfile: join(dist, 'server.js') },
  { entryPoints: [join(root, 'server/src/cli.ts')], outfile: join(dist, 'cli.js'), banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: [join(root, 'server/src/cli/worker.ts')], outfile: join(dist, 'cli-worker.js') },
];

// server/src/cli.ts is written separately from the editor front end; until it exists the CLI bundle is
// skipped (and said so). Once the file exists it is always built, and a failure fails the build.
const active = entries.filter((e) => {
  if (existsSync(e.entryPoints[0])) return true;
  process.stderr.write(`esbuild.mjs: skipping ${e.outfile} (${e.entryPoints[0]} does not exist yet)\n`);
  return false;
});

/** Runtime and grammars, looked up by server/src/parsing/parser.ts next to the bundle (__dirname). */
function copyWasm() {
  mkdirSync(dist, { recursive: true });
  const assets = [
    join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
    join(root, 'grammars/tree-sitter-c.wasm'),
    join(root, 'grammars/tree-sitter-go.wasm'),
  ];
  for (const file of assets) copyFileSync(file, join(dist, file.split('/').pop()));
}

const contexts = await Promise.all(active.map((e) => esbuild.context({ ...common, ...e })));
try {
  await Promise.all(contexts.map((c) => c.rebuild()));
  copyWasm();
  if (existsSync(join(dist, 'cli.js'))) chmodSync(join(dist, 'cli.js'), 0o755);
} catch (err) {
  await Promise.all(contexts.map((c) => c.dispose()));
  // esbuild has already printed the errors.
  process.exit(1);
}
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  process.stderr.write('esbuild.mjs: watching for changes\n');
} else {
  await Promise.all(contexts.map((c) => c.dispose()));
}
