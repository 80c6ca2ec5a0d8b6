import { Notification } from 'electron';
import type { CallResult } from '../../shared/contract';
import { dispatchCall, type CallHandlers } from '../contract/dispatch';
import type { Log } from '../log';

/**
 * Halt from outside the window (tray, global shortcut). It goes through the
 * same dispatcher as the renderer's button, so it is audited the same way.
 * The person pressed it without looking at the app, so the outcome is always
 * told in an OS notification, whatever the notification settings: a halt that
 * silently failed is the one thing they must not have to guess about.
 */
export async function haltTradingFromShell(handlers: CallHandlers, log: Log): Promise<CallResult<unknown>> {
  log.info('Halt trading requested from the tray or a global shortcut');
  const result = await dispatchCall(handlers, 'haltTrading', undefined, log);
  if (!Notification.isSupported()) return result;
  if (result.ok) {
    const session = await handlers.getSessionState(undefined);
    const body =
      session.phase === 'ready'
        ? 'No draft can be approved, and IB was asked to cancel every open order. Check the queue to confirm.'
        : 'No draft can be approved. Countersign is not connected to IB, so open orders could not be cancelled from here.';
    new Notification({ title: 'Trading halted', body }).show();
  } else {
    log.error('Halt trading failed', result.error);
    new Notification({ title: 'Trading was NOT halted', body: result.error.message, urgency: 'critical' }).show();
  }
  return result;
}
