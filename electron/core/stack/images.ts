/** The images the stack needs: those the engine lacks are pulled one at a time, as one progress figure. */
import type Docker from 'dockerode';
import type { PullProgress } from '../api/types.js';
import { inspectOrNull } from './lookup.js';
import { PullProgressAggregator } from './progress.js';
import { pullImage } from './pull.js';

export async function ensureImages(docker: Docker, images: readonly string[], onProgress: (p: PullProgress) => void): Promise<void> {
  const missing: string[] = [];
  for (const image of new Set(images)) {
    if (!(await inspectOrNull(`image ${image}`, () => docker.getImage(image).inspect()))) missing.push(image);
  }
  if (missing.length === 0) return;
  const agg = new PullProgressAggregator(missing);
  const send = throttled(onProgress);
  send(missing[0]!, 0, `pulling ${missing.length} image${missing.length > 1 ? 's' : ''}`);
  // One at a time: gentler on slow links, and a failure stops early with a clear message.
  for (const image of missing) {
    await pullImage(docker, image, (ev) => send(image, agg.update(image, ev), [ev.id, ev.status, ev.progress].filter(Boolean).join(' ')));
    send(image, agg.complete(image), `${image} pulled`);
  }
}

/** Passes on a figure only when it moved by half a percent, and always the first 1. */
function throttled(onProgress: (p: PullProgress) => void): (image: string, fraction: number, detail: string) => void {
  let lastSent = -1;
  return (image, fraction, detail) => {
    if (fraction - lastSent < 0.005 && !(fraction === 1 && lastSent < 1)) return;
    lastSent = fraction;
    onProgress({ fraction, image, detail });
  };
}
