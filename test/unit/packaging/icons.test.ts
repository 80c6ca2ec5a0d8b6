import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco } from '../../../scripts/icon-containers';
import { renderAppIcon, renderTrayTemplate } from '../../../scripts/icon-raster';
import { buildIconSet, ICNS_TYPES, ICO_SIZES, LINUX_SIZES } from '../../../scripts/icon-set';
import { crc32, decodePng, encodePng, PNG_SIGNATURE, type Rgba } from '../../../scripts/png';

// The icons are committed build inputs for electron-builder and the tray; these
// tests read the files on disk, parsing the containers independently of the
// encoders that wrote them.

const resources = fileURLToPath(new URL('../../../resources/', import.meta.url));
const read = (path: string): Buffer => readFileSync(join(resources, path));

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface IcoEntry {
  width: number;
  height: number;
  png: Buffer;
}

function parseIco(file: Buffer): IcoEntry[] {
  expect(file.readUInt16LE(0)).toBe(0);
  expect(file.readUInt16LE(2)).toBe(1);
  const count = file.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  let expectedOffset = 6 + 16 * count;
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    expect(file.readUInt16LE(at + 4), 'planes').toBe(1);
    expect(file.readUInt16LE(at + 6), 'bits per pixel').toBe(32);
    const length = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    expect(offset).toBe(expectedOffset);
    expectedOffset += length;
    entries.push({ width: file[at] || 256, height: file[at + 1] || 256, png: file.subarray(offset, offset + length) });
  }
  expect(expectedOffset).toBe(file.length);
  return entries;
}

function parseIcns(file: Buffer): Map<string, Buffer> {
  expect(file.toString('ascii', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const elements = new Map<string, Buffer>();
  let offset = 8;
  while (offset < file.length) {
    const type = file.toString('ascii', offset, offset + 4);
    const length = file.readUInt32BE(offset + 4);
    expect(length).toBeGreaterThan(8);
    elements.set(type, file.subarray(offset + 8, offset + length));
    offset += length;
  }
  expect(offset).toBe(file.length);
  return elements;
}

function pixel(image: Rgba, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.pixels[i]!, image.pixels[i + 1]!, image.pixels[i + 2]!, image.pixels[i + 3]!];
}

describe('the PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
  });

  it('round-trips RGBA pixels, including fully transparent and half-transparent ones', () => {
    const pixels = new Uint8Array(3 * 2 * 4);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) & 0xff;
    pixels[3] = 0;
    pixels[7] = 128;
    const decoded = decodePng(encodePng({ width: 3, height: 2, pixels }));
    expect(decoded.width).toBe(3);
    expect(decoded.height).toBe(2);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(pixels))).toBe(true);
  });

  it('gives identical bytes for identical input, so re-running the script does not churn git', () => {
    const image = renderAppIcon(128);
    expect(encodePng(image).equals(encodePng(image))).toBe(true);
    expect(Buffer.from(renderAppIcon(128).pixels).equals(Buffer.from(image.pixels))).toBe(true);
    const png = encodePng(image);
    expect(encodeIco([{ size: 128, png }]).equals(encodeIco([{ size: 128, png }]))).toBe(true);
    expect(encodeIcns([{ type: 'ic07', png }]).equals(encodeIcns([{ type: 'ic07', png }]))).toBe(true);
  });

  it('builds the whole icon set byte-for-byte the same twice', () => {
    const first = buildIconSet();
    const second = buildIconSet();
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(second.get(path)!.equals(bytes), path).toBe(true);
  });

  it('refuses a PNG whose chunk CRC is wrong', () => {
    const png = encodePng(renderTrayTemplate(16));
    png[20] = png[20]! ^ 0xff; // inside IHDR's data
    expect(() => decodePng(png)).toThrow(/CRC/);
  });

  it('refuses pixel buffers of the wrong length', () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(15) })).toThrow(/16 RGBA bytes/);
  });
});

describe('the committed icons', () => {
  it('has an application PNG at every size electron-builder looks for on Linux, plus icon.png', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const size of LINUX_SIZES) {
      const png = read(`icons/${size}x${size}.png`);
      expect(pngSize(png), `${size}x${size}`).toEqual({ width: size, height: size });
      expect(decodePng(png).width).toBe(size);
    }
  });

  it('has a Windows icon.ico with PNG entries 16..256, the 256 one written as 0', () => {
    const file = read('icon.ico');
    expect(file.readUInt16LE(4)).toBe(ICO_SIZES.length);
    const entries = parseIco(file);
    expect(entries.map((e) => e.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(file[6 + 16 * 6]).toBe(0);
    for (const entry of entries) {
      expect(entry.height).toBe(entry.width);
      const decoded = decodePng(entry.png);
      expect([decoded.width, decoded.height]).toEqual([entry.width, entry.width]);
    }
  });

  it('has a macOS icon.icns whose length matches the file and which holds every listed size', () => {
    const elements = parseIcns(read('icon.icns'));
    const expected: Record<string, number> = {
      icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024,
    };
    for (const [type, size] of Object.entries(expected)) {
      const png = elements.get(type);
      expect(png, type).toBeDefined();
      expect(pngSize(png!), type).toEqual({ width: size, height: size });
      expect(decodePng(png!).width).toBe(size);
    }
    // The Retina slots, too, so Finder does not upscale a 1x image.
    for (const [type, size] of ICNS_TYPES) expect(pngSize(elements.get(type)!), type).toEqual({ width: size, height: size });
  });

  it('has macOS tray templates that are a black glyph on transparent, alpha only', () => {
    for (const [path, size] of [['tray/trayTemplate.png', 16], ['tray/trayTemplate@2x.png', 32]] as const) {
      const image = decodePng(read(path));
      expect([image.width, image.height], path).toEqual([size, size]);
      let opaque = 0;
      let clear = 0;
      for (let i = 0; i < image.pixels.length; i += 4) {
        expect([image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]], `${path} pixel ${i / 4}`).toEqual([0, 0, 0]);
        if (image.pixels[i + 3] === 255) opaque++;
        if (image.pixels[i + 3] === 0) clear++;
      }
      // A visible glyph with room around it, not a filled or empty square.
      expect(opaque).toBeGreaterThan(size);
      expect(clear).toBeGreaterThan((size * size) / 2);
    }
  });

  it('has colour tray icons where only the attention variant shows an amber dot top-right', () => {
    const plain = decodePng(read('tray/tray.png'));
    const attention = decodePng(read('tray/tray-attention.png'));
    expect([plain.width, attention.width]).toEqual([32, 32]);
    const isAmber = ([r, g, b, a]: readonly [number, number, number, number]): boolean => a === 255 && r > 200 && g > 130 && g < 200 && b < 80;
    const amberTopRight = (image: Rgba): number => {
      let n = 0;
      for (let y = 0; y < 16; y++) for (let x = 16; x < 32; x++) if (isAmber(pixel(image, x, y))) n++;
      return n;
    };
    expect(amberTopRight(plain)).toBe(0);
    expect(amberTopRight(attention)).toBeGreaterThan(20);
    // The rest of the mark is unchanged, so swapping them does not shift the glyph.
    expect(pixel(attention, 4, 28)).toEqual(pixel(plain, 4, 28));
  });

  it('has a tray.ico with the colour tray icon at 16 and 32', () => {
    const entries = parseIco(read('tray/tray.ico'));
    expect(entries.map((e) => e.width)).toEqual([16, 32]);
    for (const entry of entries) expect(decodePng(entry.png).width).toBe(entry.width);
  });

  it('draws a white check on an opaque rounded square with transparent corners', () => {
    const icon = decodePng(read('icon.png'));
    expect(pixel(icon, 0, 0)[3]).toBe(0);
    expect(pixel(icon, 1023, 1023)[3]).toBe(0);
    // Just inside the body's corner radius: still transparent (it is rounded).
    expect(pixel(icon, 110, 110)[3]).toBe(0);
    const [r, , b, a] = pixel(icon, 512, 200);
    expect(a).toBe(255);
    expect(b).toBeGreaterThan(r); // blue/teal, not grey
    // The check's elbow: body box 100..924, elbow at (0.43, 0.69) of it.
    expect(pixel(icon, Math.round(100 + 0.43 * 824), Math.round(100 + 0.69 * 824))).toEqual([255, 255, 255, 255]);
  });

  it('matches what scripts/make-icons.ts draws today (re-run the script after changing the mark)', () => {
    // Compared as pixels, not bytes, so a different zlib in a newer Node does not fail this.
    const samePixels = (committed: Buffer, fresh: Buffer): boolean =>
      Buffer.from(decodePng(committed).pixels).equals(Buffer.from(decodePng(fresh).pixels));
    for (const [path, fresh] of buildIconSet()) {
      const committed = read(path);
      if (path.endsWith('.png')) {
        expect(samePixels(committed, fresh), path).toBe(true);
      } else if (path.endsWith('.ico')) {
        const a = parseIco(committed);
        const b = parseIco(fresh);
        expect(a.map((e) => e.width), path).toEqual(b.map((e) => e.width));
        a.forEach((entry, i) => expect(samePixels(entry.png, b[i]!.png), `${path} ${entry.width}`).toBe(true));
      } else {
        const a = parseIcns(committed);
        const b = parseIcns(fresh);
        expect([...a.keys()], path).toEqual([...b.keys()]);
        for (const [type, png] of a) expect(samePixels(png, b.get(type)!), `${path} ${type}`).toBe(true);
      }
    }
  });
});
