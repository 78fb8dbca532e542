// Writes package.json's contributes.configuration.properties from server/src/config/schema.ts.
// `node scripts/gen-config.mjs --check` exits 1 instead of writing when package.json is out of date.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'package.json');

// The schema is TypeScript: bundle it in memory and evaluate the CommonJS result.
const out = await build({
  entryPoints: [join(root, 'server/src/config/schema.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'error',
});
const mod = { exports: {} };
const requireFromRoot = createRequire(join(root, 'package.json'));
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, requireFromRoot);
const properties = mod.exports.configurationProperties();

const before = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(before);
manifest.contributes ??= {};
manifest.contributes.configuration = { title: 'osslint', ...manifest.contributes.configuration, properties };
const after = JSON.stringify(manifest, null, 2) + '\n';

if (process.argv.includes('--check')) {
  if (after !== before) {
    process.stderr.write('package.json contributes.configuration is out of date; run node scripts/gen-config.mjs\n');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(manifestPath, after);
  process.stderr.write(`updated ${Object.keys(properties).length} settings in package.json\n`);
}
