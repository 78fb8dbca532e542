// How the project bundles TypeScript for node: the product (esbuild.mjs) and the tools (bench, scripts).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * An `import` of web-tree-sitter resolves to its ES module build, whose loader reads `import.meta.url`; in a
 * CommonJS bundle that is undefined and Parser.init() throws. Its CommonJS build (the package's "require"
 * export) has no such dependency, so bundle that one.
 */
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

export const nodeBundleOptions = {
  plugins: [webTreeSitterCjs],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // JSON imports (knowledge base, package.json) are bundled by esbuild's json loader.
  loader: { '.json': 'json' },
};

/** `source`: `{ entryPoints }` or `{ stdin }` as esbuild takes them. */
export function bundleForNode(source, outfile) {
  return esbuild.build({ ...nodeBundleOptions, ...source, outfile });
}
