/**
 * Which repository, branch and worktree a folder is in, read from the repository's own files (no `git`
 * process: a hook must cost next to nothing). Handles a plain checkout (`.git` folder), a linked
 * worktree (`.git` file pointing into the main repository's `worktrees/`), a bare repository, a
 * detached HEAD, and a folder that is in no repository or no longer exists. Synchronous, bounded
 * (at most 64 folders up), never throws.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface GitInfo {
  /** The repository's top-level folder (the main checkout's, for a worktree); null outside git. */
  root: string | null;
  /** `main`, or `detached@1a2b3c4`; empty outside git. */
  branch: string;
  /** The linked worktree's name; empty in the main checkout. */
  worktree: string;
  /** `owner/repo` from the `origin` remote (else the first), where it has one. */
  remote: string;
}

const none: GitInfo = { root: null, branch: '', worktree: '', remote: '' };
const maxLevels = 64;

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};
const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** A folder that is itself a git directory (a bare repository, or `.git`). */
const isGitDir = (dir: string): boolean => existsSync(path.join(dir, 'HEAD')) && isDir(path.join(dir, 'objects')) && isDir(path.join(dir, 'refs'));

function branchOf(gitDir: string): string {
  const head = read(path.join(gitDir, 'HEAD'))?.trim() ?? '';
  const ref = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
  if (ref) return ref[1]!;
  return /^[0-9a-f]{7,64}$/i.test(head) ? `detached@${head.slice(0, 7)}` : '';
}

/** `owner/repo` of a remote URL: git@host:owner/repo.git, https://host/owner/repo(.git), ssh://git@host/owner/repo. */
export function ownerRepo(url: string): string {
  const m = /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+(?::\d+)?\/|[^@\s]+@[^:\s]+:)(.+?)(?:\.git)?\/?$/i.exec(url.trim());
  const parts = m?.[1]?.split('/').filter(Boolean) ?? [];
  return parts.length >= 2 ? parts.slice(-2).join('/') : '';
}

function remoteOf(commonDir: string): string {
  const config = read(path.join(commonDir, 'config')) ?? '';
  const urls = new Map<string, string>();
  let current: string | null = null;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[remote\s+"([^"]+)"\]\s*$/.exec(line);
    if (section) current = section[1]!;
    else if (/^\s*\[/.test(line)) current = null;
    else if (current) {
      const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line);
      if (url && !urls.has(current)) urls.set(current, url[1]!);
    }
  }
  const url = urls.get('origin') ?? [...urls.values()][0];
  return url ? ownerRepo(url) : '';
}

export function gitInfo(folder: string): GitInfo {
  let dir = path.resolve(folder);
  for (let level = 0; level < maxLevels; level++) {
    const dotGit = path.join(dir, '.git');
    if (isDir(dotGit) && isGitDir(dotGit)) return { root: dir, branch: branchOf(dotGit), worktree: '', remote: remoteOf(dotGit) };
    const pointer = read(dotGit);
    const target = pointer && /^gitdir:\s*(.+?)\s*$/m.exec(pointer)?.[1];
    if (target) {
      const gitDir = path.resolve(dir, target);
      const common = path.resolve(gitDir, read(path.join(gitDir, 'commondir'))?.trim() || '.');
      const linked = path.basename(path.dirname(gitDir)) === 'worktrees';
      return { root: linked ? (path.basename(common) === '.git' ? path.dirname(common) : common) : dir, branch: branchOf(gitDir), worktree: linked ? path.basename(gitDir) : '', remote: remoteOf(common) };
    }
    if (isGitDir(dir)) return { root: dir, branch: branchOf(dir), worktree: '', remote: remoteOf(dir) };
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return none;
}
