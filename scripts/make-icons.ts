/**
 * Draws the two Teams app icons and writes them to appPackage/:
 *   color.png   192x192, full colour: a white shield with a check mark on the accent colour
 *   outline.png  32x32, white on transparent: the same shield as an outline
 *
 * Run it again only if you change the drawing: `npx tsx scripts/make-icons.ts`.
 * No image library is needed: shapes are tested point by point (16 samples per pixel for smooth edges)
 * and the pixels are written with a small PNG encoder (node:zlib for compression, CRC-32 below).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/** Keep in step with `accentColor` in appPackage/manifest.json. */
const ACCENT = { r: 0x24, g: 0x56, b: 0xa6 }; // #2456A6

type Point = { x: number; y: number };
/** Shape coverage test in icon units: the icon spans 0..1 on both axes, y pointing down. */
type Shape = (p: Point) => boolean;

// ---------------------------------------------------------------- shapes

/**
 * The shield occupies [cx - w/2, cx + w/2] x [top, top + h]: straight sides and a pointed base;
 * `dip` lowers the middle of the top edge (share of the height), like a classic heater shield.
 */
type ShieldBox = { cx: number; top: number; w: number; h: number; dip: number };

function shield(box: ShieldBox, inset = 0): Shape {
  const half = box.w / 2 - inset;
  const top = box.top + inset;
  const bottom = box.top + box.h - inset * 1.8; // the tip is sharp, so pull it in a little more for an even stroke
  const straight = 0.42; // share of the height with straight sides
  return ({ x, y }) => {
    if (y < top || y > bottom || half <= 0) return false;
    const v = (y - top) / (bottom - top);
    const u = Math.abs(x - box.cx) / half;
    if (v < box.dip * (1 - u * u)) return false;
    if (v <= straight) return u <= 1;
    const t = (v - straight) / (1 - straight); // 0 where the sides start to curve, 1 at the tip
    return u <= 1 - t * t;
  };
}

/** A stroked polyline with round joins and caps. */
function polyline(points: Point[], width: number): Shape {
  const r2 = (width / 2) ** 2;
  return (p) => {
    for (let i = 1; i < points.length; i++) {
      if (distanceToSegmentSquared(p, points[i - 1] as Point, points[i] as Point) <= r2) return true;
    }
    return false;
  };
}

function distanceToSegmentSquared(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  const qx = a.x + t * dx - p.x;
  const qy = a.y + t * dy - p.y;
  return qx * qx + qy * qy;
}

/** Share of the pixel (x, y) covered by the shape, from a 4x4 grid of samples. */
function coverage(shape: Shape, x: number, y: number, size: number): number {
  const n = 4;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (shape({ x: (x + (i + 0.5) / n) / size, y: (y + (j + 0.5) / n) / size })) hits++;
    }
  }
  return hits / (n * n);
}

// ---------------------------------------------------------------- icons

/** A check mark inside the shield; points in icon units. */
function checkMark(box: ShieldBox): Point[] {
  const at = (fx: number, fy: number): Point => ({ x: box.cx + fx * box.w, y: box.top + fy * box.h });
  return [at(-0.22, 0.46), at(-0.06, 0.62), at(0.24, 0.3)];
}

/** 192x192 RGB: accent background, white shield, accent check mark cut into it. Shield kept inside the central 96x96 safe area. */
function drawColor(size: number): Uint8Array {
  const box: ShieldBox = { cx: 0.5, top: 0.25, w: 0.43, h: 0.5, dip: 0.08 };
  const body = shield(box);
  const check = polyline(checkMark(box), 0.062);
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // white where the shield is, minus the check mark
      const a = coverage(body, x, y, size) * (1 - coverage(check, x, y, size));
      const o = (y * size + x) * 3;
      rgb[o] = Math.round(ACCENT.r + (255 - ACCENT.r) * a);
      rgb[o + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * a);
      rgb[o + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * a);
    }
  }
  return rgb;
}

/** 32x32 RGBA: white only; the alpha channel carries the drawing (shield outline + check mark). */
function drawOutline(size: number): Uint8Array {
  // Edges on whole pixels (top 2 px, sides 4..28 px) and a flat top keep the 2 px stroke crisp at this size.
  const box: ShieldBox = { cx: 0.5, top: 2 / size, w: 24 / size, h: 28 / size, dip: 0 };
  const stroke = 2 / size;
  const outer = shield(box);
  const inner = shield(box, stroke);
  const ring: Shape = (p) => outer(p) && !inner(p);
  const check = polyline(checkMark(box), 2.6 / size);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = Math.max(coverage(ring, x, y, size), coverage(check, x, y, size));
      const o = (y * size + x) * 4;
      rgba[o] = 255;
      rgba[o + 1] = 255;
      rgba[o + 2] = 255;
      rgba[o + 3] = Math.round(255 * a);
    }
  }
  return rgba;
}

// ---------------------------------------------------------------- PNG encoder

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** 8-bit truecolour PNG; `channels` 3 = RGB (colour type 2), 4 = RGBA (colour type 6). Every row uses filter 0 (none). */
function encodePng(width: number, height: number, channels: 3 | 4, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height * channels) throw new Error('pixel buffer does not match the image size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 4 ? 6 : 2; // colour type
  // bytes 10-12: compression 0 (deflate), filter method 0, no interlace
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function main(): void {
  const dir = join(__dirname, '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), encodePng(192, 192, 3, drawColor(192)));
  writeFileSync(join(dir, 'outline.png'), encodePng(32, 32, 4, drawOutline(32)));
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}

main();
