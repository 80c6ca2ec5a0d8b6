import path from 'node:path';
import type { App } from 'electron';

/** The installed app's identity; electron-builder.json's appId registers the same one with Windows. */
export const INSTALLED_APP_ID = 'app.countersign.desktop';
/** `npm start`'s identity: its toasts never land on (or take the clicks of) the installed app's. */
export const DEV_APP_ID = 'app.countersign.desktop.dev';
/** The folder under the OS's app-data folder that `npm start` uses instead of the installed app's. */
export const DEV_DATA_FOLDER = 'Countersign Dev';

export interface AppFlavour {
  packaged: boolean;
  /** Where the database, the encrypted key and the log live. */
  dataDirectory: string;
  appUserModelId: string;
}

/**
 * Settles which app this is before anything reads the data folder. A
 * development build must never open (and migrate) the installed app's
 * database, nor take its single-instance lock, which Electron keys on the
 * userData folder: so dev gets a folder of its own, set before the lock is
 * requested.
 */
export function settleAppFlavour(
  app: Pick<App, 'isPackaged' | 'getPath' | 'setPath' | 'setAppUserModelId'>,
  platform: NodeJS.Platform,
): AppFlavour {
  const packaged = app.isPackaged;
  if (!packaged) app.setPath('userData', path.join(app.getPath('appData'), DEV_DATA_FOLDER));
  const appUserModelId = packaged ? INSTALLED_APP_ID : DEV_APP_ID;
  // Windows shows toasts (and routes their clicks) only for an app with an identity.
  if (platform === 'win32') app.setAppUserModelId(appUserModelId);
  return { packaged, dataDirectory: app.getPath('userData'), appUserModelId };
}
