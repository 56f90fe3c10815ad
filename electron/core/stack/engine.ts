/**
 * Finding the Docker engine like Docker does: DOCKER_HOST, the current docker context
 * (DOCKER_CONTEXT or ~/.docker/config.json + contexts/meta), the platform default, then the known
 * sockets of Docker Desktop, Colima, Rancher Desktop, OrbStack and Podman. Candidate listing and
 * error explanations are pure; `connectEngine` is the thin adapter that pings them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { EngineStatus } from '../api/types.js';
import { isTimeout, withTimeout } from '../net/timeout.js';

export interface EngineCandidate {
  /** `unix:///path`, `npipe:////./pipe/name`, `tcp://host:port` or `ssh://user@host`. */
  host: string;
  /** Where it came from: `DOCKER_HOST`, `docker context "colima"`, `platform default`, `Colima`... */
  source: string;
  /** DOCKER_HOST and an explicit context are the user's choice: no fallback past them. */
  exclusive: boolean;
}

export interface DiscoveryInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  readFile: (file: string) => string | null;
}

export function defaultDiscoveryInput(env: NodeJS.ProcessEnv = process.env): DiscoveryInput {
  return {
    env,
    platform: process.platform,
    home: env.HOME ?? os.homedir(),
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** The docker context's endpoint, from ~/.docker/config.json (or DOCKER_CONTEXT) and contexts/meta/<sha256(name)>/meta.json. */
export function contextEndpoint(input: DiscoveryInput): { name: string; host: string | null; explicit: boolean } | null {
  const configDir = input.env.DOCKER_CONFIG ?? path.join(input.home, '.docker');
  let name = input.env.DOCKER_CONTEXT || '';
  const explicit = Boolean(name);
  if (!name) {
    const text = input.readFile(path.join(configDir, 'config.json'));
    if (text) {
      try {
        const cfg = JSON.parse(text) as { currentContext?: unknown };
        if (typeof cfg.currentContext === 'string') name = cfg.currentContext;
      } catch {
        /* an unreadable config means no context, like docker's own fallback */
      }
    }
  }
  if (!name || name === 'default') return null;
  const hash = createHash('sha256').update(name).digest('hex');
  const meta = input.readFile(path.join(configDir, 'contexts', 'meta', hash, 'meta.json'));
  if (!meta) return { name, host: null, explicit };
  try {
    const m = JSON.parse(meta) as { Endpoints?: { docker?: { Host?: unknown } } };
    const host = m.Endpoints?.docker?.Host;
    return { name, host: typeof host === 'string' ? host : null, explicit };
  } catch {
    return { name, host: null, explicit };
  }
}

/** Every place to look for an engine, in order. */
export function engineCandidates(input: DiscoveryInput): EngineCandidate[] {
  const { env, platform, home } = input;
  if (env.DOCKER_HOST) return [{ host: env.DOCKER_HOST, source: 'DOCKER_HOST', exclusive: true }];
  const out: EngineCandidate[] = [];
  const ctx = contextEndpoint(input);
  if (ctx?.host) {
    out.push({ host: ctx.host, source: `docker context "${ctx.name}"`, exclusive: ctx.explicit });
    if (ctx.explicit) return out;
  }
  const unix = (p: string, source: string): void => {
    out.push({ host: `unix://${p}`, source, exclusive: false });
  };
  if (platform === 'win32') {
    out.push({ host: 'npipe:////./pipe/docker_engine', source: 'platform default', exclusive: false });
    out.push({ host: 'npipe:////./pipe/dockerDesktopLinuxEngine', source: 'Docker Desktop', exclusive: false });
    out.push({ host: 'npipe:////./pipe/podman-machine-default', source: 'Podman', exclusive: false });
  } else {
    unix('/var/run/docker.sock', 'platform default');
    unix(path.join(home, '.docker', 'run', 'docker.sock'), 'Docker Desktop');
    if (platform === 'linux') unix(path.join(home, '.docker', 'desktop', 'docker.sock'), 'Docker Desktop');
    unix(path.join(home, '.colima', 'default', 'docker.sock'), 'Colima');
    unix(path.join(home, '.colima', 'docker.sock'), 'Colima');
    unix(path.join(home, '.rd', 'docker.sock'), 'Rancher Desktop');
    unix(path.join(home, '.orbstack', 'run', 'docker.sock'), 'OrbStack');
    if (env.XDG_RUNTIME_DIR) {
      unix(path.join(env.XDG_RUNTIME_DIR, 'docker.sock'), 'rootless Docker');
      unix(path.join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'), 'Podman');
    }
    if (platform === 'linux') unix('/run/podman/podman.sock', 'Podman');
    if (platform === 'darwin') unix(path.join(home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock'), 'Podman');
  }
  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.host) ? false : (seen.add(c.host), true)));
}

/** dockerode connection options of a DOCKER_HOST-style address. */
export function dockerOptions(host: string, env: NodeJS.ProcessEnv = {}, readFile: (f: string) => string | null = () => null): Docker.DockerOptions {
  const url = new URL(host);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) };
    case 'npipe:':
      return { socketPath: `//${host.slice('npipe:'.length).replace(/^\/+/, '')}`.replace(/\//g, '\\') };
    case 'ssh:':
      return { protocol: 'ssh', host: url.hostname, port: url.port ? Number(url.port) : 22, username: url.username || undefined };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || (Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0');
      const opts: Docker.DockerOptions = { host: url.hostname, port: url.port ? Number(url.port) : tls ? 2376 : 2375, protocol: tls ? 'https' : 'http' };
      if (tls && env.DOCKER_CERT_PATH) {
        const read = (n: string): string | undefined => readFile(path.join(env.DOCKER_CERT_PATH!, n)) ?? undefined;
        Object.assign(opts, { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') });
      }
      return opts;
    }
    default:
      throw new Error(`Unsupported Docker address ${host} (expected unix://, npipe://, tcp:// or ssh://).`);
  }
}

export type EngineProblem = 'missing' | 'stopped' | 'permission' | 'timeout' | 'other';

export interface ExplainedEngineError {
  problem: EngineProblem;
  error: string;
  hint: string;
}

/** Why an engine did not answer, in words a person can act on. Pure. */
export function explainEngineError(code: string | undefined, message: string, host: string, platform: NodeJS.Platform = process.platform): ExplainedEngineError {
  const where = host.replace(/^unix:\/\//, '');
  if (code === 'ENOENT') {
    return {
      problem: 'missing',
      error: `No Docker engine found: ${where} does not exist.`,
      hint: 'Install and start a Docker engine (Docker Desktop, Colima, Rancher Desktop, Podman, or docker.io on Linux), or point DOCKER_HOST at yours.',
    };
  }
  if (code === 'ECONNREFUSED') {
    const start = platform === 'darwin' || platform === 'win32'
      ? 'Start Docker Desktop (or `colima start`, or `podman machine start`)'
      : 'Start it: `sudo systemctl start docker` (or start Docker Desktop / `colima start` / `systemctl --user start podman.socket`)';
    return { problem: 'stopped', error: `The Docker engine at ${where} is not running (connection refused).`, hint: `${start}.` };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      problem: 'permission',
      error: `Permission denied on ${where}: this user may not use the Docker engine.`,
      hint: 'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and back in), or use rootless Docker (`dockerd-rootless-setuptool.sh install`, then DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock).',
    };
  }
  if (code === 'EPIPE' || code === 'ECONNRESET') {
    return { problem: 'stopped', error: `The Docker engine at ${where} stopped answering (connection closed).`, hint: 'It may be restarting; if it stays away, start it again (Docker Desktop, `sudo systemctl start docker`, `colima start`).' };
  }
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') {
    return { problem: 'timeout', error: `The Docker engine at ${where} did not answer in time.`, hint: 'The engine may be starting or overloaded; try again in a moment.' };
  }
  return { problem: 'other', error: `The Docker engine at ${where} did not answer: ${message}`, hint: 'Check that the engine runs and that DOCKER_HOST (or the docker context) points at it.' };
}

/** Which failure to report when no candidate answered: the most actionable one. */
export function pickEngineFailure(failures: Array<{ candidate: EngineCandidate; explained: ExplainedEngineError }>): { candidate: EngineCandidate; explained: ExplainedEngineError } | null {
  const rank: Record<EngineProblem, number> = { permission: 0, stopped: 1, timeout: 2, other: 3, missing: 4 };
  return [...failures].sort((a, b) => rank[a.explained.problem] - rank[b.explained.problem])[0] ?? null;
}

export interface ConnectedEngine {
  docker: Docker;
  status: EngineStatus;
}

export interface EngineFailure {
  docker: null;
  status: EngineStatus;
  problem: EngineProblem;
}

function errCode(err: unknown): string | undefined {
  if (isTimeout(err)) return 'TIMEOUT';
  const e = err as { code?: unknown; errno?: unknown; message?: unknown };
  if (typeof e?.code === 'string') return e.code;
  const m = typeof e?.message === 'string' ? /\b(ENOENT|ECONNREFUSED|EACCES|EPERM|ETIMEDOUT|EPIPE|ECONNRESET)\b/.exec(e.message) : null;
  return m?.[1];
}

/** Pings the candidates in order; the first that answers wins. Never throws. */
export async function connectEngine(input: DiscoveryInput = defaultDiscoveryInput(), timeoutMs = 3000): Promise<ConnectedEngine | EngineFailure> {
  const candidates = engineCandidates(input);
  const failures: Array<{ candidate: EngineCandidate; explained: ExplainedEngineError }> = [];
  for (const candidate of candidates) {
    let opts: Docker.DockerOptions;
    try {
      opts = dockerOptions(candidate.host, input.env, input.readFile);
    } catch (err) {
      failures.push({ candidate, explained: { problem: 'other', error: (err as Error).message, hint: 'Fix DOCKER_HOST or the docker context.' } });
      if (candidate.exclusive) break;
      continue;
    }
    // A unix socket that isn't there: no need to connect (and the error is plainly "missing").
    if (opts.socketPath && !candidate.host.startsWith('npipe:') && !fs.existsSync(opts.socketPath)) {
      failures.push({ candidate, explained: explainEngineError('ENOENT', '', candidate.host, input.platform) });
      if (candidate.exclusive) break;
      continue;
    }
    const docker = new Docker({ ...opts, timeout: 60_000 });
    try {
      const version = await withTimeout(docker.version(), timeoutMs);
      return {
        docker,
        status: { reachable: true, socket: candidate.host, version: `${version.Version}${/podman/i.test(JSON.stringify(version.Components ?? '')) ? ' (Podman)' : ''}`, error: null },
      };
    } catch (err) {
      failures.push({ candidate, explained: explainEngineError(errCode(err), (err as Error).message, candidate.host, input.platform) });
      if (candidate.exclusive) break;
    }
  }
  const worst = pickEngineFailure(failures);
  const explained = worst?.explained ?? explainEngineError('ENOENT', '', 'unix:///var/run/docker.sock', input.platform);
  // When every candidate was simply absent, name the default place rather than the last exotic one.
  const socket = worst && worst.explained.problem !== 'missing' ? worst.candidate.host : (candidates[0]?.host ?? null);
  const error = worst && worst.explained.problem === 'missing' && candidates.length > 1
    ? `No Docker engine found (looked at ${candidates.map((c) => c.host.replace(/^unix:\/\//, '')).join(', ')}).`
    : explained.error;
  return { docker: null, problem: explained.problem, status: { reachable: false, socket, version: null, error, hint: explained.hint } };
}
