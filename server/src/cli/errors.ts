// Errors that end the CLI with exit code 2 and exactly one `osslint: error: ...` line on stderr.

/** Bad usage or configuration: the user can fix the command line or a config file. */
export class UsageError extends Error {
  override name = 'UsageError';
}
