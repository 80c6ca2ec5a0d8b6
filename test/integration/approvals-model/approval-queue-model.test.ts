import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ApprovalSystem } from './approval-system';
import {
  BrokerRejectCommand,
  ClockStepCommand,
  CollidingClientCommand,
  ConnectivityLostCommand,
  ConnectivityRestoredCommand,
  CrashRestartCommand,
  DisconnectCommand,
  FillCommand,
  GatewayRestartCommand,
  StoreFailureCommand,
} from './fault-commands';
import { ApproveCommand, DraftCommand, EditCommand, HaltCommand, RejectCommand, ResumeCommand, type QueueCommand, type QueueModel } from './queue-commands';
import type { TicketSpec } from './ticket';

// Sized to run in about a minute on two cores. Every run starts its own
// simulator and backend; every command waits for the system to settle.
// MODEL_RUNS / MODEL_COMMANDS / MODEL_SEED override them for a longer hunt;
// MODEL_TRACE=1 prints each sequence and how many orders it sent.
const NUM_RUNS = Number(process.env['MODEL_RUNS'] ?? 30);
const MAX_COMMANDS = Number(process.env['MODEL_COMMANDS'] ?? 40);
const TRACE = process.env['MODEL_TRACE'] === '1';
const SEED = process.env['MODEL_SEED'] === undefined ? undefined : Number(process.env['MODEL_SEED']);
// A longer hunt gets the time it needs.
const TIMEOUT_MS = Math.max(240_000, NUM_RUNS * MAX_COMMANDS * 300);

const pick = fc.nat({ max: 1000 });

const ticket: fc.Arbitrary<TicketSpec> = fc.record({
  kind: fc.constantFrom('market', 'limit-marketable', 'limit-resting', 'limit-resting', 'bracket', 'large'),
  side: fc.constantFrom('buy', 'sell'),
  symbol: fc.constantFrom('AAPL', 'MSFT', 'SPY', 'INTC', 'VTI'),
  quantity: fc.integer({ min: 1, max: 40 }),
  account: fc.constantFrom(0, 0, 0, 1),
});

// Drafting and approving carry the most weight: they are what the faults interleave with.
const command: fc.Arbitrary<QueueCommand> = fc.oneof(
  { weight: 5, arbitrary: ticket.map((spec) => new DraftCommand(spec)) },
  { weight: 4, arbitrary: pick.map((p) => new ApproveCommand(p, false)) },
  { weight: 1, arbitrary: pick.map((p) => new ApproveCommand(p, true)) },
  { weight: 1, arbitrary: pick.map((p) => new RejectCommand(p)) },
  { weight: 2, arbitrary: fc.tuple(pick, fc.integer({ min: -5, max: 10 })).map(([p, change]) => new EditCommand(p, change === 0 ? 1 : change)) },
  { weight: 2, arbitrary: fc.option(pick, { nil: undefined }).map((p) => new DisconnectCommand(p)) },
  { weight: 1, arbitrary: fc.constant(new ConnectivityLostCommand()) },
  { weight: 2, arbitrary: fc.boolean().map((kept) => new ConnectivityRestoredCommand(kept)) },
  { weight: 1, arbitrary: pick.map((p) => new BrokerRejectCommand(p)) },
  { weight: 2, arbitrary: pick.map((p) => new FillCommand(p)) },
  { weight: 1, arbitrary: fc.constant(new HaltCommand()) },
  { weight: 1, arbitrary: fc.tuple(pick, fc.boolean()).map(([p, copyRef]) => new CollidingClientCommand(p, copyRef)) },
  { weight: 1, arbitrary: fc.constant(new GatewayRestartCommand()) },
  { weight: 1, arbitrary: fc.integer({ min: -600_000, max: 120_000 }).map((ms) => new ClockStepCommand(ms)) },
  { weight: 1, arbitrary: pick.map((p) => new StoreFailureCommand(p)) },
  { weight: 2, arbitrary: fc.constant(new ResumeCommand()) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('between-calls', 'checked', 'intent-written', 'order-sent', 'all-sent' as const), pick)
      .map(([point, p]) => new CrashRestartCommand(point, p)),
  },
);

describe('the approval queue under random sequences of people, broker answers and faults', () => {
  it(
    'never sends an order twice, without an approval, or while halted; the audit chain holds; nothing stays submitting',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands([command], { maxCommands: MAX_COMMANDS, size: 'max' }), async (sequence) => {
          const system = await ApprovalSystem.open();
          try {
            await fc.asyncModelRun(() => ({ model: { drafts: [], halted: false, lost: false } satisfies QueueModel, real: system }), sequence);
          } finally {
            if (TRACE) process.stdout.write(`${system.receipts.received.length} orders reached the broker after: ${String(sequence)}\n`);
            await system.close();
          }
        }),
        // Shrinking re-runs whole systems; the failing sequence is printed as it is.
        { numRuns: NUM_RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    },
    TIMEOUT_MS,
  );
});
