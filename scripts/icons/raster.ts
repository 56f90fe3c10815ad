/**
 * A small anti-aliased rasterizer: shapes are signed distance functions in pixel units, coverage is
 * clamp(0.5 - d), composited "over" or as an eraser (knock-outs for template images).
 * Axis-aligned rectangles are snapped to whole pixels by the callers, so bars stay crisp at 1×.
 */

export type Sdf = (x: number, y: number) => number;
export type Rgb = [number, number, number];

export class Canvas {
  readonly data: Float32Array; // premultiplied RGBA, 0..1
  constructor(readonly width: number, readonly height: number) {
    this.data = new Float32Array(width * height * 4);
  }

  private each(sdf: Sdf, fn: (i: number, coverage: number) => void): void {
    for (let py = 0; py < this.height; py++) {
      for (let px = 0; px < this.width; px++) {
        const c = Math.min(1, Math.max(0, 0.5 - sdf(px + 0.5, py + 0.5)));
        if (c > 0) fn((py * this.width + px) * 4, c);
      }
    }
  }

  fill(sdf: Sdf, color: Rgb | ((x: number, y: number) => Rgb), opacity = 1): this {
    this.each(sdf, (i, c) => {
      const px = (i / 4) % this.width;
      const py = Math.floor(i / 4 / this.width);
      const [r, g, b] = typeof color === 'function' ? color(px + 0.5, py + 0.5) : color;
      const a = c * opacity;
      const d = this.data;
      d[i] = (r / 255) * a + d[i]! * (1 - a);
      d[i + 1] = (g / 255) * a + d[i + 1]! * (1 - a);
      d[i + 2] = (b / 255) * a + d[i + 2]! * (1 - a);
      d[i + 3] = a + d[i + 3]! * (1 - a);
    });
    return this;
  }

  erase(sdf: Sdf): this {
    this.each(sdf, (i, c) => {
      for (let k = 0; k < 4; k++) this.data[i + k] = this.data[i + k]! * (1 - c);
    });
    return this;
  }

  /** Straight-alpha RGBA bytes for the PNG encoder. */
  rgba(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    for (let i = 0; i < out.length; i += 4) {
      const a = this.data[i + 3]!;
      out[i + 3] = Math.round(a * 255);
      if (a > 0) for (let k = 0; k < 3; k++) out[i + k] = Math.round(Math.min(1, this.data[i + k]! / a) * 255);
    }
    return out;
  }
}

export const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => Math.hypot(x - cx, y - cy) - r;

export const ring = (cx: number, cy: number, r: number, width: number): Sdf => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

/** A round-capped arc from `from` to `to` radians (clockwise, 0 = 3 o'clock, y down). */
export const arc = (cx: number, cy: number, r: number, width: number, from: number, to: number): Sdf => {
  const span = (((to - from) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const end = (t: number) => [cx + r * Math.cos(t), cy + r * Math.sin(t)] as const;
  const [ax, ay] = end(from);
  const [bx, by] = end(to);
  return (x, y) => {
    const t = (((Math.atan2(y - cy, x - cx) - from) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    if (t <= span) return Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
    return Math.min(Math.hypot(x - ax, y - ay), Math.hypot(x - bx, y - by)) - width / 2;
  };
};

/** Axis-aligned box from (x0,y0) to (x1,y1), corner radius r. */
export const box = (x0: number, y0: number, x1: number, y1: number, r = 0): Sdf => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
};

/** A round-capped segment of the given width. */
export const segment = (ax: number, ay: number, bx: number, by: number, width: number): Sdf => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - width / 2;
};

export const union = (...s: Sdf[]): Sdf => (x, y) => Math.min(...s.map((f) => f(x, y)));
