import path from 'node:path';

/**
 * Where `npm start`'s prestart step keeps the Electron build of
 * better-sqlite3's native binding. node_modules keeps the system-Node build
 * (the tests run on it); the development app loads this copy instead, so the
 * two runtimes never fight over one file. One folder per Electron version,
 * platform and architecture, because each of them changes the binary.
 */
export function devNativeBindingPath(projectRoot: string, electronVersion: string, platform: string, arch: string): string {
  return path.join(projectRoot, '.electron-native', `${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}
