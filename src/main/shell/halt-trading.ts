import { Notification } from 'electron';
import type { CallResult } from '../../shared/ipc-contract';
import type { HaltOutcome } from '../../shared/shell-notices';
import { dispatchCall, type CallHandlers } from '../ipc/dispatch';
import type { Log } from '../log';

/**
 * Halt from the tray. It goes through the same dispatcher as the renderer's
 * button, so it is audited the same way. The person pressed it without
 * looking at the app, so the outcome is told three ways: an OS notification
 * (whatever the notification settings), the tray's tooltip and title, and
 * the window. Notifications alone are not enough: an unsigned macOS build,
 * Focus, or a Windows app without a Start menu entry never shows them, and a
 * halt that silently failed is the one thing the person must not guess about.
 */
export async function haltTradingFromShell(
  handlers: CallHandlers,
  log: Log,
  report: (outcome: HaltOutcome) => void,
  now: () => number,
): Promise<CallResult<unknown>> {
  log.info('Halt trading requested from the tray');
  const result = await dispatchCall(handlers, 'haltTrading', undefined, log);
  let outcome: HaltOutcome;
  if (result.ok) {
    const session = await handlers.getSessionState(undefined);
    const message =
      session.phase === 'ready'
        ? 'No draft can be approved, and the orders Countersign placed were cancelled at IB (a filled bracket’s take-profit and stop-loss are kept). Check the queue to confirm.'
        : 'No draft can be approved. Countersign is not connected to IB, so open orders could not be cancelled from here.';
    outcome = { ok: true, title: 'Trading halted', message, at: now() };
  } else {
    log.error('Halt trading failed', result.error);
    outcome = { ok: false, title: 'Trading was NOT halted', message: result.error.message, at: now() };
  }
  report(outcome);
  if (Notification.isSupported()) {
    new Notification({ title: outcome.title, body: outcome.message, ...(outcome.ok ? {} : { urgency: 'critical' as const }) }).show();
  }
  return result;
}
