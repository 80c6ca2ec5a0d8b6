import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// electron-builder cannot run on these offline machines, so the values that
// protect a packaged build are checked here instead.

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  files: string[];
  mac: { target: string[] };
  win: { target: string[] };
  linux: { target: string[] };
};

describe('the packaging configuration', () => {
  it('ships the app inside an asar archive with native modules rebuilt for Electron (in the staging folder, see staged-app.test.ts)', () => {
    expect(config['appId']).toBe('app.countersign.desktop');
    expect(config['asar']).toBe(true);
    expect(config['npmRebuild']).toBe(true);
    expect(config['asarUnpack']).toContain('**/*.node');
  });

  it('sets the Electron fuses that stop the binary being used as a general-purpose Node', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('re-signs ad hoc after flipping the fuses, so an unsigned build still launches on Apple Silicon', () => {
    // Flipping a fuse changes the binary and invalidates its ad-hoc signature;
    // arm64 macOS kills an app whose signature does not match.
    expect(config.electronFuses['resetAdHocDarwinSignature']).toBe(true);
  });

  it('packages only the built bundles: no sources, tests or the development harness', () => {
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('!src/**');
    expect(config.files).toContain('!test/**');
  });

  it('builds a dmg, an nsis installer, an AppImage and a deb', () => {
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('names icons that exist under resources/', () => {
    for (const icon of ['resources/icon.icns', 'resources/icon.ico', 'resources/icons/512x512.png', 'resources/icon.png']) {
      expect(() => readFileSync(icon), icon).not.toThrow();
    }
  });
});
