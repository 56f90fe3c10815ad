/** Pulling an image with dockerode, without its two traps (see DESIGN.md). */
import type Docker from 'dockerode';
import { StackError } from './errors.js';
import { pullStreamError, type PullEvent } from './progress.js';

export class PullError extends StackError {
  constructor(readonly image: string, reason: string) {
    super('pull-failed', `Pulling ${image} failed: ${reason.trim()}`, `Check the network and the image name, or set ${imageVarHint(image)} to an image you have (a mirror, or one loaded with \`docker load\`).`);
    this.name = 'PullError';
  }
}

function imageVarHint(image: string): string {
  if (/prometheus/i.test(image)) return 'CCMON_IMAGE_PROMETHEUS';
  if (/loki/i.test(image)) return 'CCMON_IMAGE_LOKI';
  if (/grafana/i.test(image)) return 'CCMON_IMAGE_GRAFANA';
  return 'CCMON_IMAGE_PROMETHEUS / CCMON_IMAGE_LOKI / CCMON_IMAGE_GRAFANA';
}

/**
 * Pulls `image`, calling `onEvent` for each progress event, and resolves only when the pull has
 * ended AND the image is present. `docker.pull()` resolves when the stream opens (not when the pull
 * ends), and `followProgress` reports success for a stream that carried an `error` event: both are
 * handled here, and the image is inspected at the end as the final word.
 */
export async function pullImage(docker: Docker, image: string, onEvent: (ev: PullEvent) => void = () => {}): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.pull(image));
  } catch (err) {
    throw new PullError(image, engineMessage(err));
  }
  const events: PullEvent[] = await new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: PullEvent[]) => (err ? reject(new PullError(image, engineMessage(err))) : resolve(output ?? [])),
      (ev: PullEvent) => onEvent(ev),
    );
  });
  const streamError = pullStreamError(events);
  if (streamError) throw new PullError(image, streamError);
  try {
    await docker.getImage(image).inspect();
  } catch {
    throw new PullError(image, 'the engine reported the pull as finished, but the image is not there');
  }
}

/** The engine's own message from a dockerode error (`(HTTP code 500) server error - {message}`). */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: unknown }; reason?: unknown; message?: unknown };
  if (e?.json && typeof e.json.message === 'string') return e.json.message;
  return typeof e?.message === 'string' ? e.message : String(err);
}
