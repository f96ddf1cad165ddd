import { crc32, deflateSync } from 'node:zlib';
import type { Png } from '../../../scripts/app-package/read-png';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Writes an image as readPng returns it: 8-bit, not interlaced, every row unfiltered. */
export function writePng(png: Png): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(png.width, 0);
  header.writeUInt32BE(png.height, 4);
  header.set([8, png.colorType, 0, 0, 0], 8);
  const stride = png.width * png.channels;
  const raw = Buffer.alloc((stride + 1) * png.height);
  for (let y = 0; y < png.height; y++) raw.set(png.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
