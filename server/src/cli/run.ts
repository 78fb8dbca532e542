// The CLI proper: args → settings and knowledge → files → lint → format → exit code (0, 1 or 2, as ESLint).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../../rules/index';
import { KnowledgeError, builtinKnowledge, knowledgeWithUserFile, type Knowledge } from '../analysis/knowledge';
import { ConfigError, resolveSettings } from '../config/schema';
import { lint } from '../engine/lint';
import { initParsing } from '../parsing/parser';
import { type CliOptions, type Format, USAGE, parseCliArgs } from './args';
import { UsageError } from './errors';
import { collectFiles, readSource } from './files';
import { formatGithub } from './formatters/github';
import { formatJson } from './formatters/json';
import { type FileReport, type Formatter, type Report, type SkippedFile, displayPath, totalCounts } from './formatters/report';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { toolVersion } from './project';
import { writeFileAtomic } from './write-output';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
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
  const knowledge = loadKnowledge(path.resolve(io.cwd, settings.knowledgeFile), settings.knowledgeFile);
  const files = collectFiles(options.paths, io.cwd);
  if (!files.length) io.stderr(`osslint: warning: no .c, .h or .go files found in ${options.paths.join(' ')}\n`);

  await initParsing();
  const reports: FileReport[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const shown = displayPath(io.cwd, file.path);
    const source = readSource(file.path);
    if (!source.ok) {
      skipped.push({ path: file.path, reason: source.reason });
      io.stderr(`osslint: warning: skipped ${shown}: ${source.reason}\n`);
      continue;
    }
    let result;
    try {
      result = lint({ path: file.path, text: source.text, language: file.language }, settings.lint, knowledge);
    } catch (err) {
      throw new Error(`while linting ${shown}: ${oneLine(err)}`, { cause: err });
    }
    for (const note of result.notes) io.stderr(`osslint: warning: ${shown}: ${note}\n`);
    reports.push({ path: file.path, findings: result.findings, notes: result.notes });
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

/** --rule overrides go through the same settings schema the editor uses, so both accept the same values. */
function resolveCliSettings(options: CliOptions) {
  try {
    return resolveSettings({ 'osslint.rules': options.rules });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** The workspace's `.osslint.json` (relative to the working directory) extends the built-in knowledge base. */
function loadKnowledge(file: string, shown: string): Knowledge {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return builtinKnowledge();
    throw new UsageError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? oneLine(err)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new UsageError(`${shown}: invalid JSON: ${oneLine(err)}`);
  }
  try {
    return knowledgeWithUserFile(shown, data);
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
