/**
 * Generates every icon the app ships, deterministically, from the designs in design.ts:
 *   resources/tray/mac/<state>Template.png (+@2x)   16/32 px, black + alpha (macOS template images)
 *   resources/tray/win/<state>.png (+@2x)           16/32 px, colour
 *   resources/tray/linux/<state>.png (+@2x)         22/44 px, colour
 *   resources/icons/icon.png (1024), icon.icns, icon.ico, linux/<n>x<n>.png
 *
 *   npx tsx scripts/icons/generate.ts          # write the files
 *   npx tsx scripts/icons/generate.ts --check  # exit 1 if the committed files differ
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawAppIcon, drawTray, trayIcons } from './design.js';
import { encodeIcns, encodeIco, encodePng } from './png.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const png = (c: { width: number; height: number; rgba(): Uint8Array }): Buffer => encodePng(c.width, c.height, c.rgba());

/** Every generated file: path relative to the repo → bytes. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const state of trayIcons) {
    files.set(`resources/tray/mac/${state}Template.png`, png(drawTray(state, 16, true)));
    files.set(`resources/tray/mac/${state}Template@2x.png`, png(drawTray(state, 32, true)));
    files.set(`resources/tray/win/${state}.png`, png(drawTray(state, 16, false)));
    files.set(`resources/tray/win/${state}@2x.png`, png(drawTray(state, 32, false)));
    files.set(`resources/tray/linux/${state}.png`, png(drawTray(state, 22, false)));
    files.set(`resources/tray/linux/${state}@2x.png`, png(drawTray(state, 44, false)));
  }
  const app = new Map<number, Buffer>();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) app.set(size, png(drawAppIcon(size)));
  files.set('resources/icons/icon.png', app.get(1024)!);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) files.set(`resources/icons/linux/${size}x${size}.png`, app.get(size)!);
  files.set('resources/icons/icon.ico', encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: app.get(size)! }))));
  files.set(
    'resources/icons/icon.icns',
    encodeIcns([
      { type: 'ic11', png: app.get(32)! },
      { type: 'ic12', png: app.get(64)! },
      { type: 'ic07', png: app.get(128)! },
      { type: 'ic13', png: app.get(256)! },
      { type: 'ic08', png: app.get(256)! },
      { type: 'ic14', png: app.get(512)! },
      { type: 'ic09', png: app.get(512)! },
      { type: 'ic10', png: app.get(1024)! },
    ]),
  );
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let differ = 0;
  for (const [rel, bytes] of iconFiles()) {
    const file = path.join(root, rel);
    const same = fs.existsSync(file) && fs.readFileSync(file).equals(bytes);
    if (check) {
      if (!same) {
        differ++;
        process.stderr.write(`differs: ${rel}\n`);
      }
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!same) fs.writeFileSync(file, bytes);
    process.stdout.write(`${same ? 'unchanged' : 'wrote'} ${rel} (${bytes.length} B)\n`);
  }
  if (check) {
    process.stdout.write(differ ? `${differ} icon file(s) differ from the generator\n` : 'icons match the generator\n');
    process.exitCode = differ ? 1 : 0;
  }
}
