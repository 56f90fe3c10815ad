/** Puts a service's configuration files into its container, except where a bind mount provides them (see archive.ts). */
import type Docker from 'dockerode';
import { configEntries, entriesOutsideBinds, tarOf } from './archive.js';
import type { ConfigMount } from './definition.js';

export async function copyConfig(container: Docker.Container, composeDir: string, configs: readonly ConfigMount[], mounts: ReadonlyArray<{ Type: string; Destination: string }>): Promise<void> {
  const binds = mounts.filter((m) => m.Type === 'bind').map((m) => m.Destination);
  const entries = entriesOutsideBinds(await configEntries(composeDir, configs), binds);
  if (entries.length) await container.putArchive(await tarOf(entries), { path: '/' });
}
