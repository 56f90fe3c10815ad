/** The stack's status: each container as the engine sees it, and each service's readiness probed from the host. */
import type Docker from 'dockerode';
import type { ServiceStatus, StackStatus } from '../api/types.js';
import { containerName, serviceNames } from './definition.js';
import { discoverEngine, probeTimeoutOf, type Connection, type StackContext } from './context.js';
import { inspectOrNull, isOurs } from './lookup.js';
import { demuxLogs, deriveServiceStatus, serviceUrl, type ContainerFacts } from './model.js';
import { probeReady } from './probe.js';

/** The status, whether the engine answers or not (then the containers' state is unknown, readiness still probed). */
export async function stackStatus(ctx: StackContext): Promise<StackStatus> {
  const res = await discoverEngine(ctx);
  if (res.docker) return statusWith(ctx, { docker: res.docker, engine: res.status });
  const ready = await Promise.all(serviceNames.map((s) => probeReady(ctx.urls, s, probeTimeoutOf(ctx))));
  const services: ServiceStatus[] = serviceNames.map((name, i) => ({
    name, state: 'unknown', ready: ready[i]!, url: serviceUrl(ctx.urls, name),
    error: 'The Docker engine is not reachable, so the container state is unknown.',
  }));
  return { engine: res.status, services };
}

export async function statusWith(ctx: StackContext, { docker, engine }: Connection, probeTimeoutMs = probeTimeoutOf(ctx)): Promise<StackStatus> {
  const services = await Promise.all(serviceNames.map(async (name) => {
    const facts = await factsOf(ctx, docker, containerName(ctx.name, name));
    const ready = facts?.ours && facts.state === 'running' ? await probeReady(ctx.urls, name, probeTimeoutMs) : false;
    return deriveServiceStatus(name, serviceUrl(ctx.urls, name), facts, ready);
  }));
  return { engine, services };
}

async function factsOf(ctx: StackContext, docker: Docker, name: string): Promise<ContainerFacts | null> {
  const info = await inspectOrNull(name, () => docker.getContainer(name).inspect());
  if (!info) return null;
  const ours = isOurs(info.Config.Labels, ctx.name);
  const facts: ContainerFacts = { state: info.State.Status, exitCode: info.State.ExitCode, ours, containerName: name };
  if (info.State.Error) facts.error = info.State.Error;
  const crashed = ours && info.State.ExitCode !== 0 && (info.State.Status === 'exited' || info.State.Status === 'dead' || info.State.Restarting);
  if (crashed) facts.logTail = await logTail(docker, name);
  return facts;
}

/** The container's last log lines (none when the engine can't give them). */
export async function logTail(docker: Docker, name: string, lines = 20): Promise<string[]> {
  try {
    const buf = await docker.getContainer(name).logs({ stdout: true, stderr: true, tail: lines, follow: false });
    return demuxLogs(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf))).split('\n').filter((l) => l.trim());
  } catch {
    return [];
  }
}
