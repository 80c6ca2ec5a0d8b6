import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';

const v = verdictsFor('session-ready', 'Connection');

export const sessionReady: RiskCheck = (ctx) => {
  if (ctx.session.inResetWindow) {
    return v.block('IB’s nightly restart is under way; orders can be approved again when it ends.');
  }
  if (!ctx.session.ready) return v.block('Not connected to IB right now; the draft waits until the connection is back and synced.');
  return v.pass('Connected to IB and in sync.');
};
