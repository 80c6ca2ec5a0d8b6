import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { waitFor } from '../../support/wait';
import type { ChildConfig, ChildMessage, ParentCommand } from './crash-protocol';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

export interface ChildScript {
  readonly file: string;
  remove(): void;
}

/**
 * The child bundled once into one ESM file: a hundred `node --import tsx`
 * start-ups would spend most of the test's time resolving and compiling the
 * backend's module graph (about 1 s each on two busy cores; the bundle loads
 * in a quarter of that). Two packages stay external (below), so the bundle is written under the repository (in an ignored
 * .tmp- folder) where node_modules resolves; CommonJS packages inside the
 * bundle get a real `require` for Node's built-ins.
 */
export async function bundleChild(): Promise<ChildScript> {
  const folder = mkdtempSync(path.join(repoRoot, '.tmp-crash-child-'));
  const file = path.join(folder, 'backend-child.mjs');
  await build({
    entryPoints: [path.join(here, 'backend-child.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // better-sqlite3 loads a native binding and @stoqey/ib reads its config files next to its own sources.
    external: ['better-sqlite3', '@stoqey/ib'],
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The parent's handle on one backend child: its messages in arrival order and how it ended. */
export class CrashChild {
  private readonly proc: ChildProcess;
  private readonly inbox: ChildMessage[] = [];
  private output = '';
  exit: ChildExit | undefined;

  constructor(script: ChildScript, config: ChildConfig) {
    this.proc = spawn(process.execPath, ['--enable-source-maps', script.file, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.proc.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.proc.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.proc.on('message', (message) => this.inbox.push(message as ChildMessage));
    this.proc.on('exit', (code, signal) => (this.exit = { code, signal }));
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  send(command: ParentCommand): void {
    this.proc.send(command);
  }

  /** The next message of this type; fails at once if the child reports a failure or dies first. */
  next<T extends ChildMessage['type']>(type: T, timeoutMs = 20_000): Promise<Extract<ChildMessage, { type: T }>> {
    return waitFor(
      () => {
        const failed = this.inbox.find((m) => m.type === 'failed');
        if (failed?.type === 'failed') throw new Error(`The backend child failed: ${failed.message}`);
        const index = this.inbox.findIndex((m) => m.type === type);
        if (index >= 0) return this.inbox.splice(index, 1)[0] as Extract<ChildMessage, { type: T }>;
        if (this.exit) throw new Error(`The backend child exited (${this.exit.signal ?? this.exit.code}) before "${type}". Output:\n${this.output}`);
        return undefined;
      },
      `the backend child to report "${type}"`,
      timeoutMs,
    );
  }

  /** Resolves with how the child ended; a report of failure fails it. */
  ended(timeoutMs = 20_000): Promise<ChildExit> {
    return waitFor(
      () => {
        const failed = this.inbox.find((m) => m.type === 'failed');
        if (failed?.type === 'failed') throw new Error(`The backend child failed: ${failed.message}`);
        return this.exit;
      },
      'the backend child to exit',
      timeoutMs,
    );
  }

  kill(): void {
    if (this.alive) this.proc.kill('SIGKILL');
  }
}
