// Real-code bench: lints the OpenSSL-using files of the projects in projects.json (pinned commits, read from a
// cache outside the repo) with the built CLI and compares the findings with labels.tsv, the triaged findings.
// Not a test: it needs the projects' code, fetched beforehand (`fetch github:owner/name`).
// With --go it lints the cgo files of the Go projects in projects-go.json against labels-go.tsv.
//
//   npm run bench:realcode [-- --go] [--project NAME] [--list-unlabelled] [--list-lost] [--list-fp]
//
// Environment: OSSLINT_REALCODE_CACHE (default ~/.cache/osslint-realcode) holds the extracted trees;
// OSSLINT_MIRROR (default /work/.mirror) holds the fetched git snapshots (<owner>+<name>/repo).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cacheDir = process.env.OSSLINT_REALCODE_CACHE ?? join(homedir(), '.cache', 'osslint-realcode');
const mirrorDir = process.env.OSSLINT_MIRROR ?? '/work/.mirror';
const argv = process.argv.slice(2);
const only = argv.includes('--project') ? argv[argv.indexOf('--project') + 1] : undefined;
const listUnlabelled = argv.includes('--list-unlabelled');
const listLost = argv.includes('--list-lost');
const listFalse = argv.includes('--list-fp');
const go = argv.includes('--go');

/** An OpenSSL header, or OpenSSL calls through a project header (libssh2's openssl.c includes "openssl.h"). */
const USES_OPENSSL = /#\s*include\s*[<"]openssl\/|\b(SSL_CTX|SSL|EVP_[A-Z]+|X509|BIO|PEM_read_bio)_[a-z]\w*\s*\(/;
/** A Go file using cgo: `import "C"` alone or in an import block. */
const USES_CGO = /^import\s+"C"|^\s+"C"\s*$/m;
const selected = go ? { lint: (f) => f.endsWith('.go') && !f.endsWith('_test.go'), uses: USES_CGO, extract: /\.(go|c|h)$/ } : { lint: (f) => f.endsWith('.c'), uses: USES_OPENSSL, extract: /\.(c|h)$/ };

const { projects } = JSON.parse(readFileSync(join(here, go ? 'projects-go.json' : 'projects.json'), 'utf8'));
const labels = readLabels(join(here, go ? 'labels-go.tsv' : 'labels.tsv'));

const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const rows = [];
const byRule = new Map();
for (const p of projects) {
  const name = p.repo.split('/')[1];
  if (only && name !== only && p.repo !== only) continue;
  const dir = checkout(p);
  if (!dir) {
    rows.push({ name, missing: true });
    continue;
  }
  const files = filesToLint(dir, p.under);
  if (!files.length) {
    rows.push({ name, failed: true, why: go ? 'no file uses cgo' : 'no file uses OpenSSL' });
    continue;
  }
  const lines = files.reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').length, 0);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '-f', 'json', '--no-color', ...files], { cwd: dir, maxBuffer: 256 << 20, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) {
    console.error(`${name}: the CLI exited ${run.status}: ${run.stderr.split('\n')[0]}`);
    rows.push({ name, failed: true });
    continue;
  }
  const report = JSON.parse(run.stdout);
  const findings = report.flatMap((r) => r.messages.map((m) => ({ file: relative(dir, isAbsolute(r.filePath) ? r.filePath : join(dir, r.filePath)), line: m.line, rule: m.ruleId, message: m.message })));
  const syntaxErrors = report.filter((r) => (r.notes ?? []).some((n) => /syntax errors/.test(n))).length;
  const mine = labels.filter((l) => l.project === name);
  let tp = 0;
  let fp = 0;
  const unlabelled = [];
  const falsePositives = [];
  for (const f of findings) {
    const label = mine.find((l) => l.file === f.file && l.line === f.line && l.rule === f.rule);
    const stats = byRule.get(f.rule) ?? { findings: 0, tp: 0, fp: 0 };
    byRule.set(f.rule, stats);
    stats.findings++;
    if (!label) unlabelled.push(f);
    else if (label.verdict === 'TP') (tp++, stats.tp++);
    else (fp++, stats.fp++, falsePositives.push(label));
  }
  const lost = mine.filter((l) => l.verdict === 'TP' && !findings.some((f) => f.file === l.file && f.line === l.line && f.rule === l.rule));
  const perRule = [...findings.reduce((m, f) => m.set(f.rule, (m.get(f.rule) ?? 0) + 1), new Map())].map(([r, n]) => `${r} ${n}`).join(', ');
  rows.push({ name, files: files.length, lines, seconds, findings: findings.length, perRule, tp, fp, lost, unlabelled, falsePositives, syntaxErrors });
}

const pct = (tp, fp) => (tp + fp ? `${((100 * tp) / (tp + fp)).toFixed(0)} %` : '-');
console.log(`${'project'.padEnd(16)} ${'files'.padStart(5)} ${'lines'.padStart(7)} ${'time'.padStart(6)} ${'found'.padStart(5)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'prec'.padStart(5)} ${'lost'.padStart(4)} ${'new'.padStart(4)} ${'synerr'.padStart(6)}  by rule`);
const total = { files: 0, lines: 0, seconds: 0, findings: 0, tp: 0, fp: 0, lost: 0, unlabelled: 0, syntaxErrors: 0 };
for (const r of rows) {
  if (r.missing || r.failed) {
    console.log(`${r.name.padEnd(16)} ${r.missing ? `not fetched (fetch github:${projects.find((p) => p.repo.endsWith(`/${r.name}`)).repo})` : (r.why ?? 'the CLI failed')}`);
    continue;
  }
  for (const k of ['files', 'lines', 'seconds', 'findings', 'tp', 'fp', 'syntaxErrors']) total[k] += r[k];
  total.lost += r.lost.length;
  total.unlabelled += r.unlabelled.length;
  console.log(
    `${r.name.padEnd(16)} ${String(r.files).padStart(5)} ${String(r.lines).padStart(7)} ${r.seconds.toFixed(1).padStart(5)}s ${String(r.findings).padStart(5)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${pct(r.tp, r.fp).padStart(5)} ${String(r.lost.length).padStart(4)} ${String(r.unlabelled.length).padStart(4)} ${String(r.syntaxErrors).padStart(6)}  ${r.perRule}`,
  );
}
console.log(
  `${'total'.padEnd(16)} ${String(total.files).padStart(5)} ${String(total.lines).padStart(7)} ${total.seconds.toFixed(1).padStart(5)}s ${String(total.findings).padStart(5)} ${String(total.tp).padStart(4)} ${String(total.fp).padStart(4)} ${pct(total.tp, total.fp).padStart(5)} ${String(total.lost).padStart(4)} ${String(total.unlabelled).padStart(4)} ${String(total.syntaxErrors).padStart(6)}`,
);
console.log('\nby rule (labelled findings):');
for (const [rule, s] of [...byRule].sort()) console.log(`  ${rule.padEnd(24)} found ${String(s.findings).padStart(4)}  TP ${String(s.tp).padStart(4)}  FP ${String(s.fp).padStart(4)}  precision ${pct(s.tp, s.fp)}`);
for (const r of rows) {
  if (listUnlabelled) for (const f of r.unlabelled ?? []) console.log(`new\t${r.name}\t${f.file}\t${f.line}\t${f.rule}\t${f.message}`);
  if (listLost) for (const l of r.lost ?? []) console.log(`lost\t${r.name}\t${l.file}\t${l.line}\t${l.rule}\t${l.reason}`);
  if (listFalse) for (const l of r.falsePositives ?? []) console.log(`fp\t${r.name}\t${l.file}\t${l.line}\t${l.rule}\t${l.reason}`);
}

function readLabels(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [project, path, line, rule, verdict, ...reason] = l.split('\t');
      if (verdict !== 'TP' && verdict !== 'FP') throw new Error(`labels.tsv: the verdict must be TP or FP: ${l}`);
      return { project, file: path, line: Number(line), rule, verdict, reason: reason.join('\t') };
    });
}

/** The project's tree at the pinned commit, extracted once from the fetched snapshot. */
function checkout(p) {
  const key = p.repo.replace('/', '+');
  const dir = join(cacheDir, `${key}@${p.commit.slice(0, 12)}${go ? '-go' : ''}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const gitDir = join(mirrorDir, key, 'repo');
  if (!existsSync(gitDir)) return undefined;
  mkdirSync(dir, { recursive: true });
  // A snapshot may lack its largest blobs: extract file by file, sources and headers only, skipping what is absent.
  const git = (...args) => spawnSync('git', [`--git-dir=${gitDir}`, ...args], { maxBuffer: 1 << 30 });
  const listing = git('ls-tree', '-r', '-z', '--name-only', p.commit).stdout.toString().split('\0');
  for (const path of listing.filter((f) => selected.extract.test(f))) {
    const blob = git('cat-file', 'blob', `${p.commit}:${path}`);
    if (blob.status !== 0) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), blob.stdout);
  }
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

/** The .c files under the project's chosen folders (or files) that use OpenSSL (with --go: the .go files using cgo). */
function filesToLint(dir, under) {
  const out = [];
  const visit = (rel) => {
    const abs = join(dir, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const e of readdirSync(abs).sort()) visit(rel ? `${rel}/${e}` : e);
    } else if (selected.lint(rel) && selected.uses.test(readFileSync(abs, 'utf8'))) out.push(rel);
  };
  for (const u of under.length ? under : ['']) visit(u);
  return [...new Set(out)];
}
