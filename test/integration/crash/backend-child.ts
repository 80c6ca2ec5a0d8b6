// A Countersign backend in its own process, for the crash test: it restarts
// on a data directory, reconciles against the parent's simulator, reports
// what it sees, then drafts and approves one order and SIGKILLs itself at the
// chosen step of the submit sequence. Run as `node --import tsx backend-child.ts <config json>`.
import { createBackend } from '../../../src/main/backend';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import { verifyAuditChain } from '../../../src/main/store/audit-log';
import type { Draft } from '../../../src/shared/draft';
import type { CallName } from '../../../src/shared/ipc-contract';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import type { ChildConfig, ChildMessage, ChildView, DraftRow, ParentCommand } from './crash-protocol';

// Milliseconds since this process started (performance's time origin): where a restart spends its time.
const loadedMs = performance.now();
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const config = JSON.parse(process.argv[2] ?? '') as ChildConfig;

function send(message: ChildMessage): Promise<void> {
  // Wait until the message has left the process: a SIGKILL right after must not swallow it.
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('backend-child needs an IPC channel'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

// The parent's simulator clock, carried across the spawn: the time since this process started is added back.
const clock = new TradingHoursClock(config.clockAtSpawn + Math.floor(loadedMs));

let stepsSeen = 0;
const backend = createBackend({
  dataDirectory: config.dataDirectory,
  host: 'harness',
  version: 'crash-test',
  log: quiet,
  now: clock.read,
  sessionOverrides: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, backoff: { initialMs: 50, maxMs: 200 } },
  startDemoGateway: async () => ({ host: config.host, port: config.port, close: async () => {} }),
});
// The backend's own diagnostics of each submission: the process dies at the chosen step, before the desk goes on.
backend.diagnostics.on('submitStep', (step) => {
  if (step !== config.crash.step) return;
  stepsSeen += 1;
  if (stepsSeen === config.crash.occurrence) process.kill(process.pid, 'SIGKILL');
});

async function call(name: CallName, payload?: unknown): Promise<unknown> {
  const result = await dispatchCall(backend.handlers, name, payload, quiet);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function row(draft: Draft): DraftRow {
  return {
    id: draft.id,
    version: draft.version,
    state: draft.state,
    orderId: draft.orderId ?? null,
    filledQty: draft.filledQty,
    brokerMessage: draft.brokerMessage ?? null,
  };
}

function view(): ChildView {
  const store = backend.store;
  if (!store) throw new Error('The store did not open: the approval queue is unavailable.');
  const ids = store.db.prepare('SELECT id FROM drafts ORDER BY created_at').all() as { id: string }[];
  const approved = store.db.prepare("SELECT DISTINCT draft_id AS id FROM audit_log WHERE action = 'draft.approved'").all() as { id: string }[];
  return {
    integrity: (store.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    auditChainOk: verifyAuditChain(store.db).ok,
    drafts: ids.map(({ id }) => row(store.drafts.get(id) as Draft)),
    approvedDraftIds: approved.map((r) => r.id),
  };
}

async function submit(command: Extract<ParentCommand, { type: 'submit' }>): Promise<void> {
  for (const id of command.rejectFirst) {
    const draft = backend.store?.drafts.get(id);
    if (draft?.state === 'pending') await call('rejectDraft', { id, version: draft.version, reason: 'Left pending by a crash test run.' });
  }
  const draft = (await call('draftFromTicket', { text: command.text, account: command.account })) as Draft;
  const blocks = (draft.verdicts ?? []).filter((v) => v.outcome === 'block').map((v) => v.explanation);
  await send({ type: 'drafted', draft: row(draft), blocks });
  if (draft.state !== 'pending') return;
  const approved = (await call('approveDraft', { id: draft.id, version: draft.version })) as Draft;
  await send({ type: 'approved', draft: row(approved) });
  // Only reached when this child was not told to die: wait for the broker's answer.
  const settled = await waitFor(() => {
    const current = backend.store?.drafts.get(draft.id);
    return current && current.state !== 'submitting' ? current : undefined;
  }, 'the approved order to be acknowledged');
  await send({ type: 'settled', draft: row(settled) });
}

async function main(): Promise<void> {
  await backend.start();
  const session = backend.broker.current;
  if (!session) throw new Error('The backend started no broker session.');
  // The reconciler listens to 'synced' first (it attached before connecting), so by the time this runs the
  // in-flight drafts are reconciled.
  await new Promise<void>((resolve) => session.once('synced', () => resolve()));
  await send({ type: 'ready', view: view(), startup: { loadedMs, syncedMs: performance.now() } });
  process.on('message', (raw) => {
    const command = raw as ParentCommand;
    const work = command.type === 'submit' ? submit(command) : stop();
    work.catch((error: unknown) => fail(error));
  });
}

async function stop(): Promise<void> {
  await backend.stop();
  await send({ type: 'stopped' });
  process.disconnect?.();
  process.exit(0);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  void send({ type: 'failed', message }).finally(() => process.exit(1));
}

main().catch(fail);
