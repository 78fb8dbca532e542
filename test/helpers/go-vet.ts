// go vet on a temp module folder, as the Go fix tests run it (cgo on, caches outside the repo).
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

/** go vet's complaint about the package in `dir`, or undefined when it passes. */
export function goVet(dir: string, go = 'go'): string | undefined {
  try {
    execFileSync(go, ['vet', './...'], {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, CGO_ENABLED: '1', GOFLAGS: '-mod=mod', GOCACHE: path.join(os.tmpdir(), 'osslint-gocache'), GOPATH: path.join(os.tmpdir(), 'osslint-gopath') },
    });
    return undefined;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}
