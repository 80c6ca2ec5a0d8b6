import type { BrowserWindow, IpcMain } from 'electron';
import { callChannel, callNames, eventChannel, type CallResult } from '../../shared/ipc-contract';
import { dispatchCall, type CallHandlers } from '../ipc/dispatch';
import type { EventHub } from '../ipc/event-hub';
import type { Log } from '../log';
import { isTrustedSender } from './sender-check';

export interface IpcBindingOptions {
  ipcMain: IpcMain;
  handlers: CallHandlers;
  events: EventHub;
  log: Log;
  window: () => BrowserWindow | undefined;
  appOrigin: string;
}

/**
 * The one place contract handlers meet ipcMain: every call checks its sender
 * and then goes through the same dispatcher as the harness (schema parse,
 * typed errors). Returns a function that unbinds everything.
 */
export function bindContract(options: IpcBindingOptions): () => void {
  const { ipcMain, handlers, events, log } = options;
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event, payload: unknown): Promise<CallResult<unknown>> => {
      if (!isTrustedSender(event, options.window(), options.appOrigin)) {
        log.warn(`Refused ${name} from an untrusted sender`);
        return { ok: false, error: { code: 'forbidden_sender', message: 'This window may not call Countersign.' } };
      }
      return dispatchCall(handlers, name, payload, log);
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const window = options.window();
    if (window && !window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}
