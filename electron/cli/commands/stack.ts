import type { Command } from 'commander';
import type { PullProgress, StackStatus } from '../../core/api/types.js';
import { createMonitorService } from '../../core/service.js';
import { createStackController, type StackControl } from '../../core/stack/index.js';
import { allReady } from '../../core/stack/model.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson, type Io } from '../output.js';
import type { CommandDeps, RegisterCommand } from './types.js';

export function renderStackStatus(s: StackStatus): string {
  const e = s.engine;
  const lines = [e.reachable ? `engine      ✓ Docker ${e.version ?? '?'} at ${e.socket ?? '?'}` : `engine      ✗ ${e.error ?? 'not reachable'}${e.hint ? `\n            ${e.hint}` : ''}`];
  for (const x of s.services) {
    const mark = x.state === 'running' && x.ready ? '✓' : '✗';
    lines.push(`${x.name.padEnd(11)} ${mark} ${x.state}${x.state === 'running' ? (x.ready ? ', ready' : ', not ready') : ''}  ${x.url}`);
    if (x.error && !(x.state === 'running' && x.ready)) lines.push(...x.error.split('\n').map((l) => `            ${l}`));
    if (x.hint) lines.push(`            ${x.hint}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A terminal line of pull progress ("Pulling images  42%  prom/prometheus:v3.5.0"). */
export function progressLine(p: PullProgress): string {
  return `Pulling images ${String(Math.round(p.fraction * 100)).padStart(3)}%  ${p.image}`;
}

async function control(deps: CommandDeps): Promise<{ stack: StackControl; io: Io; api: ReturnType<typeof createMonitorService>['api']; events: ReturnType<typeof createMonitorService>['events'] }> {
  const ctx = await loadContext(deps.globals(), deps.env, deps.io);
  let stack: StackControl;
  try {
    stack = createStackController(ctx.settings, { env: deps.env });
  } catch (err) {
    throw new UserError((err as Error).message, (err as { hint?: string }).hint, ExitCode.usage);
  }
  const { api, events } = createMonitorService({ settings: ctx.settings, stack });
  return { stack, io: deps.io, api, events };
}

function asUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  const e = err as { message?: string; hint?: string };
  return new UserError(e.message ?? String(err), e.hint, ExitCode.failure);
}

export const registerStack: RegisterCommand = (program, deps) => {
  const stack: Command = program
    .command('stack')
    .description('The local monitoring stack (Prometheus, Loki, Grafana) in Docker. Names: CCMON_STACK_NAME; images: CCMON_IMAGE_PROMETHEUS/LOKI/GRAFANA; ports: from the configured URLs.');

  stack
    .command('status')
    .description('The engine and each service: state, readiness, URL. Exits 3 unless every service is running and ready.')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { api, io } = await control(deps);
      const s = await api.getStackStatus({});
      if (opts.json) printJson(io, s);
      else io.stdout(renderStackStatus(s));
      if (!allReady(s)) deps.setExit(ExitCode.unhealthy);
    });

  stack
    .command('up')
    .description('Pull missing images (with progress), create or adopt the containers, start them and wait until all are ready.')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { api, io, events, stack: ctl } = await control(deps);
      const tty = io.isTTY && !opts.json;
      let lastLogged = -1;
      const off = events.on('stack:pull-progress', (p) => {
        if (tty) io.stderr(`\r${progressLine(p)}\u001b[K`);
        else if (Math.floor(p.fraction * 10) > lastLogged) {
          lastLogged = Math.floor(p.fraction * 10);
          io.stderr(`${progressLine(p)}\n`);
        }
      });
      let s: StackStatus;
      try {
        s = await api.stackUp({});
      } catch (err) {
        throw asUserError(err);
      } finally {
        off();
        if (tty && lastLogged !== -1) io.stderr('\n');
      }
      if (opts.json) printJson(io, s);
      else io.stdout(`${renderStackStatus(s)}Grafana: ${s.services.find((x) => x.name === 'grafana')?.url ?? ''} (anonymous viewer; admin password in ${ctl.passwordFile})\n`);
    });

  stack
    .command('down')
    .description('Stop the containers. The data volumes are kept (`ccmon stack purge --yes` deletes them).')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { api, io } = await control(deps);
      let s: StackStatus;
      try {
        s = await api.stackDown({});
      } catch (err) {
        throw asUserError(err);
      }
      if (opts.json) printJson(io, s);
      else io.stdout(renderStackStatus(s));
    });

  stack
    .command('purge')
    .description("Remove the stack's containers, network and data volumes (everything labelled with this stack's name). Needs --yes.")
    .option('--yes', 'confirm: the collected metrics, logs and Grafana state are deleted')
    .option('--json', 'print one JSON document')
    .action(async (opts: { yes?: boolean; json?: boolean }) => {
      if (!opts.yes) {
        throw new UserError('`ccmon stack purge` deletes the stack\'s data (metrics, logs, Grafana state) for good.', 'Run `ccmon stack purge --yes` to confirm; `ccmon stack down` stops the stack and keeps the data.', ExitCode.usage);
      }
      const { stack: ctl, io } = await control(deps);
      let result: Awaited<ReturnType<typeof ctl.manager.purge>>;
      try {
        result = await ctl.manager.purge();
      } catch (err) {
        throw asUserError(err);
      }
      if (opts.json) printJson(io, result);
      else io.stdout(`Removed ${result.removed.containers.length} container(s), ${result.removed.volumes.length} volume(s), ${result.removed.networks.length} network(s).\n`);
    });
};
