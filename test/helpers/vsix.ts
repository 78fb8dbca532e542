// Builds the extension's .vsix the way `npm run package` does (from the current dist/) and reads its entries.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';

export const root = join(__dirname, '..', '..');

/**
 * `vsce package --no-dependencies --out <file>`. dist/ must be built (`npm test` builds it first); esbuild is
 * not re-run here because other test files read dist/ concurrently.
 */
export function packageVsix(out: string): string {
  for (const f of ['client.js', 'server.js']) {
    if (!existsSync(join(root, 'dist', f))) execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  }
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The harness bundles a throwaway key and self-signed certificate for the programs it builds
  // (server/src/harness/material.ts); vsce's secret scan would refuse the package for it. As in `npm run package`.
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-package-secrets', 'privatekey', '--out', out], { cwd: root, stdio: 'pipe' });
  return out;
}

export interface ZipEntry {
  name: string;
  size: number;
}

/** The entries of a zip archive (a .vsix is one). */
export function zipEntries(file: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${file}`));
      const entries: ZipEntry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push({ name: e.fileName, size: e.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** One entry's text. */
export function zipText(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${file}`));
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
      zip.readEntry();
    });
  });
}
