import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../support/wait';
import type { ChildConfig, ChildMessage, ParentCommand } from './crash-protocol';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'backend-child.ts');

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

  constructor(config: ChildConfig) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', childScript, JSON.stringify(config)], {
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
