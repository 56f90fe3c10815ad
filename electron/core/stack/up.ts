/**
 * Bringing the stack up: adopts the containers, network and volumes the definition names when they
 * carry the stack's label (made by the app or by `docker compose`), creates what is missing, copies
 * the configuration in, starts the services and waits until they are ready.
 */
import type Docker from 'dockerode';
import type { ServiceName, StackStatus } from '../api/types.js';
import type { ServiceSpec, StackSpec } from './definition.js';
import { composeDirOf, specOf, type Connection, type StackContext } from './context.js';
import { copyConfig } from './config-copy.js';
import { containerOptions } from './container-options.js';
import { StackError } from './errors.js';
import { ensureImages } from './images.js';
import { assertOurs, inspectOrNull } from './lookup.js';
import { portConflictExplained, portConflictFromError } from './model.js';
import { engineMessage } from './pull.js';
import { waitReady } from './readiness.js';

type Adopted = Map<ServiceName, Docker.ContainerInspectInfo | null>;

export async function bringUp(ctx: StackContext, conn: Connection): Promise<StackStatus> {
  const { docker } = conn;
  const spec = await specOf(ctx);
  const composeDir = composeDirOf(ctx);
  const existing = await adoptContainers(ctx, docker, spec);
  await ensureImages(docker, spec.services.filter((s) => !existing.get(s.name)).map((s) => s.image), (progress) => ctx.emitPullProgress(progress));
  await ensureNetwork(ctx, docker, spec);
  await ensureVolumes(ctx, docker, spec);

  // The services start side by side; the first failure is reported (the others still start, and show in status).
  const started = await Promise.allSettled(spec.services.map(async (s) => {
    const info = existing.get(s.name);
    if (info?.State.Running) return; // adopted as it runs
    const container = info ? docker.getContainer(s.containerName) : await docker.createContainer(containerOptions(spec, s));
    await copyConfig(container, composeDir, s.configs, info?.Mounts ?? []);
    try {
      await container.start();
    } catch (err) {
      throw startError(s, err);
    }
  }));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return waitReady(ctx, conn, spec);
}

/** The stack's existing containers by service (null: none, or removed because its image changed). */
async function adoptContainers(ctx: StackContext, docker: Docker, spec: StackSpec): Promise<Adopted> {
  const existing: Adopted = new Map();
  for (const s of spec.services) {
    const info = await inspectOrNull(s.containerName, () => docker.getContainer(s.containerName).inspect());
    if (info) assertOurs('container', s.containerName, info.Config.Labels, ctx.name);
    // An adopted container of another image (an override changed, an upgrade): recreate it, volumes stay.
    if (info && info.Config.Image !== s.image) {
      await docker.getContainer(s.containerName).remove({ force: true });
      existing.set(s.name, null);
    } else existing.set(s.name, info);
  }
  return existing;
}

async function ensureNetwork(ctx: StackContext, docker: Docker, spec: StackSpec): Promise<void> {
  const { name, labels } = spec.network;
  const info = await inspectOrNull(`network ${name}`, () => docker.getNetwork(name).inspect());
  if (info) return assertOurs('network', name, info.Labels, ctx.name);
  await docker.createNetwork({ Name: name, Driver: 'bridge', Labels: labels, CheckDuplicate: true });
}

async function ensureVolumes(ctx: StackContext, docker: Docker, spec: StackSpec): Promise<void> {
  for (const v of spec.volumes) {
    const info = await inspectOrNull(`volume ${v.name}`, () => docker.getVolume(v.name).inspect());
    if (info) assertOurs('volume', v.name, info.Labels, ctx.name);
    else await docker.createVolume({ Name: v.name, Labels: v.labels });
  }
}

function startError(s: ServiceSpec, err: unknown): StackError {
  const message = engineMessage(err);
  const port = portConflictFromError(message);
  if (port !== null) {
    const ex = portConflictExplained(s.name, port);
    return new StackError('port-taken', ex.error, ex.hint);
  }
  return new StackError('start-failed', `Starting ${s.name} failed: ${message}`);
}
