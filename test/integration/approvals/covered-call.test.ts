import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../src/shared/draft';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

// The demo IRA writes a covered call: 200 QQQ and two QQQ calls against them.
// IB allows an IRA to write calls its shares cover, never a naked one.
describe('writing options, against the demo gateway', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('blocks a third call as naked against 200 shares, and lets it through once 100 more shares cover it, with IB’s margin preview', async () => {
    t = await openBackend();
    const backend = t.backend;
    const ira = t.sim.accounts.find((a) => backend.broker.portfolio()?.accounts.find((x) => x.account === a)?.accountType === 'IRA')!;
    const holdings = () => backend.broker.portfolio()?.positions.filter((p) => p.account === ira) ?? [];
    const written = await waitFor(() => holdings().find((p) => p.secType === 'OPT' && p.underlying === 'QQQ' && p.right === 'C' && p.quantity === -2), 'the IRA’s written QQQ calls', 10_000);
    const shares = () => holdings().find((p) => p.secType === 'STK' && p.symbol === 'QQQ')?.quantity ?? 0;
    expect(shares()).toBe(200);
    // The per-order limits are about size, which this test is not: a call is sized at the shares it may deliver.
    await t.call('updateRiskLimits', { maxNotional: 1_000_000, maxPctNetLiq: 100, maxConcentrationPct: 100 });

    const outcome = await backend.desk!.draft(
      {
        account: ira,
        contract: { symbol: 'QQQ', secType: 'OPT', expiry: written.expiry!, strike: written.strike!, right: 'C' },
        order: { side: 'SELL', quantity: 1, orderType: 'MKT' },
        author: 'person',
      },
      'person',
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    const call = outcome.draft;
    // IB's contract, the one held: the draft adds to the short, it does not close anything.
    expect(call.contract.conId).toBe(written.conId);
    const verdict = (d: Draft | undefined, check: string) => d?.verdicts?.find((v) => v.check === check);
    expect(call.state).toBe('blocked');
    expect(verdict(call, 'cash-account')).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('a naked call, which an IRA cannot write') });
    expect(call.whatIf?.initMarginAfter).not.toBeNull();

    const buy = await t.call('draftFromTicket', { text: 'buy 100 QQQ', account: ira });
    expect(buy.state).toBe('pending');
    await t.call('approveDraft', { id: buy.id, version: buy.version, confirmedQuantity: 100 });
    await waitFor(() => shares() === 300, 'the IRA to hold 300 QQQ', 10_000);

    // The waiting draft is judged again on the account as it is now: the new shares cover it.
    const covered = await waitFor(() => {
      const d = backend.desk!.view().drafts.find((x) => x.id === call.id);
      return d?.state === 'pending' ? d : undefined;
    }, 'the call to be covered', 10_000);
    expect(verdict(covered, 'cash-account')).toMatchObject({ outcome: 'pass', explanation: expect.stringContaining('Covered call') });
    expect(verdict(covered, 'buying-power')?.outcome).toBe('pass');

    await t.call('approveDraft', { id: covered.id, version: covered.version, confirmedQuantity: 1 });
    await waitFor(() => holdings().find((p) => p.conId === written.conId)?.quantity === -3, 'three calls written against 300 shares', 10_000);
  });

  it('sizes a put written in the margin account at its strike, and holds it while IB’s margin preview has not come back', async () => {
    t = await openBackend();
    const backend = t.backend;
    const margin = t.sim.accounts[0]!;
    const spyOption = await waitFor(
      () => backend.broker.portfolio()?.positions.find((p) => p.account === margin && p.secType === 'OPT' && p.underlying === 'SPY'),
      'an SPY option in the margin account',
      10_000,
    );
    await t.call('updateRiskLimits', { maxNotional: 1_000_000, maxPctNetLiq: 100, maxConcentrationPct: 100 });
    // IB slower than the desk waits for its what-if (4 s): the draft has no margin preview.
    t.sim.faults.delayAcks(6_000);
    const outcome = await backend.desk!.draft(
      {
        account: margin,
        contract: { symbol: 'SPY', secType: 'OPT', expiry: spyOption.expiry!, strike: spyOption.strike!, right: 'P' },
        order: { side: 'SELL', quantity: 1, orderType: 'MKT' },
        author: 'person',
      },
      'person',
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    const put = outcome.draft;
    expect(put.whatIf).toBeUndefined();
    expect(put.state).toBe('blocked');
    const verdict = (d: Draft | undefined, check: string) => d?.verdicts?.find((v) => v.check === check);
    expect(verdict(put, 'buying-power')).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('IB’s margin preview (what-if) has not come back') });
    const sized = /worth about ([\d,.]+)/i.exec(verdict(put, 'max-notional')?.explanation ?? '')?.[1];
    expect(Number(sized?.replace(/,/g, ''))).toBe(spyOption.strike! * 100);
    expect(verdict(put, 'max-notional')?.explanation).toContain('sized by what the short put obliges');

    // IB answers again: the desk asks again while the draft waits, and with IB's preview the put may be approved.
    t.sim.faults.delayAcks(0);
    const pending = await waitFor(() => {
      const d = backend.desk!.view().drafts.find((x) => x.id === put.id);
      return d?.state === 'pending' ? d : undefined;
    }, 'the put with IB’s preview to be approvable', 12_000);
    expect(pending.whatIf?.initMarginAfter).not.toBeNull();
    expect(verdict(pending, 'buying-power')?.outcome).toBe('pass');
  });
});
