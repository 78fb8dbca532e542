// The project index in the editor: diagnostics never wait for it. A lint answers from what the index has read
// and names the project functions it still lacks; those are read here in the background, a name per turn of
// the event loop, with a work-done progress report, and the diagnostics are refreshed when they are in.
import type { Connection, ClientCapabilities, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { CProjectIndex } from '../analysis/c/project-index';
import { logger } from '../logger';

export interface IndexerHost {
  connection: Connection;
  capabilities: () => ClientCapabilities;
  /** The index now knows more (or something changed): results must be recomputed and the client told. */
  changed: () => void;
}

export class ProjectIndexer {
  private readonly queue = new Map<string, { file: string; index: CProjectIndex }>();
  private running = false;
  private progress: WorkDoneProgressServerReporter | undefined;
  private done = 0;

  constructor(private readonly host: IndexerHost) {}

  /** Names a lint of `file` lacked; read in the background. */
  request(index: CProjectIndex, file: string, names: readonly string[]): void {
    for (const name of names) if (!this.queue.has(name)) this.queue.set(name, { file, index });
    if (!this.running && this.queue.size) void this.run();
  }

  /** Files of the project changed on disk: what was read from them is read again when asked. */
  filesChanged(index: CProjectIndex | undefined, files: readonly string[]): void {
    if (!index || !files.length) return;
    for (const f of files) index.invalidate(f);
    this.host.changed();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.done = 0;
    try {
      if (this.host.capabilities().window?.workDoneProgress) {
        try {
          this.progress = await this.host.connection.window.createWorkDoneProgress();
          this.progress.begin('osslint: indexing the project', 0, undefined, false);
        } catch (err) {
          logger.debug(`no progress report: ${(err as Error).message}`);
        }
      }
      while (this.queue.size) {
        const [name, job] = this.queue.entries().next().value!;
        this.queue.delete(name);
        try {
          job.index.load(job.file, [name]);
        } catch (err) {
          logger.error(`indexing ${name} failed`, err);
        }
        this.done++;
        this.progress?.report(Math.round((100 * this.done) / (this.done + this.queue.size)), `${this.done} functions read`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.progress?.done();
      this.progress = undefined;
      this.running = false;
    }
    logger.info(`project index: read the definitions of ${this.done} functions`);
    this.host.changed();
  }
}
