/**
 * Waiting for a started stack: until every service answers ready, a service's container exits at
 * start (its restart loop is stopped and its last log lines reported), or the time is up.
 */
import type { StackStatus } from '../api/types.js';
import { sleep } from '../net/timeout.js';
import type { StackSpec } from './definition.js';
import type { Connection, StackContext } from './context.js';
import { StackError } from './errors.js';
import { allReady, crashExplained } from './model.js';
import { logTail, statusWith } from './status.js';

export async function waitReady(ctx: StackContext, conn: Connection, spec: StackSpec): Promise<StackStatus> {
  const deadline = Date.now() + (ctx.options.readyTimeoutMs ?? 90_000);
  for (;;) {
    // Short probes while starting: a service that is up answers in milliseconds.
    const status = await statusWith(ctx, conn, 500);
    ctx.emitStatus(status);
    if (allReady(status)) return status;
    await throwIfCrashed(ctx, conn, spec);
    if (Date.now() > deadline) {
      const waiting = status.services.filter((s) => !s.ready).map((s) => s.name).join(', ');
      throw new StackError('not-ready', `The stack did not become ready in time (waiting for ${waiting}).`, 'Run `ccmon stack status` to see each service, and `docker logs <container>` for details.');
    }
    await sleep(250);
  }
}

async function throwIfCrashed(ctx: StackContext, conn: Connection, spec: StackSpec): Promise<void> {
  const { docker } = conn;
  for (const s of spec.services) {
    const info = await docker.getContainer(s.containerName).inspect().catch(() => null);
    if (!info) continue;
    const crashed = (!info.State.Running || info.State.Restarting || info.RestartCount > 0) && info.State.ExitCode !== 0;
    if (!crashed) continue;
    const tail = await logTail(docker, s.containerName);
    await docker.getContainer(s.containerName).stop({ t: 1 }).catch(() => undefined);
    const ex = crashExplained(s.name, info.State.ExitCode, tail, info.State.Error || undefined, s.containerName);
    throw Object.assign(new StackError('service-exited', ex.error, ex.hint), { status: await statusWith(ctx, conn) });
  }
}
