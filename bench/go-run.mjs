// The Go speed bench: lints the Go standard library's net/ and crypto/ packages and the whole of src/ (three
// sizes, to show time growing linearly) against the tree-sitter parse floor measured in the same run, with peak
// RSS. Not a test. Needs go (for GOROOT): `npm run bench:go [-- --jobs N]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let goroot;
try {
  goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
} catch {
  console.error('bench:go needs go on the PATH (apt-get install -y golang-go)');
  process.exit(2);
}
const corpora = ['net', 'crypto', ''].map((p) => join(goroot, 'src', p));
const run = spawnSync(process.execPath, [join(here, 'build.mjs'), ...corpora, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
