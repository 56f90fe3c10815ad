/**
 * Stopping and removing the stack, touching only what carries its label. `down` keeps everything
 * (the data volumes above all); `purge` removes containers, network and volumes.
 */
import type { StackStatus } from '../api/types.js';
import { containerName, labels, serviceNames } from './definition.js';
import type { Connection, StackContext } from './context.js';
import { isOurs } from './lookup.js';
import { statusWith } from './status.js';

export interface Purged {
  removed: { containers: string[]; volumes: string[]; networks: string[] };
  status: StackStatus;
}

export async function stopStack(ctx: StackContext, conn: Connection): Promise<StackStatus> {
  const { docker } = conn;
  await Promise.all(serviceNames.map(async (name) => {
    const c = docker.getContainer(containerName(ctx.name, name));
    const info = await c.inspect().catch(() => null);
    if (!info || !isOurs(info.Config.Labels, ctx.name)) return;
    if (info.State.Running || info.State.Restarting) await c.stop({ t: 10 }).catch((err: unknown) => {
      // 304: it stopped meanwhile.
      if ((err as { statusCode?: number }).statusCode !== 304) throw err;
    });
  }));
  return statusWith(ctx, conn);
}

export async function purgeStack(ctx: StackContext, conn: Connection): Promise<Purged> {
  const { docker } = conn;
  const filters = { label: [`${labels.stack}=${ctx.name}`] };
  const containers = await docker.listContainers({ all: true, filters });
  for (const c of containers) await docker.getContainer(c.Id).remove({ force: true, v: false });
  const networks = await docker.listNetworks({ filters });
  for (const n of networks) await docker.getNetwork(n.Id).remove();
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  for (const v of volumes) await docker.getVolume(v.Name).remove();
  return {
    removed: { containers: containers.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, '')), volumes: volumes.map((v) => v.Name), networks: networks.map((n) => n.Name) },
    status: await statusWith(ctx, conn),
  };
}
