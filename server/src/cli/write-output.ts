// --output: write to a temporary file in the target's directory, then rename over the target. rename(2) is
// atomic within a file system, so a reader (or a CI upload step) sees the old file or the whole new one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from './errors';

export function writeFileAtomic(target: string, content: string): void {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the unlink below matters more
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${target}: ${e.code ? `${e.code} (${e.syscall ?? 'write'})` : e.message}`);
  }
}
