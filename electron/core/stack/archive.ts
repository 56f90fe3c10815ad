/**
 * Configuration reaches the containers as a tar archive put into the created container before it
 * starts (`putArchive`), never as a bind mount of the app's folder: Docker Desktop, Colima, Podman
 * machine and remote engines don't share it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pack } from 'tar-stream';
import type { ConfigMount } from './definition.js';

export interface ArchiveEntry {
  /** Path inside the container, without the leading slash. */
  name: string;
  content: Buffer;
  mode: number;
}

/** Lists the files of the config mounts (a missing source contributes nothing). Sorted, so archives are reproducible. */
export async function configEntries(composeDir: string, mounts: readonly ConfigMount[]): Promise<ArchiveEntry[]> {
  const out: ArchiveEntry[] = [];
  for (const m of mounts) {
    const src = path.join(composeDir, m.source);
    const stat = await fs.stat(src).catch(() => null);
    if (!stat) continue;
    if (stat.isFile()) {
      out.push({ name: m.target.replace(/^\/+/, ''), content: await fs.readFile(src), mode: 0o644 });
      continue;
    }
    for (const rel of await listFiles(src)) {
      out.push({ name: path.posix.join(m.target.replace(/^\/+/, ''), rel.split(path.sep).join('/')), content: await fs.readFile(path.join(src, rel)), mode: 0o644 });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** A tar archive of the entries (root-owned, world-readable), for `container.putArchive(tar, {path: '/'})`. */
export async function tarOf(entries: readonly ArchiveEntry[], mtime = new Date(0)): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    p.on('data', (c: unknown) => chunks.push(c as Buffer));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
  });
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      p.entry({ name: e.name, mode: e.mode, uid: 0, gid: 0, mtime, type: 'file', size: e.content.length }, e.content, (err) => (err ? reject(err) : resolve()));
    });
  }
  p.finalize();
  return done;
}

/**
 * Leaves out the entries a bind mount already provides: a container made by `docker compose` gets
 * its configuration from read-only bind mounts of compose/, and putting files there would fail.
 */
export function entriesOutsideBinds(entries: readonly ArchiveEntry[], bindTargets: readonly string[]): ArchiveEntry[] {
  const roots = bindTargets.map((t) => t.replace(/^\/+/, '').replace(/\/+$/, ''));
  return entries.filter((e) => !roots.some((r) => e.name === r || e.name.startsWith(`${r}/`)));
}
