// Include paths and defines for a C file from compile_commands.json (the file's directory or a parent, up to
// the workspace root). https://clang.llvm.org/docs/JSONCompilationDatabase.html
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Entry {
  directory: string;
  file: string;
  arguments?: string[];
  command?: string;
}

/** Splits a shell command line the way a compilation database writes it (quotes and backslashes). */
export function splitCommand(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      cur += command[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

/** The flags of the entry for `file` that matter to compile it elsewhere: -I, -D, -U, -include, -isystem, -iquote, -std. */
export function flagsFromEntry(entry: Entry): string[] {
  const args = entry.arguments ?? splitCommand(entry.command ?? '');
  const out: string[] = [];
  const withDir = (p: string) => (path.isAbsolute(p) ? p : path.resolve(entry.directory, p));
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const takesNext = ['-I', '-D', '-U', '-include', '-isystem', '-iquote'].includes(a);
    if (takesNext && i + 1 < args.length) {
      const v = args[++i]!;
      out.push(a, a === '-D' || a === '-U' ? v : withDir(v));
    } else if (/^-I./.test(a)) out.push(`-I${withDir(a.slice(2))}`);
    else if (/^-[DU]./.test(a) || /^-std=/.test(a)) out.push(a);
  }
  return out;
}

export function compileFlagsFor(file: string, workspaceRoot?: string): { flags: string[]; database?: string } {
  const abs = path.resolve(file);
  const stop = workspaceRoot ? path.resolve(workspaceRoot) : undefined;
  let dir = path.dirname(abs);
  for (;;) {
    const db = path.join(dir, 'compile_commands.json');
    if (fs.existsSync(db)) {
      try {
        const entries = JSON.parse(fs.readFileSync(db, 'utf8')) as Entry[];
        const entry = entries.find((e) => path.resolve(e.directory, e.file) === abs);
        if (entry) return { flags: flagsFromEntry(entry), database: db };
      } catch {
        // unreadable database: fall back to settings
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stop !== undefined && dir === stop) || (stop !== undefined && !dir.startsWith(stop))) break;
    dir = parent;
  }
  return { flags: [] };
}
