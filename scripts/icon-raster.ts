import { type Rgba } from './png';

/**
 * A tiny signed-distance rasteriser for the Countersign mark. Shapes are
 * described in unit coordinates (0..1 across the canvas) so every size is drawn
 * from the geometry rather than downscaled: a 16-pixel icon gets its own crisp
 * edges instead of a blurred 1024 one. Coverage is the signed distance in
 * pixels mapped through a one-pixel ramp, which anti-aliases edges without
 * supersampling. Only IEEE-exact operations (+ - * / sqrt, min, max) are used,
 * so the pixels, and therefore the files, are identical on every run.
 */

/** Signed distance in unit coordinates: negative inside, positive outside. */
export type Sdf = (u: number, v: number) => number;

/** Straight-alpha colour, channels 0..1. */
export interface Colour {
  r: number;
  g: number;
  b: number;
  a: number;
}

type Point = readonly [number, number];

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

export function hex(value: string, alpha = 1): Colour {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (!m) throw new Error(`not a #rrggbb colour: ${value}`);
  return { r: parseInt(m[1]!, 16) / 255, g: parseInt(m[2]!, 16) / 255, b: parseInt(m[3]!, 16) / 255, a: alpha };
}

function mix(a: Colour, b: Colour, t: number): Colour {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t, a: a.a + (b.a - a.a) * t };
}

export function roundedSquare(centre: Point, half: number, radius: number): Sdf {
  return (u, v) => {
    const qx = Math.abs(u - centre[0]) - (half - radius);
    const qy = Math.abs(v - centre[1]) - (half - radius);
    const ox = Math.max(qx, 0);
    const oy = Math.max(qy, 0);
    return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

export function circle(centre: Point, radius: number): Sdf {
  return (u, v) => {
    const dx = u - centre[0];
    const dy = v - centre[1];
    return Math.sqrt(dx * dx + dy * dy) - radius;
  };
}

function segmentDistance(u: number, v: number, a: Point, b: Point): number {
  const px = u - a[0];
  const py = v - a[1];
  const bx = b[0] - a[0];
  const by = b[1] - a[1];
  const t = clamp01((px * bx + py * by) / (bx * bx + by * by));
  const dx = px - bx * t;
  const dy = py - by * t;
  return Math.sqrt(dx * dx + dy * dy);
}

/** A stroked polyline with round caps and joins: the check mark's pen stroke. */
export function stroke(points: readonly Point[], halfWidth: number): Sdf {
  if (points.length < 2) throw new Error('a stroke needs at least two points');
  return (u, v) => {
    let d = Infinity;
    for (let i = 1; i < points.length; i++) d = Math.min(d, segmentDistance(u, v, points[i - 1]!, points[i]!));
    return d - halfWidth;
  };
}

export const intersect = (a: Sdf, b: Sdf): Sdf => (u, v) => Math.max(a(u, v), b(u, v));
export const offset = (shape: Sdf, du: number, dv: number): Sdf => (u, v) => shape(u - du, v - dv);

/** A square canvas accumulating premultiplied RGBA in floating point. */
export class Canvas {
  readonly size: number;
  private readonly acc: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`canvas size must be a positive integer, got ${size}`);
    this.size = size;
    this.acc = new Float64Array(size * size * 4);
  }

  /**
   * Paints `paint` over whatever is there, weighted by the shape's coverage.
   * `softness` widens the edge ramp (in pixels) for shadows.
   */
  fill(shape: Sdf, paint: Colour | ((u: number, v: number) => Colour), softness = 1): void {
    const { size, acc } = this;
    for (let y = 0; y < size; y++) {
      const v = (y + 0.5) / size;
      for (let x = 0; x < size; x++) {
        const u = (x + 0.5) / size;
        const coverage = clamp01(0.5 - (shape(u, v) * size) / softness);
        if (coverage === 0) continue;
        const c = typeof paint === 'function' ? paint(u, v) : paint;
        const alpha = c.a * coverage;
        const i = (y * size + x) * 4;
        acc[i] = c.r * alpha + acc[i]! * (1 - alpha);
        acc[i + 1] = c.g * alpha + acc[i + 1]! * (1 - alpha);
        acc[i + 2] = c.b * alpha + acc[i + 2]! * (1 - alpha);
        acc[i + 3] = alpha + acc[i + 3]! * (1 - alpha);
      }
    }
  }

  /** Cuts the shape out of everything painted so far (leaves transparency). */
  erase(shape: Sdf): void {
    const { size, acc } = this;
    for (let y = 0; y < size; y++) {
      const v = (y + 0.5) / size;
      for (let x = 0; x < size; x++) {
        const keep = 1 - clamp01(0.5 - shape((x + 0.5) / size, v) * size);
        const i = (y * size + x) * 4;
        for (let k = 0; k < 4; k++) acc[i + k] = acc[i + k]! * keep;
      }
    }
  }

  toRgba(): Rgba {
    const { size, acc } = this;
    const pixels = new Uint8Array(size * size * 4);
    for (let i = 0; i < acc.length; i += 4) {
      const a = acc[i + 3]!;
      const alpha = Math.round(clamp01(a) * 255);
      if (alpha === 0) continue; // fully transparent pixels stay 0,0,0,0
      for (let k = 0; k < 3; k++) pixels[i + k] = Math.round(clamp01(acc[i + k]! / a) * 255);
      pixels[i + 3] = alpha;
    }
    return { width: size, height: size, pixels };
  }
}

const DEEP_BLUE = hex('#0b3a78');
const TEAL = hex('#0e8a84');
const WHITE = hex('#ffffff');
const SHADOW = hex('#000000', 0.32);
const CHECK_SHADOW = hex('#021a2e', 0.3);
const SHEEN = hex('#ffffff', 0.12);
/** Amber, not red: waiting drafts need a look, nothing has gone wrong. */
const AMBER = hex('#f5a623');

/** Check mark in the body's own 0..1 box: short arm down-right, long arm up-right. */
const CHECK_IN_BODY: readonly Point[] = [
  [0.25, 0.51],
  [0.43, 0.69],
  [0.77, 0.31],
];

const TRAY_CHECK_IN_BODY: readonly Point[] = [
  [0.22, 0.55],
  [0.41, 0.74],
  [0.72, 0.4],
];

interface MarkLayout {
  /** Distance from the canvas centre to the body's edge, unit coordinates. */
  half: number;
  /** Check stroke width as a fraction of the body's width. */
  strokeWidth: number;
  /** Drop shadows and sheen: only worth drawing where they are more than a pixel. */
  depth: boolean;
  check?: readonly Point[];
}

function drawMark(canvas: Canvas, layout: MarkLayout): void {
  const { half, strokeWidth, depth, check: checkInBody = CHECK_IN_BODY } = layout;
  const lo = 0.5 - half;
  const width = 2 * half;
  const body = roundedSquare([0.5, 0.5], half, 0.225 * width);
  const check = stroke(
    checkInBody.map(([a, b]) => [lo + a * width, lo + b * width] as const),
    (strokeWidth * width) / 2,
  );

  if (depth) canvas.fill(offset(body, 0, 0.012), SHADOW, Math.max(1, 0.03 * canvas.size));
  // Deep blue at the top-left settling into teal at the bottom-right.
  canvas.fill(body, (u, v) => mix(DEEP_BLUE, TEAL, clamp01((u + v - 2 * lo) / (2 * width))));
  if (depth) {
    // A soft top-down highlight; a hard-edged gloss line looks dated.
    canvas.fill(body, (_u, v) => ({ ...SHEEN, a: SHEEN.a * clamp01((0.6 - v) / (0.6 - lo)) }));
    canvas.fill(intersect(body, offset(check, 0, 0.014)), CHECK_SHADOW, Math.max(1, 0.018 * canvas.size));
  }
  canvas.fill(check, WHITE);
}

/** The application icon at any size. */
export function renderAppIcon(size: number): Rgba {
  const canvas = new Canvas(size);
  // Large sizes keep Apple's margin (824 of 1024) so the dock shadow fits;
  // small ones fill the square because every pixel counts at 16-48 px.
  const half = size >= 128 ? 0.4023 : size >= 48 ? 0.45 : 0.475;
  drawMark(canvas, { half, strokeWidth: size >= 48 ? 0.14 : 0.155, depth: size >= 64 });
  return canvas.toRgba();
}

/**
 * macOS menu-bar template: black glyph on transparent. macOS recolours it from
 * the alpha channel alone for light/dark menu bars, so RGB stays 0 everywhere.
 */
export function renderTrayTemplate(size: number): Rgba {
  const canvas = new Canvas(size);
  canvas.fill(
    stroke(
      [
        [0.14, 0.53],
        [0.39, 0.78],
        [0.86, 0.25],
      ],
      0.075,
    ),
    hex('#000000'),
  );
  return canvas.toRgba();
}

/**
 * Windows/Linux tray icon: the coloured mark, filling the square. With
 * `attention`, an amber dot in the top-right corner says drafts are waiting
 * for sign-off; a transparent ring around it keeps it legible at 16 px.
 */
export function renderTrayIcon(size: number, attention: boolean): Rgba {
  const canvas = new Canvas(size);
  // The check sits a little lower-left than on the app icon so the attention
  // dot only clips its tip; both variants share it so swapping them at
  // runtime does not make the glyph jump.
  drawMark(canvas, { half: 0.47, strokeWidth: 0.15, depth: false, check: TRAY_CHECK_IN_BODY });
  if (attention) {
    const centre: Point = [0.83, 0.17];
    canvas.erase(circle(centre, 0.215));
    canvas.fill(circle(centre, 0.155), AMBER);
  }
  return canvas.toRgba();
}
