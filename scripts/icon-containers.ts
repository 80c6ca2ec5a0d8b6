/** One PNG-compressed image inside an .ico, keyed by its (square) edge length. */
export interface IcoImage {
  size: number;
  png: Buffer;
}

/**
 * Windows ICO with PNG payloads (supported since Vista, and what
 * electron-builder/NSIS accept). ICONDIR is 6 bytes, each ICONDIRENTRY 16;
 * a 256-pixel edge does not fit the one-byte width field and is written as 0.
 */
export function encodeIco(images: readonly IcoImage[]): Buffer {
  if (images.length === 0 || images.length > 0xffff) throw new Error('an ICO holds 1..65535 images');
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = Buffer.alloc(16 * images.length);
  let offset = header.length + entries.length;
  images.forEach((image, i) => {
    if (!Number.isInteger(image.size) || image.size < 1 || image.size > 256) {
      throw new Error(`ICO images are 1..256 pixels, got ${image.size}`);
    }
    const at = i * 16;
    entries[at] = image.size === 256 ? 0 : image.size;
    entries[at + 1] = image.size === 256 ? 0 : image.size;
    entries[at + 2] = 0; // palette colours: none, truecolour
    entries[at + 3] = 0; // reserved
    entries.writeUInt16LE(1, at + 4); // colour planes
    entries.writeUInt16LE(32, at + 6); // bits per pixel
    entries.writeUInt32LE(image.png.length, at + 8);
    entries.writeUInt32LE(offset, at + 12);
    offset += image.png.length;
  });
  return Buffer.concat([header, entries, ...images.map((image) => image.png)]);
}

/** One element of an Apple icon family: a four-character OSType and its PNG. */
export interface IcnsImage {
  type: string;
  png: Buffer;
}

/**
 * macOS icon family: 'icns' + big-endian total length, then elements of
 * OSType + big-endian length that counts the element's own 8-byte header.
 */
export function encodeIcns(images: readonly IcnsImage[]): Buffer {
  const elements = images.map((image) => {
    if (!/^[\x20-\x7e]{4}$/.test(image.type)) throw new Error(`icns type must be 4 ASCII characters: ${image.type}`);
    const head = Buffer.alloc(8);
    head.write(image.type, 0, 'ascii');
    head.writeUInt32BE(image.png.length + 8, 4);
    return Buffer.concat([head, image.png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
