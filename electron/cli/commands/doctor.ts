import type { DoctorReport } from '../../core/api/types.js';
import { loadContext } from '../context.js';
import { ExitCode, printJson } from '../output.js';
import { call, cliService } from '../service.js';
import type { RegisterCommand } from './types.js';

export function renderDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    lines.push(`${c.ok ? '✓' : '✗'} ${c.id.padEnd(20)} ${c.detail.split('\n').join('\n' + ' '.repeat(23))}`);
    if (!c.ok && c.hint) lines.push(`  ${' '.repeat(20)} → ${c.hint}`);
  }
  return `${lines.join('\n')}\n`;
}

export const registerDoctor: RegisterCommand = (program, deps) => {
  program
    .command('doctor')
    .description("Check everything between Claude Code and the dashboards (the seed's validation commands): engine, services, exporter or recent samples, the claude-code target, Loki, Grafana; for a shared backend: reachable, credentials, OTLP push, data from this machine, clock skew. Exits 3 when a check fails.")
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      // A shared backend has no local stack to check: only its own checks run (doctor/remote.ts).
      const { backendKind } = await import('../../core/config/backend.js');
      const { api } = await cliService(ctx, { stack: backendKind(ctx.settings, deps.env) === 'local' });
      const report = await call(api, 'runDoctor', {});
      if (opts.json) printJson(deps.io, report);
      else deps.io.stdout(renderDoctor(report));
      if (report.checks.some((c) => !c.ok)) deps.setExit(ExitCode.unhealthy);
    });
};
