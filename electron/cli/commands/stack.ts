import type { Command } from 'commander';
import type { PullProgress, StackStatus } from '../../core/api/types.js';
import path from 'node:path';
import type { MonitorService } from '../../core/service.js';
import { appConfigDir } from '../../core/config/paths.js';
import { passwordFileName } from '../../core/stack/password.js';
import { allReady } from '../../core/stack/model.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson, type Io } from '../output.js';
import { call, cliService } from '../service.js';
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

async function control(deps: CommandDeps): Promise<{ api: MonitorService['api']; events: MonitorService['events']; io: Io; passwordFile: string }> {
  const ctx = await loadContext(deps.globals(), deps.env, deps.io);
  const { api, events } = await cliService(ctx, { stack: true });
  return { api, events, io: deps.io, passwordFile: path.join(appConfigDir(deps.env), passwordFileName) };
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
      const s = await call(api, 'getStackStatus', {});
      if (opts.json) printJson(io, s);
      else io.stdout(renderStackStatus(s));
      if (!allReady(s)) deps.setExit(ExitCode.unhealthy);
    });

  stack
    .command('up')
    .description('Pull missing images (with progress), create or adopt the containers, start them and wait until all are ready.')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { api, io, events, passwordFile } = await control(deps);
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
        s = await call(api, 'stackUp', {});
      } finally {
        off();
        if (tty && lastLogged !== -1) io.stderr('\n');
      }
      if (opts.json) printJson(io, s);
      else io.stdout(`${renderStackStatus(s)}Grafana: ${s.services.find((x) => x.name === 'grafana')?.url ?? ''} (anonymous viewer; admin password in ${passwordFile})\n`);
    });

  stack
    .command('down')
    .description('Stop the containers. The data volumes are kept (`ccmon stack purge --yes` deletes them).')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { api, io } = await control(deps);
      const s = await call(api, 'stackDown', {});
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
      const { api, io } = await control(deps);
      const result = await call(api, 'stackPurge', { confirm: true });
      if (opts.json) printJson(io, result);
      else io.stdout(`Removed ${result.removed.containers.length} container(s), ${result.removed.volumes.length} volume(s), ${result.removed.networks.length} network(s).\n`);
    });
};
