#!/usr/bin/env node
/*
 * Writes the add-in icons (assets/icon-16.png … icon-128.png): a SafeScore-blue (#0F6CBD) shield with a
 * white check mark on a transparent background. No dependencies: the shape is rasterised here with
 * 8×8 supersampling and the PNG is encoded by hand (signature, IHDR, one zlib-deflated IDAT, IEND).
 *
 *   node scripts/make-icons.js            writes assets/icon-{16,32,64,80,128}.png
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 8;

// ---- PNG encoding ---------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (width × height × 4 bytes, row-major) → PNG file bytes (8-bit RGBA, no interlace). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- The shape, in unit coordinates (0..1, y down) --------------------------------------------------

const TOP = 0.07;
const SHOULDER = 0.5; // where the straight sides start curving to the point
const TIP = 0.95;
const HALF = 0.36; // half width of the shield

function inShield(x, y) {
  if (y < TOP || y > TIP) return false;
  const dx = Math.abs(x - 0.5);
  // A shallow dip in the middle of the top edge.
  const top = TOP + 0.05 * Math.cos((dx / HALF) * (Math.PI / 2));
  if (y < top) return false;
  if (y <= SHOULDER) return dx <= HALF;
  const t = (y - SHOULDER) / (TIP - SHOULDER);
  return dx <= HALF * Math.pow(1 - t * t, 0.7);
}

const CHECK = [
  [0.3, 0.5],
  [0.445, 0.645],
  [0.715, 0.355],
];
const CHECK_HALF_WIDTH = 0.06;

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

function inCheck(x, y) {
  for (let i = 0; i + 1 < CHECK.length; i++) if (distanceToSegment(x, y, CHECK[i], CHECK[i + 1]) <= CHECK_HALF_WIDTH) return true;
  return false;
}

/** Draws the icon at size × size: coverage-weighted colour, straight (not premultiplied) alpha. */
function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let blue = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!inShield(x, y)) continue;
          if (inCheck(x, y)) white++;
          else blue++;
        }
      }
      const covered = blue + white;
      const o = (py * size + px) * 4;
      if (covered === 0) continue; // fully transparent
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round((BLUE[c] * blue + WHITE[c] * white) / covered);
      rgba[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const out = path.join(__dirname, "..", "assets");
  fs.mkdirSync(out, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(out, `icon-${size}.png`);
    fs.writeFileSync(file, drawIcon(size));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}×${size})`);
  }
}

module.exports = { encodePng, drawIcon, crc32, SIZES };

if (require.main === module) main();
