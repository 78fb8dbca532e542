// --cache: results of files whose content has not changed since the last run, after ESLint's cache
// (https://eslint.org/docs/latest/use/command-line-interface#caching). One JSON file. Its whole content is valid
// only for one tool build and one configuration; each entry only for one content hash of its file. A cache file
// that cannot be read or parsed is ignored with one warning; it is replaced atomically at the end of the run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { FileResult } from './lint-file';
import { writeFileAtomic } from './write-output';

const FORMAT = 'osslint-cache/v1';

interface CacheData {
  format: typeof FORMAT;
  /** Tool version and build: a rebuilt analysis may find different things in the same text. */
  tool: string;
  /** Rule severities, suppression settings, knowledge file content, working directory. */
  config: string;
  files: Record<string, { hash: string; result: FileResult }>;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class LintCache {
  private readonly files: CacheData['files'] = Object.create(null) as CacheData['files'];
  private dirty = false;

  private constructor(
    private readonly location: string,
    private readonly tool: string,
    private readonly config: string,
  ) {}

  /** Loads `location`; `warn` is called once when the file exists but cannot be used. */
  static load(location: string, tool: string, config: string, warn: (message: string) => void): LintCache {
    const cache = new LintCache(location, tool, config);
    let raw: string;
    try {
      raw = fs.readFileSync(location, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warn(`cannot read the cache file (${code ?? (err as Error).message}); linting every file`);
      return cache;
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      warn('the cache file is corrupt (not valid JSON); ignoring it');
      return cache;
    }
    if (!isCacheData(data)) {
      warn('the cache file is corrupt (not an osslint cache); ignoring it');
      return cache;
    }
    // Another build or configuration: every entry is stale. That is invalidation, not a problem.
    if (data.tool !== tool || data.config !== config) return cache;
    for (const [file, entry] of Object.entries(data.files)) {
      if (isEntry(entry)) cache.files[file] = entry;
    }
    return cache;
  }

  get(file: string, hash: string): FileResult | undefined {
    const entry = this.files[file];
    return entry?.hash === hash ? entry.result : undefined;
  }

  set(file: string, hash: string, result: FileResult): void {
    this.files[file] = { hash, result };
    this.dirty = true;
  }

  /** Drops entries of files that no longer exist (cheap: one stat per entry). */
  private prune(): void {
    for (const file of Object.keys(this.files)) {
      if (!fs.existsSync(file)) {
        delete this.files[file];
        this.dirty = true;
      }
    }
  }

  save(): void {
    this.prune();
    if (!this.dirty && fs.existsSync(this.location)) return;
    const data: CacheData = { format: FORMAT, tool: this.tool, config: this.config, files: this.files };
    writeFileAtomic(this.location, JSON.stringify(data));
  }
}

function isCacheData(data: unknown): data is CacheData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<CacheData>;
  return d.format === FORMAT && typeof d.tool === 'string' && typeof d.config === 'string' && typeof d.files === 'object' && d.files !== null;
}

function isEntry(entry: unknown): entry is { hash: string; result: FileResult } {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as { hash?: unknown; result?: Partial<FileResult> };
  return (
    typeof e.hash === 'string' &&
    typeof e.result === 'object' &&
    e.result !== null &&
    Array.isArray(e.result.findings) &&
    Array.isArray(e.result.notes) &&
    Array.isArray(e.result.fingerprints) &&
    e.result.fingerprints.length === e.result.findings.length
  );
}

/** This build of the tool: its version plus a hash of the running bundle (dist/cli.js), so a rebuild invalidates. */
export function toolIdentity(version: string): string {
  let build = 'source';
  try {
    build = createHash('sha256').update(fs.readFileSync(__filename)).digest('hex').slice(0, 16);
  } catch {
    // running from source without a readable bundle: the version alone
  }
  return `${version}+${build}`;
}
