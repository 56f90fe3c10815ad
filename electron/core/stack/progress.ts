/**
 * Pull progress: the engine reports per-layer events; the UI wants one figure. Pure.
 * Each layer counts half for its download and half for its extraction, weighted by its size
 * when known; every image weighs the same; the figure never goes backwards.
 */
export interface PullEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

interface LayerState {
  download: number;
  extract: number;
  size: number | null;
}

export class PullProgressAggregator {
  private readonly layers = new Map<string, Map<string, LayerState>>();
  private readonly done = new Set<string>();
  private last = 0;

  constructor(private readonly images: readonly string[]) {
    for (const image of images) this.layers.set(image, new Map());
  }

  /** Feeds one event of `image`'s pull; returns the overall figure (0..1). */
  update(image: string, ev: PullEvent): number {
    const layers = this.layers.get(image);
    if (!layers) return this.fraction();
    const status = ev.status ?? '';
    if (/^(Digest|Status):|^Downloaded newer image|^Image is up to date/.test(status)) {
      this.done.add(image);
      return this.fraction();
    }
    if (!ev.id || /^Pulling from /.test(status) || ev.id === image.split(':').pop()) return this.fraction();
    const layer = layers.get(ev.id) ?? { download: 0, extract: 0, size: null };
    const d = ev.progressDetail;
    const ratio = d && typeof d.current === 'number' && typeof d.total === 'number' && d.total > 0 ? Math.min(1, d.current / d.total) : null;
    if (status === 'Already exists' || status === 'Pull complete') {
      layer.download = 1;
      layer.extract = 1;
    } else if (status === 'Downloading') {
      if (ratio !== null) layer.download = Math.max(layer.download, ratio);
      if (d?.total) layer.size = d.total;
    } else if (status === 'Verifying Checksum' || status === 'Download complete') {
      layer.download = 1;
    } else if (status === 'Extracting') {
      layer.download = 1;
      if (ratio !== null) layer.extract = Math.max(layer.extract, ratio);
    }
    layers.set(ev.id, layer);
    return this.fraction();
  }

  /** Marks an image as complete (present already, or its pull ended). */
  complete(image: string): number {
    this.done.add(image);
    return this.fraction();
  }

  fraction(): number {
    if (this.images.length === 0) return 1;
    let sum = 0;
    for (const image of this.images) sum += this.done.has(image) ? 1 : imageFraction(this.layers.get(image)!);
    this.last = Math.max(this.last, Math.min(1, sum / this.images.length));
    return this.last;
  }
}

function imageFraction(layers: Map<string, LayerState>): number {
  if (layers.size === 0) return 0;
  const sizes = [...layers.values()].map((l) => l.size).filter((s): s is number => s !== null);
  const fallback = sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : 1;
  let weight = 0;
  let acc = 0;
  for (const l of layers.values()) {
    const w = l.size ?? fallback;
    weight += w;
    acc += w * (l.download + l.extract) / 2;
  }
  return weight > 0 ? acc / weight : 0;
}

/**
 * The error a finished pull stream carried, if any. dockerode's `modem.followProgress` calls back
 * with no error for a stream whose events include `{error}`; the pull failed all the same.
 */
export function pullStreamError(events: readonly PullEvent[]): string | null {
  for (const ev of events) {
    const message = ev.errorDetail?.message ?? ev.error;
    if (message) return message;
  }
  return null;
}
