import { encodeIcns, encodeIco } from './icon-containers';
import { renderAppIcon, renderTrayIcon, renderTrayTemplate } from './icon-raster';
import { encodePng } from './png';

/** electron-builder's Linux icon set: resources/icons/<n>x<n>.png. */
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const;
/** What Windows asks for across Explorer views, the taskbar and high-DPI. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/**
 * Apple icon family elements. ic11..ic14 are the @2x (Retina) slots iconutil
 * writes; without them Finder upscales the 1x image on Retina displays.
 */
export const ICNS_TYPES: ReadonlyArray<readonly [type: string, size: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/**
 * Every packaging and tray asset, keyed by its path under resources/.
 * Pure: same bytes on every call, nothing touches the disk.
 */
export function buildIconSet(): Map<string, Buffer> {
  const appPng = new Map<number, Buffer>();
  const app = (size: number): Buffer => {
    let png = appPng.get(size);
    if (!png) {
      png = encodePng(renderAppIcon(size));
      appPng.set(size, png);
    }
    return png;
  };

  const files = new Map<string, Buffer>();
  files.set('icon.png', app(1024));
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, app(size));
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: app(size) }))));
  files.set('icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: app(size) }))));

  files.set('tray/trayTemplate.png', encodePng(renderTrayTemplate(16)));
  files.set('tray/trayTemplate@2x.png', encodePng(renderTrayTemplate(32)));
  files.set('tray/tray.png', encodePng(renderTrayIcon(32, false)));
  files.set('tray/tray-attention.png', encodePng(renderTrayIcon(32, true)));
  // Windows draws tray icons from ICO (16 and 32 for high DPI); a PNG is scaled and blurs.
  for (const [name, attention] of [['tray/tray.ico', false], ['tray/tray-attention.ico', true]] as const) {
    files.set(name, encodeIco([16, 32].map((size) => ({ size, png: encodePng(renderTrayIcon(size, attention)) }))));
  }
  return files;
}
