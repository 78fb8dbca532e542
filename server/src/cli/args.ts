// Command line → options. Built on node:util parseArgs; every problem becomes one UsageError line.
import { parseArgs } from 'node:util';
import type { SeveritySetting } from '../engine/types';
import { UsageError } from './errors';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface CliOptions {
  paths: string[];
  /** No progress line on stderr. */
  quiet?: boolean;
  format: Format;
  /** undefined: no limit (ESLint's -1). */
  maxWarnings?: number;
  /** In command-line order; a later --rule for the same id wins. */
  rules: Record<string, SeveritySetting>;
  output?: string;
  /** true: --color, false: --no-color, undefined: colour when writing the text report to a terminal. */
  color?: boolean;
  /** Worker threads linting in parallel; 1 lints in-process. Default: os.availableParallelism(). */
  /** Lint threads; 'auto' (no --jobs): the number of cores when there is enough to lint to pay for them. */
  jobs: number | 'auto';
  /** --cache: reuse results of unchanged files; stored at cacheLocation (relative to cwd). */
  cache: boolean;
  cacheLocation: string;
  /** --baseline FILE: findings whose fingerprint it lists are "unchanged" and do not fail the run. */
  baseline?: string;
  /** --baseline-write FILE: record the fingerprints of this run's findings. */
  baselineWrite?: string;
  /** --confirm: run the AddressSanitizer harness on every finding reported; --confirm-timeout bounds each. */
  confirm?: boolean;
  confirmTimeoutSeconds?: number;
  /** --no-allocation-failure-leaks: drop leaks that happen only when an allocation fails. */
  allocationFailureLeaks?: false;
  help: boolean;
  version: boolean;
}

export const DEFAULT_CACHE_LOCATION = '.osslint-cache';

export const USAGE = `Usage: osslint [paths...] [options]

Lints C (.c, .h) and Go (.go) files for OpenSSL, libc and cgo resource-lifecycle bugs.
Folders are searched recursively, skipping node_modules, .git and vendor. Default path: .

Options:
  -f, --format FORMAT      text (default), json, sarif or github
      --max-warnings N     exit 1 when there are more than N warnings
      --rule ID=SEVERITY   set a rule's severity: off, hint, info, warning or error (repeatable)
  -o, --output FILE        write the report to FILE (atomically) instead of stdout
  -j, --jobs N             lint with N threads (default: the number of cores for 16 MiB of source or more,
                           else 1; 1: no worker threads)
      --cache              reuse the results of unchanged files from the cache file
      --cache-location F   the cache file (default: .osslint-cache in the working directory)
      --baseline FILE      findings recorded in FILE are "unchanged" and do not fail the run
      --baseline-write F   write the fingerprints of the current findings to F
      --confirm            confirm every finding with AddressSanitizer (builds and runs the code)
      --confirm-timeout S  time limit per confirmation in seconds (default: 30)
      --no-allocation-failure-leaks
                           do not report leaks that happen only when an allocation fails
      --no-color           do not colour the text report (--color forces colour)
  -q, --quiet              no progress line (shown on stderr only when it is a terminal)
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 no errors and warnings within --max-warnings; 1 errors found or too many warnings;
2 bad usage, bad configuration or an internal error.
`;

/** The subset of parseArgs errors we rephrase; Node attaches `code` to them. */
interface ParseArgsError extends Error {
  code?: string;
}

/**
 * Every option parseArgs knows. A new option is one entry here plus its reading in parseCliArgs (and a line in
 * USAGE).
 */
const OPTION_SPEC = {
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'no-allocation-failure-leaks': { type: 'boolean' },
  color: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  baseline: { type: 'string' },
  'baseline-write': { type: 'string' },
  confirm: { type: 'boolean' },
  'confirm-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: readonly string[], isKnownRule: (id: string) => boolean): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      strict: true,
      options: OPTION_SPEC,
    });
  } catch (err) {
    throw new UsageError(describeParseError(err as ParseArgsError));
  }
  const { values, positionals } = parsed;

  if (values.help || values.version) {
    return {
      paths: [],
      format: 'text',
      rules: {},
      jobs: 1,
      cache: false,
      cacheLocation: DEFAULT_CACHE_LOCATION,
      help: !!values.help,
      version: !!values.version,
    };
  }

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  }

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    // ESLint accepts -1 to mean "no limit"; so do we.
    if (raw === '-1') maxWarnings = undefined;
    else if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) maxWarnings = Number(raw);
    else throw new UsageError(`--max-warnings expects a non-negative integer, got "${raw}"`);
  }

  const rules: Record<string, SeveritySetting> = {};
  for (const spec of values.rule ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--rule expects ID=SEVERITY (e.g. ossl-leak=error), got "${spec}"`);
    const id = spec.slice(0, eq).trim();
    const severity = spec.slice(eq + 1).trim();
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      throw new UsageError(`unknown severity "${severity}" in --rule ${spec} (expected one of: ${SEVERITIES.join(', ')})`);
    }
    if (!isKnownRule(id)) throw new UsageError(`unknown rule "${id}" in --rule ${spec}`);
    rules[id] = severity as SeveritySetting;
  }

  if (values.output !== undefined && values.output === '') throw new UsageError('--output expects a file name');

  let jobs: number | 'auto';
  if (values.jobs === undefined) jobs = 'auto';
  else if (/^\d+$/.test(values.jobs) && Number(values.jobs) >= 1 && Number(values.jobs) <= 1024) jobs = Number(values.jobs);
  else throw new UsageError(`--jobs expects a whole number from 1 to 1024, got "${values.jobs}"`);

  for (const name of ['cache-location', 'baseline', 'baseline-write'] as const) {
    if (values[name] === '') throw new UsageError(`--${name} expects a file name`);
  }

  let confirmTimeoutSeconds: number | undefined;
  if (values['confirm-timeout'] !== undefined) {
    const raw = values['confirm-timeout'];
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 3600) throw new UsageError(`--confirm-timeout expects seconds from 1 to 3600, got "${raw}"`);
    confirmTimeoutSeconds = Number(raw);
  }

  return {
    paths: positionals.length ? positionals : ['.'],
    format: format as Format,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    rules,
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values['no-color'] ? { color: false } : values.color ? { color: true } : {}),
    jobs,
    quiet: !!values.quiet,
    cache: !!values.cache,
    cacheLocation: values['cache-location'] ?? DEFAULT_CACHE_LOCATION,
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values['baseline-write'] !== undefined ? { baselineWrite: values['baseline-write'] } : {}),
    ...(values.confirm ? { confirm: true } : {}),
    ...(confirmTimeoutSeconds !== undefined ? { confirmTimeoutSeconds } : {}),
    ...(values['no-allocation-failure-leaks'] ? { allocationFailureLeaks: false as const } : {}),
    help: false,
    version: false,
  };
}

/** `--max-warnings -1` (ESLint's "no limit"): parseArgs would take `-1` for an option, so glue it on. */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--max-warnings' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function describeParseError(err: ParseArgsError): string {
  // Node quotes the option as '--format' or '-f, --format <value>'; keep the long name only.
  const quoted = /'([^']+)'/.exec(err.message)?.[1];
  const option = quoted?.split(/[ ,]+/).find((part) => part.startsWith('--')) ?? quoted?.split(/[ ,]+/)[0];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${option ?? err.message}" (see osslint --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // e.g. "--format" given last with no value, or "--help=x".
      return `${option ? `option "${option}"` : 'an option'} ${/argument missing|ambiguous/.test(err.message) ? 'expects a value' : 'does not take a value'} (see osslint --help)`;
    default:
      return err.message.split('\n')[0] ?? 'invalid arguments';
  }
}
