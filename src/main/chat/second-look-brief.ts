import type { Draft } from '../../shared/draft';
import type { AccountView, PositionView } from '../../shared/portfolio';
import type { DraftReview } from '../../shared/queue';
import type { AccountAliases } from '../assistant/aliases';
import { fenceUntrusted } from '../assistant/fence';

const maxPositions = 30;

export interface BriefInputs {
  draft: Draft;
  /** Main's last judgement of the waiting draft: checks, size, figures and the card's facts. */
  review: DraftReview | undefined;
  account: AccountView | undefined;
  positions: readonly PositionView[];
  aliases: AccountAliases;
  now: number;
}

/**
 * What the second look sees: the draft and the account facts the person
 * sees on the card, nothing of the conversation that produced it. The thesis
 * and risks were written by a model and the account type by the broker: they
 * travel fenced. Account ids are aliased when the person asked for it.
 */
export function secondLookBrief({ draft, review, account, positions, aliases, now }: BriefInputs): Record<string, unknown> {
  const held = positions
    .filter((p) => p.account === draft.account)
    .sort((a, b) => Math.abs(b.marketValue ?? 0) - Math.abs(a.marketValue ?? 0))
    .slice(0, maxPositions)
    .map((p) => ({
      symbol: p.symbol,
      secType: p.secType,
      currency: p.currency,
      quantity: p.quantity,
      avgCost: p.avgCost,
      marketPrice: p.marketPrice,
      marketValue: p.marketValue,
      weightPct: p.weightPct,
      unrealizedPnL: p.unrealizedPnL,
      dailyPnL: p.dailyPnL,
    }));
  const brief = {
    askedAt: new Date(now).toISOString(),
    draft: {
      id: draft.id,
      author: 'Claude, in a conversation you do not see',
      account: draft.account,
      version: draft.version,
      state: draft.state,
      contract: draft.contract,
      order: draft.order,
      thesis: fenceUntrusted(draft.rationale),
      risks: draft.risks.map(fenceUntrusted),
      createdAt: new Date(draft.createdAt).toISOString(),
      expiresAt: new Date(draft.expiresAt).toISOString(),
    },
    checks: (review?.verdicts ?? draft.verdicts ?? []).map((v) => ({ check: v.label, outcome: v.outcome, explanation: v.explanation })),
    facts: (review?.facts ?? []).map((f) => ({ fact: f.label, text: f.text, standsOut: f.standsOut, known: f.known })),
    ...(review ? { size: review.size, beforeAndAfter: review.figures } : {}),
    ...(draft.whatIf
      ? { whatIf: { ...draft.whatIf, ...(draft.whatIf.warningText === undefined ? {} : { warningText: fenceUntrusted(draft.whatIf.warningText) }) } }
      : {}),
    account: account
      ? {
          account: account.account,
          currency: account.currency,
          kind: account.kind,
          accountType: account.accountType === null || account.accountType === '' ? account.accountType : fenceUntrusted(account.accountType),
          netLiquidation: account.netLiquidation,
          totalCash: account.totalCash,
          buyingPower: account.buyingPower,
          availableFunds: account.availableFunds,
          excessLiquidity: account.excessLiquidity,
          maintMarginReq: account.maintMarginReq,
          dayTradesRemaining: account.dayTradesRemaining,
          dailyPnL: account.dailyPnL,
          unrealizedPnL: account.unrealizedPnL,
        }
      : 'IB has not reported this account yet.',
    positions: held,
  };
  return aliases.scrub(brief);
}
