/**
 * The icon designs, drawn in code so every size is rendered natively (no downscaling blur):
 *
 * Tray glyph: a circle with three bars (a little usage meter). One shape per state, so states are
 * told apart by shape as well as colour (template images on macOS are monochrome):
 *   stopped  — outline ring, three low flat bars          (grey)
 *   starting — 3/4 arc (a spinner), bars half grown       (blue)
 *   running  — solid disc, rising bars knocked out/white  (green)
 *   degraded — solid disc, "!" knocked out/white          (amber)
 *   error    — solid disc, "×" knocked out/white          (red)
 *   limit    — solid disc, three full bars under a cap     (orange): the stack runs and the 5-hour plan
 *              window is past the first alert threshold
 * App icon: the running glyph in white on a rounded square with Claude-ish coral gradient.
 */
import { Canvas, arc, box, circle, ring, segment, union, type Rgb, type Sdf } from './raster.js';

export const trayStates = ['stopped', 'starting', 'running', 'degraded', 'error'] as const;
export type TrayState = (typeof trayStates)[number];
/** Every tray icon: one per state, and `limit`. */
export const trayIcons = [...trayStates, 'limit'] as const;
export type TrayIcon = (typeof trayIcons)[number];

export const stateColors: Record<TrayIcon, Rgb> = {
  limit: [0xf9, 0x73, 0x16],
  stopped: [0x8b, 0x93, 0x9e],
  starting: [0x3b, 0x82, 0xf6],
  running: [0x22, 0xa8, 0x5a],
  degraded: [0xf0, 0x9a, 0x0b],
  error: [0xe5, 0x48, 0x4d],
};

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Bar width and gap per pixel size: even totals on even sizes keep the bars centred and crisp. */
const barGrid: Record<number, { bw: number; gap: number }> = { 16: { bw: 2, gap: 1 }, 22: { bw: 2, gap: 2 }, 32: { bw: 4, gap: 2 }, 44: { bw: 4, gap: 4 } };

/** Three bars snapped to the pixel grid, standing on `base` (design units of a 16 px icon). */
function bars(size: number, heights: readonly number[], base = 11.5): Sdf {
  const s = size / 16;
  const { bw, gap } = barGrid[size] ?? { bw: Math.max(2, 2 * Math.round(s / 1.5)), gap: Math.max(1, Math.round(s)) };
  const total = 3 * bw + 2 * gap;
  const x0 = Math.round((size - total) / 2);
  const y1 = Math.round(base * s);
  return union(...heights.map((h, i) => box(x0 + i * (bw + gap), y1 - Math.max(1, Math.round(h * s)), x0 + i * (bw + gap) + bw, y1)));
}

function exclamation(size: number): Sdf {
  const s = size / 16;
  const w = Math.max(2, 2 * Math.round(s));
  const x0 = (size - w) / 2;
  return union(box(x0, Math.round(3.5 * s), x0 + w, Math.round(9 * s), w / 4), box(x0, Math.round(10.5 * s), x0 + w, Math.round(10.5 * s) + w, w / 4));
}

function cross(size: number): Sdf {
  const s = size / 16;
  const a = 5.2 * s;
  const b = 10.8 * s;
  const w = 2 * s;
  return union(segment(a, a, b, b, w), segment(b, a, a, b, w));
}

/** Draws one tray icon. `template`: black + alpha (macOS tints it); else colour. */
export function drawTray(state: TrayIcon, size: number, template: boolean): Canvas {
  const c = new Canvas(size, size);
  const s = size / 16;
  const cx = size / 2;
  const r = 7.25 * s;
  const stroke = 1.5 * s;
  const color = template ? BLACK : stateColors[state];
  const inner = template ? null : WHITE; // null → knock out
  const put = (sdf: Sdf) => (inner ? c.fill(sdf, inner) : c.erase(sdf));
  switch (state) {
    case 'stopped':
      c.fill(ring(cx, cx, r - stroke / 2, stroke), color);
      c.fill(bars(size, [2, 2, 2], 9), color);
      break;
    case 'starting':
      c.fill(arc(cx, cx, r - stroke / 2, stroke, -Math.PI / 2 + 0.35, -Math.PI / 2 - 0.35 + 1.5 * Math.PI), color);
      c.fill(bars(size, [2, 3.5, 5]), color);
      break;
    case 'running':
      c.fill(circle(cx, cx, r), color);
      put(bars(size, [3, 5, 7]));
      break;
    case 'degraded':
      c.fill(circle(cx, cx, r), color);
      put(exclamation(size));
      break;
    case 'error':
      c.fill(circle(cx, cx, r), color);
      put(cross(size));
      break;
    case 'limit':
      c.fill(circle(cx, cx, r), color);
      put(bars(size, [7, 7, 7]));
      put(box(Math.round(4 * s), Math.round(3 * s), size - Math.round(4 * s), Math.round(3 * s) + Math.max(1, Math.round(s))));
      break;
  }
  return c;
}

const coralTop: Rgb = [0xe8, 0x8a, 0x66];
const coralBottom: Rgb = [0xc1, 0x55, 0x37];

/** The app icon at any size: rounded square, coral gradient, white ring and rising bars. */
export function drawAppIcon(size: number): Canvas {
  const c = new Canvas(size, size);
  const m = size * 0.08;
  const bg = box(m, m, size - m, size - m, size * 0.2);
  c.fill(bg, (_x, y) => {
    const t = Math.min(1, Math.max(0, (y - m) / (size - 2 * m)));
    return [0, 1, 2].map((k) => Math.round(coralTop[k]! + (coralBottom[k]! - coralTop[k]!) * t)) as Rgb;
  });
  const cx = size / 2;
  const r = size * 0.27;
  c.fill(ring(cx, cx, r, size * 0.045), WHITE);
  const bw = size * 0.075;
  const gap = size * 0.045;
  const x0 = cx - (3 * bw + 2 * gap) / 2;
  const base = cx + r * 0.52;
  [0.13, 0.22, 0.31].forEach((h, i) => {
    const x = x0 + i * (bw + gap);
    c.fill(box(x, base - size * h, x + bw, base, bw * 0.3), WHITE);
  });
  return c;
}
