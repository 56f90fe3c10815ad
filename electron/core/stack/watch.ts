/**
 * Watching the stack: a status every interval (the manager emits it when it changed), and after
 * `up`, services that stopped on their own (an engine restart) are started again.
 */
import type { StackStatus } from '../api/types.js';
import { sleep } from '../net/timeout.js';
import { composeDirOf, requireEngine, specOf, type StackContext } from './context.js';
import { copyConfig } from './config-copy.js';

export interface WatchDeps {
  status(): Promise<StackStatus>;
  /** True between `up` and `down`/`purge`. */
  wantUp(): boolean;
}

/** Returns a function that stops watching. */
export function watchStack(ctx: StackContext, intervalMs: number, deps: WatchDeps): () => void {
  const stop = new AbortController();
  void (async () => {
    while (!stop.signal.aborted) {
      try {
        const status = await deps.status();
        if (deps.wantUp() && status.engine.reachable) await recover(ctx, status);
      } catch {
        /* the next tick tries again */
      }
      await sleep(intervalMs, { signal: stop.signal });
    }
  })();
  return () => stop.abort();
}

async function recover(ctx: StackContext, status: StackStatus): Promise<void> {
  const stopped = status.services.filter((s) => s.state === 'exited' || s.state === 'created');
  if (stopped.length === 0) return;
  const { docker } = await requireEngine(ctx);
  const spec = await specOf(ctx);
  const composeDir = composeDirOf(ctx);
  for (const s of spec.services.filter((x) => stopped.some((y) => y.name === x.name))) {
    const c = docker.getContainer(s.containerName);
    const mounts = (await c.inspect().catch(() => null))?.Mounts ?? [];
    await copyConfig(c, composeDir, s.configs, mounts).catch(() => undefined);
    await c.start().catch(() => undefined);
  }
}
