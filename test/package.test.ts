// `npm run package` builds a .vsix holding only dist/ (bundles and grammars, no source maps), README.md,
// LICENSE and package.json: nothing from node_modules/, the sources or the tests.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVsix, root, zipEntries, zipText, type ZipEntry } from './helpers/vsix';

let dir: string;
let vsix: string;
let entries: ZipEntry[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osslint-vsix-'));
  vsix = packageVsix(join(dir, 'osslint.vsix'));
  entries = await zipEntries(vsix);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the .vsix', () => {
  it('contains only dist/, README.md, LICENSE and package.json (plus the VSIX manifest files)', () => {
    const names = entries.map((e) => e.name).sort();
    const payload = names.filter((n) => n.startsWith('extension/'));
    const meta = names.filter((n) => !n.startsWith('extension/'));
    expect(meta).toEqual(['[Content_Types].xml', 'extension.vsixmanifest']);
    // vsce renames README.md and LICENSE to these names inside the package.
    const docs = ['extension/LICENSE.txt', 'extension/package.json', 'extension/readme.md'];
    expect(payload.filter((n) => !n.startsWith('extension/dist/'))).toEqual(docs);
    const dist = payload.filter((n) => n.startsWith('extension/dist/')).map((n) => n.slice('extension/dist/'.length));
    expect(dist.sort()).toEqual(['cli-worker.js', 'cli.js', 'client.js', 'server.js', 'tree-sitter-c.wasm', 'tree-sitter-go.wasm', 'tree-sitter.wasm']);
  });

  it('carries the manifest VS Code reads: entry point, activation on C and Go, commands, repository', async () => {
    const manifest = JSON.parse(await zipText(vsix, 'extension/package.json')) as Record<string, any>;
    const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, any>;
    expect(manifest.main).toBe('./dist/client.js');
    expect(manifest.activationEvents).toEqual(['onLanguage:c', 'onLanguage:go']);
    expect(manifest.contributes).toEqual(source.contributes);
    expect(manifest.repository).toEqual({ type: 'git', url: 'https://github.com/osslint/osslint' });
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(await zipText(vsix, 'extension/LICENSE.txt')).toMatch(/^MIT License/);
  });

  it('stays small', () => {
    const size = statSync(vsix).size;
    console.log(`osslint.vsix: ${(size / 1024).toFixed(0)} KiB, ${entries.length} entries`);
    expect(size).toBeLessThan(4 * 1024 * 1024);
  });
});
