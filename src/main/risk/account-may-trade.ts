import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';

const v = verdictsFor('account-may-trade', 'Account');

export const accountMayTrade: RiskCheck = (ctx, draft) => {
  const account = ctx.account;
  if (account === null) return v.block('The account’s details have not arrived from IB yet; wait for the portfolio to load.');
  if (draft.account !== account.accountId) {
    return v.block(`This draft is for account ${draft.account}, but the connected account is ${account.accountId}.`);
  }
  if (account.isPaper) return v.pass(`Paper account ${account.accountId}: no real money.`);
  if (!ctx.limits.liveTradingEnabled) {
    return v.block(
      `${account.accountId} is a live account and live trading is switched off in Settings. Turn it on there to trade real money.`,
    );
  }
  return v.pass(`Live account ${account.accountId}; live trading is switched on.`);
};
