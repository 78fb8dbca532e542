// grammars/PROVENANCE.md records the package, version and sha256 of each grammar .wasm; the files must match,
// and must be the ones shipped in the pinned npm packages.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const provenance = fs.readFileSync(path.join(root, 'grammars', 'PROVENANCE.md'), 'utf8');
const rows = [...provenance.matchAll(/^\| (tree-sitter-\w+\.wasm) \| (tree-sitter-\w+) \| ([\d.]+) \| ([0-9a-f]{64}) \|$/gm)].map((m) => ({
  file: m[1]!,
  pkg: m[2]!,
  version: m[3]!,
  sha256: m[4]!,
}));

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('grammars', () => {
  it('PROVENANCE.md lists both grammars', () => {
    expect(rows.map((r) => r.file).sort()).toEqual(['tree-sitter-c.wasm', 'tree-sitter-go.wasm']);
  });
  for (const row of rows) {
    it(`${row.file} matches its recorded sha256`, () => {
      expect(sha256(path.join(root, 'grammars', row.file))).toBe(row.sha256);
    });
    it(`${row.file} is the one shipped in ${row.pkg}@${row.version} (the pinned dependency)`, () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      expect(manifest.dependencies[row.pkg]).toBe(row.version);
      const shipped = path.join(root, 'node_modules', row.pkg, row.file);
      expect(sha256(shipped)).toBe(row.sha256);
    });
  }
});
