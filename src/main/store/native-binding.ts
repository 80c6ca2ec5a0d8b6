/**
 * better-sqlite3's compiled library (better_sqlite3.node) could not be
 * loaded. Nothing about the data folder is wrong, and nothing was read or
 * written: the binary on disk was built for another runtime (Node and
 * Electron have different ABIs), is missing, or is not a library for this
 * machine.
 */
export class SqliteBindingError extends Error {
  override readonly name = 'SqliteBindingError';
  constructor(
    readonly binding: string | undefined,
    readonly detail: string,
    readonly abiMismatch: boolean,
  ) {
    const where = binding ?? 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    const problem = abiMismatch ? `was built for a different version of Node or Electron (${detail})` : `could not be loaded (${detail})`;
    super(
      `Countersign’s SQLite library (${where}) ${problem}, so there is no database: your data was not touched. ` +
        'In development, run `npm start` again: its prestart step prepares the Electron copy under .electron-native/ (delete that folder if this persists). ' +
        'For the tests under the system Node, run `npm rebuild better-sqlite3`. An installed app needs to be reinstalled.',
    );
  }
}

/** The binding failure behind `error`, or undefined when the library loaded and the error is about the database. */
export function describeBindingFailure(error: unknown, binding: string | undefined): SqliteBindingError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const versions = [...message.matchAll(/NODE_MODULE_VERSION (\d+)/g)].map((match) => match[1]);
  if (versions.length === 2) return new SqliteBindingError(binding, `ABI mismatch: it has ${versions[0]}, this runtime needs ${versions[1]}`, true);
  if (code === 'ERR_DLOPEN_FAILED') return new SqliteBindingError(binding, firstLine(message), false);
  // A given path that does not exist, or `bindings` finding no build at all.
  if (code === 'MODULE_NOT_FOUND' && binding !== undefined && message.includes(binding)) return new SqliteBindingError(binding, 'the file does not exist', false);
  if (message.startsWith('Could not locate the bindings file')) return new SqliteBindingError(binding, 'no build was found', false);
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
