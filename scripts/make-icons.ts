import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIconSet } from './icon-set';

// Regenerates every icon under resources/ from the vector mark in
// icon-raster.ts. Offline and dependency-free; output is byte-identical run to
// run, so re-running it only shows up in git when the drawing changed. Why
// not electron-builder from one master PNG: its converter downloads a toolset
// at packaging time and makes no tray icons (the README's Icons paragraph).
//   node --import tsx scripts/make-icons.ts

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

for (const [path, bytes] of buildIconSet()) {
  const target = join(resources, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  console.log(`${relative(process.cwd(), target)}  ${bytes.length} bytes`);
}
