import { describe, expect, it } from 'vitest';
import { claimsOrderAction } from '../../../src/main/chat/action-claims';
import { toolOutcome } from '../../../src/main/chat/describe-tool-call';

describe('a reply that claims an order was placed', () => {
  it('is recognised in the ways a model says it', () => {
    for (const text of [
      'I approved and submitted your order.',
      "I've placed the order for 10 AAPL.",
      'Your order has been sent to IB.',
      'The trade was executed at 190.02.',
      'I cancelled your open orders.',
      'Done: I bought 10 shares of AAPL for you.',
      'Order placed with the broker.',
      'Submitted to IB.',
    ]) {
      expect(claimsOrderAction(text), text).toBe(true);
    }
  });

  it('is not confused with saying what did not happen or what the person will do', () => {
    for (const text of [
      'I drafted a limit buy of 10 AAPL. It waits for your approval.',
      'Nothing has been sent; the person decides.',
      'Once you approve it, the order goes to IB.',
      'I have not placed anything.',
      'The draft is blocked by the price collar.',
    ]) {
      expect(claimsOrderAction(text), text).toBe(false);
    }
  });
});

describe('what really happened to a tool call', () => {
  it('a refused draft says no draft was created, with the reason', () => {
    expect(toolOutcome('draft_order', true, 'The draft was not created: IB lists SPY in USD, not EUR.')).toEqual({
      outcome: 'refused',
      reason: 'no draft was created. The draft was not created: IB lists SPY in USD, not EUR.',
    });
  });
  it('a blocked draft is a draft, blocked; an unknown tool is refused', () => {
    expect(toolOutcome('draft_order', true, JSON.stringify({ draftId: 'd', state: 'blocked' })).outcome).toBe('blocked');
    expect(toolOutcome('cancel_order', true, 'There is no tool named "cancel_order".')).toEqual({ outcome: 'refused', reason: 'There is no tool named "cancel_order".' });
    expect(toolOutcome('get_portfolio', false, '{}')).toEqual({ outcome: 'done' });
  });
});
