import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, IBApi } from '@stoqey/ib';
import { until, waitEvent } from './support';

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function run(args: string[]): { proc: ChildProcessWithoutNullStreams; out: () => string; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/sim/cli.ts', ...args], { cwd: process.cwd(), stdio: 'pipe' });
  child = proc;
  let out = '';
  proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, out: () => out, exited };
}

describe('npm run sim (the CLI)', () => {
  it('--help documents the flags and the stdin commands', async () => {
    const { out, exited } = run(['--help']);
    expect(await exited).toBe(0);
    for (const word of ['--port', '--seed', 'drop', 'silent on|off', 'restored kept|lost', 'reset <seconds>', 'delay-acks <ms>']) expect(out()).toContain(word);
  });

  it('--help lists what is simulated: versions, asset classes, data, news and scanner', async () => {
    const { out, exited } = run(['--help']);
    expect(await exited).toBe(0);
    for (const word of ['100..193', 'IDEALPRO', 'CONTFUT', 'PAXOS', 'TSEJ', 'options on AAPL', 'BAG combos', 'tick-by-tick', 'TOP_PERC_GAIN', 'ignore previous instructions']) {
      expect(out()).toContain(word);
    }
  });

  it('starts, prints port and accounts, serves a real client, acknowledges commands and exits on SIGTERM', async () => {
    const { proc, out, exited } = run(['--port', '0', '--seed', '7', '--held', '12', '--extra-symbols', '2']);
    const port = Number((await until(() => /port (\d+)/.exec(out()), 'the port line', 15_000))[1]);
    expect(out()).toMatch(/accounts DU\w+,\w+/);
    const ib = new IBApi({ host: '127.0.0.1', port, clientId: 9 });
    ib.on(EventName.error, () => {});
    const ready = waitEvent(ib, EventName.nextValidId);
    ib.connect();
    await ready;
    proc.stdin.write('clients\n');
    await until(() => out().includes('ok: connected client ids 9'), 'the clients listing', 5000);
    const gone = waitEvent(ib, EventName.disconnected);
    proc.stdin.write('drop\n');
    await gone;
    proc.stdin.write('delay-acks 250\nsilent maybe\nfrobnicate\n');
    await until(() => out().includes('unknown command "frobnicate"'), 'acknowledgements', 5000);
    expect(out()).toContain('ok: dropped every connection');
    expect(out()).toContain('ok: acknowledgements delayed by 250ms');
    expect(out()).toContain('error: usage: silent on|off');
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('rejects an unknown flag with a non-zero exit', async () => {
    const { exited } = run(['--bogus']);
    expect(await exited).toBe(2);
  });
});
