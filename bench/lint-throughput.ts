// Lint throughput against the parse floor. Not a test: `npm run bench [-- PATH | --lines N,N,...]`;
// `--generate DIR --lines N` only writes the generated corpus (to profile the CLI on it).
//
// For each corpus (a generated series of OpenSSL-style C, or the files under PATH) it measures, in one process:
//   parse   web-tree-sitter parse of every file, single thread (the floor: analysis cannot be cheaper)
//   lint-1  the CLI's full lint (parse + analysis + rules + fingerprints), in-process
//   lint-N  the same through the CLI's worker pool (--jobs N, default: the number of cores)
// and prints lines/s, each lint's ratio to the parse floor, and peak RSS (maxRSS covers the worker threads too:
// they live in this process). The generated series should grow linearly: lines/s roughly constant.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintFiles } from '../server/src/cli/run';
import { collectFiles, readSource, type SourceFile } from '../server/src/cli/files';
import { builtinKnowledge } from '../server/src/analysis/knowledge';
import { initParsing, parse } from '../server/src/parsing/parser';

interface Options {
  path?: string;
  lines: number[];
  jobs: number;
  /** Only write the generated corpus here (for profiling the CLI on it), then exit. */
  generateInto?: string;
}

function parseOptions(argv: string[]): Options {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const options: Options = { lines: [10_000, 100_000, 1_000_000], jobs: cores };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lines') options.lines = argv[++i]!.split(',').map((n) => Number(n.replace(/_/g, '')));
    else if (a === '--jobs') options.jobs = Number(argv[++i]);
    else if (a === '--generate') options.generateInto = argv[++i];
    else options.path = a;
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

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function measure(label: string, dir: string, jobs: number): Promise<void> {
  const files = collectFiles([dir], dir);
  const lines = countLines(files);
  // Warm up: JIT and the grammars, so the first phase is not charged for start-up.
  await lintAll(files.slice(0, 2), dir, 1);
  const parsed = parseOnly(files);
  const single = await lintAll(files, dir, 1);
  const pooled = await lintAll(files, dir, jobs);
  const row = (name: string, m: Measure) =>
    `  ${name.padEnd(10)} ${m.seconds.toFixed(2).padStart(7)} s  ${fmt(lines / m.seconds).padStart(11)} lines/s  ` +
    `${(m.seconds / parsed.seconds).toFixed(2).padStart(5)}× parse` +
    (m.findings !== undefined ? `  ${m.findings} findings` : '');
  process.stdout.write(`${label}: ${files.length} files, ${fmt(lines)} lines\n`);
  process.stdout.write(`${row('parse', parsed)}\n${row('lint -j1', single)}\n${row(`lint -j${jobs}`, pooled)}\n`);
  process.stdout.write(`  peak RSS so far ${mib()} MiB (process, including worker threads)\n`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.generateInto) {
    for (const lines of options.lines) generateCorpus(path.join(options.generateInto, String(lines)), lines);
    return;
  }
  await initParsing();
  process.stdout.write(`osslint lint throughput — node ${process.version}, ${os.cpus().length} cores, --jobs ${options.jobs}\n`);
  if (options.path) {
    await measure(options.path, path.resolve(options.path), options.jobs);
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'osslint-bench-'));
  try {
    for (const lines of options.lines) {
      const dir = path.join(root, String(lines));
      generateCorpus(dir, lines);
      await measure(`generated ${fmt(lines)}`, dir, options.jobs);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
