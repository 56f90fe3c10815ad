/**
 * The stack manager: the thin dockerode adapter around the pure pieces of this folder.
 * Adopts what already runs (containers, network and volumes named and labelled by the one
 * definition, whether the app or `docker compose` made them), never touches anything without the
 * stack's label, keeps volumes on `down`, and reports status changes and pull progress as events.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import type { PullProgress, ServiceName, ServiceStatus, StackStatus } from '../api/types.js';
import type { ApiEventName, ApiEvents } from '../api/contract.js';
import { appConfigDir } from '../config/paths.js';
import { configEntries, entriesOutsideBinds, tarOf } from './archive.js';
import { defaultImages, defaultStackName, imageEnvVars, labels, serviceNames, stackSpec, type ServiceSpec, type StackSpec } from './definition.js';
import { connectEngine, defaultDiscoveryInput, type DiscoveryInput } from './engine.js';
import { allReady, crashExplained, demuxLogs, deriveServiceStatus, hostPortsFromUrls, portConflictExplained, portConflictFromError, serviceUrl, statusKey, type ContainerFacts, type StackUrls } from './model.js';
import { grafanaAdminPassword } from './password.js';
import { PullProgressAggregator } from './progress.js';
import { engineMessage, pullImage } from './pull.js';
import { engineErrorCode, StackError } from './errors.js';
import { sleep, withTimeout } from '../net/timeout.js';

export { StackError };


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

/** The compose/ folder beside the app (walks up from this module: works from source and from dist/). */
export function findComposeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CCMON_COMPOSE_DIR) return env.CCMON_COMPOSE_DIR;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'compose', 'docker-compose.yml'))) return path.join(dir, 'compose');
    const up = path.dirname(dir);
    if (up === dir) throw new StackError('no-compose-dir', 'Cannot find the compose/ folder of the app.', 'Set CCMON_COMPOSE_DIR to it.');
    dir = up;
  }
}

export function stackNameFrom(env: NodeJS.ProcessEnv): string {
  const name = env.CCMON_STACK_NAME || defaultStackName;
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) {
    throw new StackError('bad-stack-name', `CCMON_STACK_NAME is invalid: ${JSON.stringify(name)}.`, 'Use lowercase letters, digits, "-" and "_" (it names containers, volumes and the network).');
  }
  return name;
}

export function imagesFrom(env: NodeJS.ProcessEnv): Record<ServiceName, string> {
  const pick = (s: ServiceName): string => env[imageEnvVars[s]] || defaultImages[s];
  return { prometheus: pick('prometheus'), loki: pick('loki'), grafana: pick('grafana') };
}

const isNotFound = (err: unknown): boolean => (err as { statusCode?: number }).statusCode === 404;

export class StackManager {
  readonly name: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly urls: StackUrls;
  private events: EventSink | undefined;
  private lastKey = '';
  /** Set by `up`, cleared by `down`/`purge`: the watcher restarts services that stop on their own. */
  private wantUp = false;

  constructor(private readonly options: StackManagerOptions) {
    this.env = options.env ?? process.env;
    this.urls = options.urls;
    this.name = stackNameFrom(this.env);
    this.events = options.events;
  }

  /** Connects the manager to the service's event bus ('stack:status', 'stack:pull-progress'). */
  attach(events: EventSink): void {
    this.events = events;
  }

  private async engine(): Promise<{ docker: Docker; engine: StackStatus['engine'] }> {
    const res = await connectEngine(this.options.discovery ?? defaultDiscoveryInput(this.env));
    if (!res.docker) throw new StackError(engineErrorCode(res.problem), res.status.error ?? 'The Docker engine is not reachable.', res.status.hint);
    return { docker: res.docker, engine: res.status };
  }

  private async spec(): Promise<StackSpec> {
    const password = await grafanaAdminPassword(this.options.configDir ?? appConfigDir(this.env));
    return stackSpec({ name: this.name, images: imagesFrom(this.env), hostPorts: hostPortsFromUrls(this.urls), grafanaAdminPassword: password });
  }

  private containerNames(): Record<ServiceName, string> {
    return { prometheus: `${this.name}-prometheus`, loki: `${this.name}-loki`, grafana: `${this.name}-grafana` };
  }

  private emitStatus(status: StackStatus): void {
    const key = statusKey(status);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.events?.emit('stack:status', status);
  }

  // ---- status ---------------------------------------------------------------------------------

  async status(): Promise<StackStatus> {
    const res = await connectEngine(this.options.discovery ?? defaultDiscoveryInput(this.env));
    if (!res.docker) {
      const ready = await Promise.all(serviceNames.map((s) => this.probe(s)));
      const services: ServiceStatus[] = serviceNames.map((name, i) => ({
        name, state: 'unknown', ready: ready[i]!, url: serviceUrl(this.urls, name),
        error: 'The Docker engine is not reachable, so the container state is unknown.',
      }));
      const status = { engine: res.status, services };
      this.emitStatus(status);
      return status;
    }
    const status = await this.statusWith(res.docker, res.status);
    this.emitStatus(status);
    return status;
  }

  private async statusWith(docker: Docker, engine: StackStatus['engine'], probeTimeoutMs?: number): Promise<StackStatus> {
    const names = this.containerNames();
    const services = await Promise.all(serviceNames.map(async (name) => {
      const facts = await this.facts(docker, names[name]);
      const ready = facts?.ours && facts.state === 'running' ? await this.probe(name, probeTimeoutMs) : false;
      return deriveServiceStatus(name, serviceUrl(this.urls, name), facts, ready);
    }));
    return { engine, services };
  }

  private async facts(docker: Docker, containerName: string): Promise<ContainerFacts | null> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await docker.getContainer(containerName).inspect();
    } catch (err) {
      if (isNotFound(err)) return null;
      throw new StackError('engine-error', `Inspecting ${containerName} failed: ${engineMessage(err)}`);
    }
    const ours = info.Config.Labels?.[labels.stack] === this.name;
    const facts: ContainerFacts = { state: info.State.Status, exitCode: info.State.ExitCode, ours, containerName };
    if (info.State.Error) facts.error = info.State.Error;
    const crashed = ours && info.State.ExitCode !== 0 && (info.State.Status === 'exited' || info.State.Status === 'dead' || info.State.Restarting);
    if (crashed) facts.logTail = await this.logTail(docker, containerName);
    return facts;
  }

  private async logTail(docker: Docker, containerName: string, lines = 20): Promise<string[]> {
    try {
      const buf = (await docker.getContainer(containerName).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
      return demuxLogs(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf))).split('\n').filter((l) => l.trim());
    } catch {
      return [];
    }
  }

  /** Readiness, probed from the host at the configured URL (Loki's and Grafana's images have no curl). */
  private async probe(name: ServiceName, timeoutMs = this.options.probeTimeoutMs ?? 1500): Promise<boolean> {
    const base = new URL(serviceUrl(this.urls, name));
    const url = new URL(this.pathFor(name), base.origin);
    return withTimeout(async (signal) => {
      const res = await fetch(url, { signal });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok;
    }, timeoutMs).catch(() => false);
  }

  private pathFor(name: ServiceName): string {
    return name === 'prometheus' ? '/-/ready' : name === 'loki' ? '/ready' : '/api/health';
  }

  // ---- up -------------------------------------------------------------------------------------

  async up(): Promise<StackStatus> {
    const { docker, engine } = await this.engine();
    const spec = await this.spec();
    const composeDir = this.options.composeDir ?? findComposeDir(this.env);
    const existing = new Map<ServiceName, Docker.ContainerInspectInfo | null>();
    for (const s of spec.services) {
      const info = await docker.getContainer(s.containerName).inspect().catch((err: unknown) => {
        if (isNotFound(err)) return null;
        throw new StackError('engine-error', `Inspecting ${s.containerName} failed: ${engineMessage(err)}`);
      });
      if (info && info.Config.Labels?.[labels.stack] !== this.name) {
        throw new StackError('name-taken', `A container named ${s.containerName} exists and is not part of this stack; it is left alone.`, 'Remove or rename it, or give the stack another name with CCMON_STACK_NAME.');
      }
      // An adopted container of another image (an override changed, an upgrade): recreate it, volumes stay.
      if (info && info.Config.Image !== s.image) {
        await docker.getContainer(s.containerName).remove({ force: true });
        existing.set(s.name, null);
      } else existing.set(s.name, info);
    }

    await this.ensureImages(docker, spec.services.filter((s) => !existing.get(s.name)).map((s) => s.image));
    await this.ensureNetwork(docker, spec);
    await this.ensureVolumes(docker, spec);

    // The services start side by side; the first failure is reported (the others still start, and show in status).
    const started = await Promise.allSettled(spec.services.map(async (s) => {
      const info = existing.get(s.name);
      if (info?.State.Running) return; // adopted as it runs
      const container = info ? docker.getContainer(s.containerName) : await this.create(docker, spec, s);
      const binds = (info?.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => m.Destination);
      const entries = entriesOutsideBinds(await configEntries(composeDir, s.configs), binds);
      if (entries.length) await container.putArchive(await tarOf(entries), { path: '/' });
      try {
        await container.start();
      } catch (err) {
        throw this.startError(s, err);
      }
    }));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const status = await this.waitReady(docker, engine, spec);
    this.wantUp = true;
    return status;
  }

  private startError(s: ServiceSpec, err: unknown): StackError {
    const message = engineMessage(err);
    const port = portConflictFromError(message);
    if (port !== null) {
      const ex = portConflictExplained(s.name, port);
      return new StackError('port-taken', ex.error, ex.hint);
    }
    return new StackError('start-failed', `Starting ${s.name} failed: ${message}`);
  }

  private async ensureImages(docker: Docker, images: string[]): Promise<void> {
    const missing: string[] = [];
    for (const image of new Set(images)) {
      const present = await docker.getImage(image).inspect().then(() => true, (err: unknown) => {
        if (isNotFound(err)) return false;
        throw new StackError('engine-error', `Inspecting image ${image} failed: ${engineMessage(err)}`);
      });
      if (!present) missing.push(image);
    }
    if (missing.length === 0) return;
    const agg = new PullProgressAggregator(missing);
    let lastSent = -1;
    const send = (image: string, fraction: number, detail: string): void => {
      if (fraction - lastSent < 0.005 && !(fraction === 1 && lastSent < 1)) return;
      lastSent = fraction;
      const p: PullProgress = { fraction, image, detail };
      this.events?.emit('stack:pull-progress', p);
    };
    send(missing[0]!, 0, `pulling ${missing.length} image${missing.length > 1 ? 's' : ''}`);
    // One at a time: gentler on slow links, and a failure stops early with a clear message.
    for (const image of missing) {
      await pullImage(docker, image, (ev) => send(image, agg.update(image, ev), [ev.id, ev.status, ev.progress].filter(Boolean).join(' ')));
      send(image, agg.complete(image), `${image} pulled`);
    }
  }

  private async ensureNetwork(docker: Docker, spec: StackSpec): Promise<void> {
    const info = await docker.getNetwork(spec.network.name).inspect().catch((err: unknown) => (isNotFound(err) ? null : Promise.reject(err)));
    if (info) {
      if ((info as { Labels?: Record<string, string> }).Labels?.[labels.stack] !== this.name) {
        throw new StackError('name-taken', `A network named ${spec.network.name} exists and is not part of this stack; it is left alone.`, 'Remove it, or give the stack another name with CCMON_STACK_NAME.');
      }
      return;
    }
    await docker.createNetwork({ Name: spec.network.name, Driver: 'bridge', Labels: spec.network.labels, CheckDuplicate: true });
  }

  private async ensureVolumes(docker: Docker, spec: StackSpec): Promise<void> {
    for (const v of spec.volumes) {
      const info = await docker.getVolume(v.name).inspect().catch((err: unknown) => (isNotFound(err) ? null : Promise.reject(err)));
      if (info) {
        if (info.Labels?.[labels.stack] !== this.name) {
          throw new StackError('name-taken', `A volume named ${v.name} exists and is not part of this stack; it is left alone.`, 'Remove it, or give the stack another name with CCMON_STACK_NAME.');
        }
        continue;
      }
      await docker.createVolume({ Name: v.name, Labels: v.labels });
    }
  }

  private async create(docker: Docker, spec: StackSpec, s: ServiceSpec): Promise<Docker.Container> {
    const exposed: Record<string, object> = {};
    const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
    for (const p of s.ports) {
      exposed[`${p.containerPort}/tcp`] = {};
      bindings[`${p.containerPort}/tcp`] = [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }];
    }
    return docker.createContainer({
      name: s.containerName,
      Image: s.image,
      ...(s.command.length ? { Cmd: s.command } : {}),
      Env: Object.entries(s.environment).map(([k, v]) => `${k}=${v}`),
      Labels: s.labels,
      ExposedPorts: exposed,
      HostConfig: {
        PortBindings: bindings,
        Mounts: s.volumes.map((v) => ({ Type: 'volume' as const, Source: v.name, Target: v.target })),
        ExtraHosts: s.extraHosts,
        RestartPolicy: { Name: s.restart },
      },
      NetworkingConfig: { EndpointsConfig: { [spec.network.name]: { Aliases: [s.name] } } },
    });
  }

  private async waitReady(docker: Docker, engine: StackStatus['engine'], spec: StackSpec): Promise<StackStatus> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 90_000);
    for (;;) {
      // Short probes while starting: a service that is up answers in milliseconds.
      const status = await this.statusWith(docker, engine, 500);
      this.emitStatus(status);
      if (allReady(status)) return status;
      // A container that exits at start: stop its restart loop and say why, with its last log lines.
      for (const s of spec.services) {
        const info = await docker.getContainer(s.containerName).inspect().catch(() => null);
        if (!info) continue;
        const crashed = (!info.State.Running || info.State.Restarting || info.RestartCount > 0) && info.State.ExitCode !== 0;
        if (crashed) {
          const tail = await this.logTail(docker, s.containerName);
          await docker.getContainer(s.containerName).stop({ t: 1 }).catch(() => undefined);
          const ex = crashExplained(s.name, info.State.ExitCode, tail, info.State.Error || undefined, s.containerName);
          throw Object.assign(new StackError('service-exited', ex.error, ex.hint), { status: await this.statusWith(docker, engine) });
        }
      }
      if (Date.now() > deadline) {
        const waiting = status.services.filter((s) => !s.ready).map((s) => s.name).join(', ');
        throw new StackError('not-ready', `The stack did not become ready in time (waiting for ${waiting}).`, 'Run `ccmon stack status` to see each service, and `docker logs <container>` for details.');
      }
      await sleep(250);
    }
  }

  // ---- down / purge ---------------------------------------------------------------------------

  /** Stops the stack's containers. Containers, network and volumes (the data) stay. */
  async down(): Promise<StackStatus> {
    const { docker, engine } = await this.engine();
    this.wantUp = false;
    await Promise.all(serviceNames.map(async (name) => {
      const c = docker.getContainer(this.containerNames()[name]);
      const info = await c.inspect().catch(() => null);
      if (!info || info.Config.Labels?.[labels.stack] !== this.name) return;
      if (info.State.Running || info.State.Restarting) await c.stop({ t: 10 }).catch((err: unknown) => {
        if ((err as { statusCode?: number }).statusCode !== 304) throw err;
      });
    }));
    const status = await this.statusWith(docker, engine);
    this.emitStatus(status);
    return status;
  }

  /** Removes everything labelled as this stack's: containers, network, and the data volumes. */
  async purge(): Promise<{ removed: { containers: string[]; volumes: string[]; networks: string[] }; status: StackStatus }> {
    const { docker, engine } = await this.engine();
    this.wantUp = false;
    const filter = { label: [`${labels.stack}=${this.name}`] };
    const containers = await docker.listContainers({ all: true, filters: filter });
    for (const c of containers) await docker.getContainer(c.Id).remove({ force: true, v: false });
    const networks = await docker.listNetworks({ filters: filter });
    for (const n of networks) await docker.getNetwork(n.Id).remove();
    const volumes = (await docker.listVolumes({ filters: filter })).Volumes ?? [];
    for (const v of volumes) await docker.getVolume(v.Name).remove();
    const status = await this.statusWith(docker, engine);
    this.emitStatus(status);
    return {
      removed: { containers: containers.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, '')), volumes: volumes.map((v) => v.Name), networks: networks.map((n) => n.Name) },
      status,
    };
  }

  // ---- watch ----------------------------------------------------------------------------------

  /**
   * Polls the stack every `intervalMs` and emits 'stack:status' when anything changed (engine gone,
   * engine back, a service down or ready). After `up`, services that stopped on their own (an engine
   * restart) are started again. Returns a function that stops watching.
   */
  watch(intervalMs = 1000): () => void {
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const status = await this.status();
          if (this.wantUp && status.engine.reachable) await this.recover(status);
        } catch {
          /* the next tick tries again */
        }
        await sleep(intervalMs, { signal: stop.signal });
      }
    })();
    return () => stop.abort();
  }

  private async recover(status: StackStatus): Promise<void> {
    const stoppedServices = status.services.filter((s) => s.state === 'exited' || s.state === 'created');
    if (stoppedServices.length === 0) return;
    const { docker } = await this.engine();
    const spec = await this.spec();
    const composeDir = this.options.composeDir ?? findComposeDir(this.env);
    for (const s of spec.services.filter((x) => stoppedServices.some((y) => y.name === x.name))) {
      const c = docker.getContainer(s.containerName);
      const binds = ((await c.inspect().catch(() => null))?.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => m.Destination);
      const entries = entriesOutsideBinds(await configEntries(composeDir, s.configs), binds);
      if (entries.length) await c.putArchive(await tarOf(entries), { path: '/' }).catch(() => undefined);
      await c.start().catch(() => undefined);
    }
  }
}
