/**
 * What every part of the stack manager shares: the stack's name and settings, the way to reach the
 * engine, the stack's spec, and where status and pull progress go.
 */
import type Docker from 'dockerode';
import type { EngineStatus, PullProgress, StackStatus } from '../api/types.js';
import type { ApiEventName, ApiEvents } from '../api/contract.js';
import { appConfigDir } from '../config/paths.js';
import { stackSpec, type StackSpec } from './definition.js';
import { connectEngine, defaultDiscoveryInput, type ConnectedEngine, type DiscoveryInput, type EngineFailure } from './engine.js';
import { engineErrorCode, StackError } from './errors.js';
import { hostPortsFromUrls, statusKey, type StackUrls } from './model.js';
import { grafanaAdminPassword } from './password.js';
import { findComposeDir, imagesFrom, stackNameFrom } from './stack-settings.js';

export interface EventSink {
  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
}

export interface StackManagerOptions {
  urls: StackUrls;
  env?: NodeJS.ProcessEnv;
  /** Where the Grafana password file lives (default: the app's config folder). */
  configDir?: string;
  /** The folder holding docker-compose.yml and the config files (default: found from this module). */
  composeDir?: string;
  discovery?: DiscoveryInput;
  /** How long `up` waits for every service to be ready. */
  readyTimeoutMs?: number;
  /** Per-request timeout of the readiness probes. */
  probeTimeoutMs?: number;
  events?: EventSink;
}

export interface StackContext {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  readonly urls: StackUrls;
  readonly options: StackManagerOptions;
  /** Emits 'stack:status' when the status differs from the last one emitted. */
  emitStatus(status: StackStatus): void;
  emitPullProgress(progress: PullProgress): void;
}

/** A reachable engine and what it said about itself. */
export interface Connection {
  docker: Docker;
  engine: EngineStatus;
}

export function stackContext(options: StackManagerOptions, sink: () => EventSink | undefined): StackContext {
  const env = options.env ?? process.env;
  let lastKey = '';
  return {
    name: stackNameFrom(env),
    env,
    urls: options.urls,
    options,
    emitStatus: (status) => {
      const key = statusKey(status);
      if (key === lastKey) return;
      lastKey = key;
      sink()?.emit('stack:status', status);
    },
    emitPullProgress: (progress) => sink()?.emit('stack:pull-progress', progress),
  };
}

export function discoverEngine(ctx: StackContext): Promise<ConnectedEngine | EngineFailure> {
  return connectEngine(ctx.options.discovery ?? defaultDiscoveryInput(ctx.env));
}

/** The engine, or a StackError saying why it is out of reach (missing, stopped, permission...). */
export async function requireEngine(ctx: StackContext): Promise<Connection> {
  const res = await discoverEngine(ctx);
  if (!res.docker) throw new StackError(engineErrorCode(res.problem), res.status.error ?? 'The Docker engine is not reachable.', res.status.hint);
  return { docker: res.docker, engine: res.status };
}

export async function specOf(ctx: StackContext): Promise<StackSpec> {
  const password = await grafanaAdminPassword(ctx.options.configDir ?? appConfigDir(ctx.env));
  return stackSpec({ name: ctx.name, images: imagesFrom(ctx.env), hostPorts: hostPortsFromUrls(ctx.urls), grafanaAdminPassword: password });
}

export function composeDirOf(ctx: StackContext): string {
  return ctx.options.composeDir ?? findComposeDir(ctx.env);
}

export function probeTimeoutOf(ctx: StackContext): number {
  return ctx.options.probeTimeoutMs ?? 1500;
}
