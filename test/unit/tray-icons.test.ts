/** The committed icons are exactly what scripts/icons/generate.ts draws, and the containers are well formed. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { test } from 'node:test';
import { iconFiles } from '../../scripts/icons/generate.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const files = iconFiles();

test('every generated icon is committed, byte for byte (regenerate with `npx tsx scripts/icons/generate.ts`)', () => {
  for (const [rel, bytes] of files) {
    const file = path.join(root, rel);
    assert.ok(fs.existsSync(file), `missing ${rel}`);
    assert.ok(fs.readFileSync(file).equals(bytes), `${rel} differs from the generator`);
  }
  // Five stack states and the plan-limit icon, each at 1x and 2x on three platforms.
  assert.equal([...files.keys()].filter((f) => f.startsWith('resources/tray/')).length, 6 * 6);
});

test('macOS tray icons are template images: pure black with alpha, named *Template', () => {
  for (const [rel, bytes] of files) {
    if (!rel.startsWith('resources/tray/mac/')) continue;
    assert.match(rel, /Template(@2x)?\.png$/);
    const { rgba } = decodePng(bytes);
    for (let i = 0; i < rgba.length; i += 4) if (rgba[i + 3]! > 0) assert.deepEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [0, 0, 0], rel);
  }
});

test('colour tray icons use colour (not only grey) except the stopped state', () => {
  for (const [rel, bytes] of files) {
    if (!/resources\/tray\/(win|linux)\//.test(rel) || rel.includes('stopped')) continue;
    const { rgba } = decodePng(bytes);
    let coloured = 0;
    for (let i = 0; i < rgba.length; i += 4) if (rgba[i + 3]! > 200 && Math.max(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!) - Math.min(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!) > 60) coloured++;
    assert.ok(coloured > 10, rel);
  }
});

test('icon.ico and icon.icns hold PNGs at the sizes the platforms ask for', () => {
  const ico = files.get('resources/icons/icon.ico')!;
  assert.equal(ico.readUInt16LE(2), 1);
  const n = ico.readUInt16LE(4);
  const sizes = Array.from({ length: n }, (_, i) => ico[6 + i * 16] || 256);
  assert.deepEqual(sizes, [16, 24, 32, 48, 64, 128, 256]);
  const icns = files.get('resources/icons/icon.icns')!;
  assert.equal(icns.subarray(0, 4).toString('latin1'), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const types: string[] = [];
  for (let off = 8; off < icns.length; off += icns.readUInt32BE(off + 4)) types.push(icns.subarray(off, off + 4).toString('latin1'));
  assert.deepEqual(types.sort(), ['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']);
  assert.deepEqual(decodePng(files.get('resources/icons/icon.png')!).size, [1024, 1024]);
});

function decodePng(b: Buffer): { size: [number, number]; rgba: Uint8Array } {
  let off = 8;
  const idat: Buffer[] = [];
  let w = 0;
  let h = 0;
  while (off < b.length) {
    const len = b.readUInt32BE(off);
    const type = b.toString('latin1', off + 4, off + 8);
    const data = b.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      assert.deepEqual([data[8], data[9]], [8, 6], 'RGBA 8-bit');
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    assert.equal(raw[y * (w * 4 + 1)], 0, 'filter 0');
    raw.copy(rgba, y * w * 4, y * (w * 4 + 1) + 1, (y + 1) * (w * 4 + 1));
  }
  return { size: [w, h], rgba };
}
