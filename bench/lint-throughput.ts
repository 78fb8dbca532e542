// Lint throughput against the parse floor. Not a test:
//   npm run bench [-- PATH... | --lines N,N,...] [--jobs N] [--repeat R]
//   npm run bench -- --generate DIR --lines N     only writes the generated corpus (to profile the CLI on it)
//
// For each corpus (a generated series of OpenSSL-style C, or the files under PATH) it measures, in one run:
//   parse   web-tree-sitter parse of every file, single thread, in this process (the floor)
//   lint-1  the CLI's full lint (parse + analysis + rules + fingerprints), in-process
//   lint-N  the same through the CLI's worker pool (--jobs N, default: the number of cores)
// Each lint runs in a fresh child process set up as the CLI is, so its peak RSS (worker threads included) is
// its own. It prints lines/s, each lint's ratio to the parse floor and peak RSS; with --repeat, the fastest of
// R runs. The generated series should grow linearly: lines/s roughly constant.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintFiles } from '../server/src/cli/run';
import { collectFiles, readSource, type SourceFile } from '../server/src/cli/files';
import { builtinKnowledge } from '../server/src/analysis/knowledge';
import { initParsing, parse } from '../server/src/parsing/parser';
import { tuneHeapForBatchLinting } from '../server/src/cli/heap';
import { spawnSync } from 'node:child_process';

interface Options {
  /** Corpora to measure, one after another (several sizes show whether time grows linearly). */
  paths: string[];
  lines: number[];
  jobs: number;
  /** Runs of each measurement; the fastest is printed. */
  repeat: number;
  /** Only write the generated corpus here (for profiling the CLI on it), then exit. */
  generateInto?: string;
}

function parseOptions(argv: string[]): Options {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const options: Options = { paths: [], lines: [10_000, 100_000, 1_000_000], jobs: cores, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lines') options.lines = argv[++i]!.split(',').map((n) => Number(n.replace(/_/g, '')));
    else if (a === '--jobs') options.jobs = Number(argv[++i]);
    else if (a === '--repeat') options.repeat = Math.max(1, Number(argv[++i]));
    else if (a === '--generate') options.generateInto = argv[++i];
    else options.paths.push(a);
  }
  return options;
}

// ── corpus ────────────────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a small seeded PRNG, so every run lints the same corpus. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = `#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/bio.h>

struct conn {
    SSL_CTX *ctx;
    SSL *ssl;
    BIO *bio;
    char *host;
    int fd;
};
`;

/** One realistic function (goto err cleanup, struct fields, loops, early returns); `leak` drops a release. */
function cFunction(name: string, rnd: () => number, leak: boolean): string {
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return `
int ${name}_connect(struct conn *c, const char *host, int fd)
{
    int ret = -1;

    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        goto err;
    if (SSL_CTX_set_default_verify_paths(c->ctx) != 1)
        goto err;
    c->ssl = SSL_new(c->ctx);
    if (c->ssl == NULL)
        goto err;
    c->host = strdup(host);
    if (c->host == NULL)
        goto err;
    if (!SSL_set_tlsext_host_name(c->ssl, c->host))
        goto err;
    if (SSL_set_fd(c->ssl, fd) != 1)
        goto err;
    c->fd = fd;
    return 0;
err:
    SSL_free(c->ssl);
    c->ssl = NULL;
${leak ? '' : '    SSL_CTX_free(c->ctx);\n'}    c->ctx = NULL;
    free(c->host);
    c->host = NULL;
    return ret;
}
`;
    case 1:
      return `
static int ${name}_digest(const unsigned char *data, size_t len, unsigned char *out, unsigned int *outlen)
{
    EVP_MD_CTX *md = NULL;
    int ok = 0;
    size_t off;

    md = EVP_MD_CTX_new();
    if (md == NULL)
        return 0;
    if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
        goto end;
    for (off = 0; off < len; off += 4096) {
        size_t n = len - off < 4096 ? len - off : 4096;
        if (EVP_DigestUpdate(md, data + off, n) != 1)
            goto end;
    }
    if (EVP_DigestFinal_ex(md, out, outlen) != 1)
        goto end;
    ok = 1;
end:
${leak ? '' : '    EVP_MD_CTX_free(md);\n'}    return ok;
}
`;
    case 2:
      return `
char *${name}_subject(const char *pem, size_t len)
{
    BIO *in = NULL;
    X509 *cert = NULL;
    char *line = NULL;
    int i;

    in = BIO_new_mem_buf(pem, (int)len);
    if (in == NULL)
        return NULL;
    cert = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (cert == NULL) {
        BIO_free(in);
        return NULL;
    }
    for (i = 0; i < X509_get_ext_count(cert); i++) {
        if (X509_get_ext(cert, i) == NULL)
            break;
    }
    line = X509_NAME_oneline(X509_get_subject_name(cert), NULL, 0);
${leak ? '' : '    X509_free(cert);\n'}    BIO_free(in);
    return line;
}
`;
    default:
      return `
int ${name}_copy(const char **names, int count, char ***out)
{
    char **copy;
    int i;

    copy = calloc((size_t)count, sizeof(*copy));
    if (copy == NULL)
        return -1;
    for (i = 0; i < count; i++) {
        copy[i] = strdup(names[i]);
        if (copy[i] == NULL) {
            while (i-- > 0)
                free(copy[i]);
${leak ? '' : '            free(copy);\n'}            return -1;
        }
    }
    *out = copy;
    return count;
}
`;
  }
}

/** Writes about `lines` lines of C into `dir`, ~2,000 lines per file; about one function in twelve leaks. */
function generateCorpus(dir: string, lines: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const rnd = prng(lines);
  let total = 0;
  for (let file = 0; total < lines; file++) {
    const parts = [HEADER];
    let fileLines = HEADER.split('\n').length;
    for (let fn = 0; fileLines < 2000 && total + fileLines < lines; fn++) {
      const text = cFunction(`f${file}_${fn}`, rnd, rnd() < 1 / 12);
      parts.push(text);
      fileLines += text.split('\n').length - 1;
    }
    fs.writeFileSync(path.join(dir, `unit${String(file).padStart(5, '0')}.c`), parts.join(''));
    total += fileLines;
  }
}

// ── measurement ───────────────────────────────────────────────────────────────────────────────────────────

interface Measure {
  seconds: number;
  findings?: number;
  /** Peak RSS of the process that ran the lint (MiB), worker threads included. */
  peakMiB?: number;
}

function countLines(files: readonly SourceFile[]): number {
  let lines = 0;
  for (const f of files) {
    const text = fs.readFileSync(f.path, 'utf8');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  }
  return lines;
}

function parseOnly(files: readonly SourceFile[]): Measure {
  const start = performance.now();
  for (const f of files) {
    const source = readSource(f.path);
    if (!source.ok) continue;
    parse(f.language, source.text).delete();
  }
  return { seconds: (performance.now() - start) / 1000 };
}

async function lintAll(files: readonly SourceFile[], cwd: string, jobs: number): Promise<Measure> {
  const start = performance.now();
  const outcomes = await lintFiles(files, { cwd, jobs, setup: { lint: { rules: {} } }, knowledge: builtinKnowledge() });
  const seconds = (performance.now() - start) / 1000;
  const findings = outcomes.reduce((n, o) => n + (o.kind === 'linted' ? o.result.findings.length : 0), 0);
  return { seconds, findings };
}

/**
 * Child mode: one lint of `dir` with `jobs`, in a fresh process set up as the CLI sets itself up, so its peak
 * RSS is the lint's alone (not the parse floor's or another lint's). Prints the Measure as JSON.
 */
async function childLint(dir: string, jobs: number): Promise<void> {
  tuneHeapForBatchLinting();
  const files = collectFiles([dir], dir);
  // Warm up: JIT and the grammars, so the lint is not charged for start-up (nor is the parse floor).
  await lintAll(files.slice(0, 2), dir, 1);
  const measure = await lintAll(files, dir, jobs);
  process.stdout.write(`${JSON.stringify({ ...measure, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function lintInChild(dir: string, jobs: number): Measure {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', dir, String(jobs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`lint child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measure;
}

/** The fastest of `repeat` runs (the machine is shared: the minimum is the least disturbed), largest RSS. */
function best(runs: Measure[]): Measure {
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, peakMiB: Math.max(...runs.map((r) => r.peakMiB ?? 0)) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function measure(label: string, dir: string, jobs: number, repeat: number): Promise<void> {
  const files = collectFiles([dir], dir);
  const lines = countLines(files);
  parseOnly(files.slice(0, 2)); // warm-up
  const runs = (f: () => Measure) => best(Array.from({ length: repeat }, f));
  const parsed = runs(() => parseOnly(files));
  const single = runs(() => lintInChild(dir, 1));
  const pooled = runs(() => lintInChild(dir, jobs));
  const row = (name: string, m: Measure) =>
    `  ${name.padEnd(10)} ${m.seconds.toFixed(2).padStart(7)} s  ${fmt(lines / m.seconds).padStart(11)} lines/s  ` +
    `${(m.seconds / parsed.seconds).toFixed(2).padStart(5)}× parse` +
    (m.findings !== undefined ? `  ${String(m.findings).padStart(5)} findings  peak RSS ${fmt(m.peakMiB ?? 0).padStart(4)} MiB` : '');
  process.stdout.write(`${label}: ${files.length} files, ${fmt(lines)} lines\n`);
  process.stdout.write(`${row('parse', parsed)}\n${row('lint -j1', single)}\n${row(`lint -j${jobs}`, pooled)}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return childLint(argv[1]!, Number(argv[2]));
  const options = parseOptions(argv);
  if (options.generateInto) {
    for (const lines of options.lines) generateCorpus(path.join(options.generateInto, String(lines)), lines);
    return;
  }
  await initParsing();
  process.stdout.write(
    `osslint lint throughput — node ${process.version}, ${os.cpus().length} cores, --jobs ${options.jobs}` +
      `${options.repeat > 1 ? `, best of ${options.repeat}` : ''}; each lint runs in a fresh process (its own peak RSS)\n`,
  );
  if (options.paths.length) {
    for (const p of options.paths) await measure(p, path.resolve(p), options.jobs, options.repeat);
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-bench-'));
  try {
    for (const lines of options.lines) {
      const dir = path.join(root, String(lines));
      generateCorpus(dir, lines);
      await measure(`generated ${fmt(lines)}`, dir, options.jobs, options.repeat);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
