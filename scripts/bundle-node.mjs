// One way to bundle a tool (a benchmark, a script) for node the way esbuild.mjs bundles the CLI.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `source`: `{ entryPoints }` or `{ stdin }` as esbuild takes them. */
export function bundleForNode(source, outfile) {
  return esbuild.build({
    ...source,
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    loader: { '.json': 'json' },
    // As esbuild.mjs: web-tree-sitter's CommonJS build (its ESM build needs import.meta.url).
    plugins: [{ name: 'web-tree-sitter-cjs', setup: (b) => b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') })) }],
  });
}
