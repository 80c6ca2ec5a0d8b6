import { describe, expect, it } from 'vitest';
import { reviewFigures } from '../../../src/renderer/src/queue/review-figures';
import { createDraft } from '../../../src/main/approvals/lifecycle';
import type { Draft, DraftInput } from '../../../src/shared/draft';
import { positionView } from '../../support/position-view';
import { account, now, quote } from '../risk/portfolio-book';

const draft = (contract: DraftInput['contract'], side: 'BUY' | 'SELL', quantity: number): Draft =>
  ({ ...createDraft({ account: 'DU1', contract, author: 'claude', order: { side, quantity, orderType: 'MKT' } } as DraftInput, now), state: 'pending' });

describe('the card’s own figures match the draft to its own contract', () => {
  const nyse = positionView({ account: 'DU1', conId: 301, symbol: 'SHEL', exchange: 'NYSE', quantity: 1000 });
  const nyseQuote = quote(301, 'SHEL', 70, 70.05);

  it('does not show the New York SHEL holding or quote on a draft for SHEL in London', () => {
    const london = draft({ symbol: 'SHEL', secType: 'STK', conId: 302, exchange: 'LSE', currency: 'GBP' }, 'SELL', 1000);
    expect(reviewFigures(london, account('IRA'), [nyse], [nyseQuote])).toMatchObject({ price: null, positionBefore: 0, positionAfter: -1000 });
  });

  it('shows them on a draft for the New York line', () => {
    const ny = draft({ symbol: 'SHEL', secType: 'STK', conId: 301 }, 'SELL', 1000);
    expect(reviewFigures(ny, account('IRA'), [nyse], [nyseQuote])).toMatchObject({ price: 70, positionBefore: 1000, positionAfter: 0 });
  });
});
