// The CLI proper: args → settings and knowledge → files → lint → format → exit code (0, 1 or 2, as ESLint).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rules } from '../../../rules/index';
import { KnowledgeError, type Knowledge } from '../analysis/knowledge';
import { ConfigError, resolveSettings } from '../config/schema';
import { initParsing } from '../parsing/parser';
import { cProjectRoot, cProjectStamp } from '../package-files';
import { type CliOptions, type Format, USAGE, parseCliArgs } from './args';
import { UsageError } from './errors';
import { readBaseline, writeBaseline } from './baseline';
import { LintCache, hashText, toolIdentity } from './cache';
import { type SourceFile, collectFiles, readSource } from './files';
import { formatGithub } from './formatters/github';
import { formatJson } from './formatters/json';
import { type FileReport, type Formatter, type Report, type SkippedFile, displayPath, posixDisplayPath, totalCounts } from './formatters/report';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { type FileResult, type LintSetup, type LintTask, knowledgeFor, lintTask } from './lint-file';
import { LintPool, workerScript } from './pool';
import { toolVersion } from './project';
import { writeFileAtomic } from './write-output';
import { DEFAULT_TIMEOUT_SECONDS, confirmFinding } from '../harness/index';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** A terminal reads stderr: a progress line may be drawn there. */
  stderrIsTTY?: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const FORMATTERS: Record<Format, Formatter> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    const message = err instanceof UsageError ? err.message : `internal error: ${oneLine(err)}`;
    io.stderr(`osslint: error: ${message}\n`);
    if (!(err instanceof UsageError) && io.env.OSSLINT_DEBUG) io.stderr(`${(err as Error)?.stack ?? err}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const options = parseCliArgs(argv, (id) => rules.some((r) => r.meta.id === id));
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${toolVersion()}\n`);
    return EXIT_OK;
  }

  const settings = resolveCliSettings(options);
  const knowledgeFile = readKnowledgeFile(path.resolve(io.cwd, settings.knowledgeFile), settings.knowledgeFile);
  const files = collectFiles(options.paths, io.cwd);
  const cFiles = files.filter((f) => f.language === 'c').map((f) => f.path);
  const projectRoot = cFiles.length ? cProjectRoot(cFiles) : undefined;
  const setup: LintSetup = {
    lint: settings.lint,
    ...(knowledgeFile ? { userKnowledge: { label: settings.knowledgeFile, data: knowledgeFile.data } } : {}),
    ...(projectRoot ? { projectRoot } : {}),
  };
  const knowledge = checkKnowledge(setup);
  const baseline = options.baseline !== undefined ? readBaseline(path.resolve(io.cwd, options.baseline), options.baseline) : undefined;
  if (!files.length) io.stderr(`osslint: warning: no .c, .h or .go files found in ${options.paths.join(' ')}\n`);

  const warn = (message: string) => io.stderr(`osslint: warning: ${message}\n`);
  const cacheLocation = path.resolve(io.cwd, options.cacheLocation);
  const cache = options.cache
    ? LintCache.load(cacheLocation, toolIdentity(toolVersion()), configHash(setup, knowledgeFile?.raw, io.cwd, projectRoot ? cProjectStamp(projectRoot) : ''), (m) =>
        warn(`${displayPath(io.cwd, cacheLocation)}: ${m}`),
      )
    : undefined;

  const jobs = options.jobs === 'auto' ? autoJobs(files) : options.jobs;
  const progress = io.stderrIsTTY && !options.quiet && files.length > 1 ? progressLine(io, files.length) : undefined;
  const outcomes = await lintFiles(files, { cwd: io.cwd, setup, knowledge, jobs, ...(cache ? { cache } : {}), ...(progress ? { onFileDone: progress.step } : {}) });
  progress?.clear();

  // Everything the run says about files is printed in file order, whatever order the workers finished in.
  const reports: FileReport[] = [];
  const skipped: SkippedFile[] = [];
  outcomes.forEach((outcome, i) => {
    const file = files[i]!;
    const shown = displayPath(io.cwd, file.path);
    if (outcome.kind === 'skipped') {
      skipped.push({ path: file.path, reason: outcome.reason });
      warn(`skipped ${shown}: ${outcome.reason}`);
      return;
    }
    const { findings, notes, fingerprints } = outcome.result;
    for (const note of notes) warn(`${shown}: ${note}`);
    reports.push({
      path: file.path,
      findings,
      notes,
      fingerprints,
      ...(baseline ? { baseline: fingerprints.map((fp) => (baseline.has(fp) ? ('unchanged' as const) : ('new' as const))) } : {}),
    });
  });
  if (options.confirm) await confirmReports(reports, options.confirmTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, io);
  if (cache) {
    try {
      cache.save();
    } catch (err) {
      warn(`${displayPath(io.cwd, cacheLocation)}: the cache was not saved: ${oneLine(err)}`);
    }
  }
  if (options.baselineWrite !== undefined) {
    writeBaseline(
      path.resolve(io.cwd, options.baselineWrite),
      reports.flatMap((r) =>
        r.findings.map((f, i) => ({
          fingerprint: r.fingerprints![i]!,
          ruleId: f.ruleId,
          file: posixDisplayPath(io.cwd, r.path),
          line: f.range.start.line + 1,
        })),
      ),
    );
  }

  const report: Report = {
    cwd: io.cwd,
    files: reports,
    skipped,
    rules: rules.map((r) => r.meta),
    ruleOverrides: options.rules,
    version: toolVersion(),
  };
  const color = options.output === undefined && options.format === 'text' && useColor(options, io);
  const text = FORMATTERS[options.format](report, { color });
  if (options.output !== undefined) writeFileAtomic(path.resolve(io.cwd, options.output), text);
  else io.stdout(text);

  const counts = totalCounts(reports);
  if (counts.error > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    io.stderr(`osslint: too many warnings (${counts.warning}); maximum allowed is ${options.maxWarnings}\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

type Outcome = { kind: 'linted'; result: FileResult } | { kind: 'skipped'; reason: string };

interface LintRun {
  cwd: string;
  setup: LintSetup;
  knowledge: Knowledge;
  jobs: number;
  cache?: LintCache;
  /** Called as each file is done, in whatever order the workers finish. */
  onFileDone?: (path: string) => void;
}

/** `[412/5021] src/net/http/server.go` redrawn in place on a terminal's stderr, at most every 100 ms. */
function progressLine(io: CliIO, total: number): { step: (path: string) => void; clear: () => void } {
  let done = 0;
  let drawnAt = 0;
  let drawn = false;
  return {
    step: (file) => {
      done++;
      const now = Date.now();
      if (now - drawnAt < 100 && done < total) return;
      drawnAt = now;
      drawn = true;
      const shown = displayPath(io.cwd, file);
      io.stderr(`\r\x1b[K[${done}/${total}] ${shown.length > 70 ? `…${shown.slice(-69)}` : shown}`);
    },
    clear: () => {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/**
 * Lints every file; outcomes[i] belongs to files[i]. Files are read one at a time as a worker becomes free
 * (at most two per worker in flight), so memory is bounded by the pool, not the tree being linted.
 */
export async function lintFiles(files: readonly SourceFile[], run: LintRun): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array<Outcome>(files.length);
  const script = workerScript();
  const size = Math.min(run.jobs, files.length);
  // The main thread lints too (it would only wait otherwise): --jobs N starts N - 1 workers.
  const pool = size > 1 && script ? new LintPool(script, size - 1, run.setup) : undefined;
  await initParsing();

  const lintOne = async (file: SourceFile, i: number, inProcess: boolean): Promise<void> => {
    const source = readSource(file.path);
    if (!source.ok) {
      outcomes[i] = { kind: 'skipped', reason: source.reason };
      return;
    }
    const hash = run.cache ? hashText(source.text) : '';
    const cached = run.cache?.get(file.path, hash);
    if (cached) {
      outcomes[i] = { kind: 'linted', result: cached };
      return;
    }
    const task: LintTask = { path: file.path, relPath: posixDisplayPath(run.cwd, file.path), language: file.language, text: source.text };
    let result: FileResult;
    try {
      result = pool && !inProcess ? await pool.lint(task) : lintTask(task, run.setup, run.knowledge);
    } catch (err) {
      throw new Error(`while linting ${displayPath(run.cwd, file.path)}: ${oneLine(err)}`, { cause: err });
    }
    run.cache?.set(file.path, hash, result);
    outcomes[i] = { kind: 'linted', result };
  };
  const lintAndReport = async (i: number, inProcess: boolean): Promise<void> => {
    await lintOne(files[i]!, i, inProcess);
    run.onFileDone?.(files[i]!.path);
  };

  try {
    if (!pool) {
      for (let i = 0; i < files.length; i++) await lintAndReport(i, true);
    } else {
      let next = 0;
      const lane = async (inProcess: boolean): Promise<void> => {
        while (next < files.length) {
          const i = next++;
          await lintAndReport(i, inProcess);
          // Let the workers' answers in between files linted here, so they are handed their next file.
          if (inProcess) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      };
      await Promise.all([lane(true), ...Array.from({ length: pool.capacity }, () => lane(false))]);
    }
  } finally {
    await pool?.close();
  }
  return outcomes;
}

/**
 * Worker threads pay for themselves only on larger trees: each starts cold (JIT, grammars) and the main thread
 * already uses a second core for garbage collection and compilation. Measured on 2 cores (bench/): below about
 * 16 MiB of source (LibreSSL's 14 MiB) a pool is no faster than linting in-process, at 23 MiB it is 1.6x.
 */
const POOL_MIN_BYTES = 16 * 1024 * 1024;

function autoJobs(files: readonly SourceFile[]): number {
  const cores = availableParallelism();
  if (cores <= 1) return 1;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += fs.statSync(f.path).size;
    } catch {
      // unreadable: reported when it is read
    }
    if (bytes >= POOL_MIN_BYTES) return cores;
  }
  return 1;
}

function availableParallelism(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Everything besides a file's text that decides its findings (ESLint hashes its config the same way). */
/** `projectStamp`: a C file's findings depend on the other files of its project (their summaries). */
function configHash(setup: LintSetup, knowledgeText: string | undefined, cwd: string, projectStamp: string): string {
  return hashText(JSON.stringify({ lint: setup.lint, knowledge: knowledgeText ?? null, cwd, project: projectStamp }));
}

/** --rule overrides go through the same settings schema the editor uses, so both accept the same values. */
function resolveCliSettings(options: CliOptions) {
  try {
    return resolveSettings({
      'osslint.rules': options.rules,
      ...(options.allocationFailureLeaks === false ? { 'osslint.reportAllocationFailureLeaks': false } : {}),
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** The workspace's `.osslint.json` (relative to the working directory), parsed; undefined when there is none. */
function readKnowledgeFile(file: string, shown: string): { raw: string; data: unknown } | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? oneLine(err)}`);
  }
  try {
    return { raw, data: JSON.parse(raw) as unknown };
  } catch (err) {
    throw new UsageError(`${shown}: invalid JSON: ${oneLine(err)}`);
  }
}

/** Builds the knowledge base once in the main thread, so a bad entry is one usage error before any worker starts. */
function checkKnowledge(setup: LintSetup): Knowledge {
  try {
    return knowledgeFor(setup);
  } catch (err) {
    if (err instanceof KnowledgeError) throw new UsageError(oneLine(err));
    throw err;
  }
}

function useColor(options: CliOptions, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** --confirm: the AddressSanitizer harness on every finding reported (one at a time; each uses two cores). */
async function confirmReports(reports: FileReport[], timeoutSeconds: number, io: CliIO): Promise<void> {
  let confirmed = 0;
  let total = 0;
  await initParsing();
  for (const report of reports) {
    if (!report.findings.length) continue;
    const language = report.path.endsWith('.go') ? 'go' : 'c';
    const text = fs.readFileSync(report.path, 'utf8');
    report.confirmations = [];
    for (const finding of report.findings) {
      if (finding.ruleId === 'unused-suppression') {
        report.confirmations.push(undefined);
        continue;
      }
      const result = await confirmFinding({ path: report.path, text, language, finding, timeoutMs: timeoutSeconds * 1000, workspaceRoot: io.cwd });
      report.confirmations.push({ verdict: result.verdict, detail: result.detail });
      total++;
      if (result.verdict === 'confirmed') confirmed++;
      io.stderr(`osslint: ${displayPath(io.cwd, report.path)}:${finding.range.start.line + 1} ${finding.ruleId}: ${result.verdict}\n`);
    }
  }
  io.stderr(`osslint: AddressSanitizer confirmed ${confirmed} of ${total} findings\n`);
}
