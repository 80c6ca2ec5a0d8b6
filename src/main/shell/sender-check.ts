import { BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isSameOrigin } from './navigation';

/**
 * Only our own window's top frame, at our own origin, may call the backend.
 * A sub-frame (an embedded page), a frame that has navigated away, or a frame
 * that is already gone (null) is refused: that is how a compromised or
 * foreign page would try to reach the broker.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined, appOrigin: string): boolean {
  if (!window || window.isDestroyed()) return false;
  if (BrowserWindow.fromWebContents(event.sender) !== window) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (frame !== window.webContents.mainFrame) return false;
  return isSameOrigin(frame.url, appOrigin);
}
