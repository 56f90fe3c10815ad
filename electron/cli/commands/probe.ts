import { formatUsd } from '../../core/format/numbers.js';
import { printable } from '../../core/format/printable.js';
import { loadContext } from '../context.js';
import { ExitCode, printJson } from '../output.js';
import { call, cliService } from '../service.js';
import type { RegisterCommand } from './types.js';

export const registerProbe: RegisterCommand = (program, deps) => {
  program
    .command('probe')
    .description("Check Claude Code's Prometheus exporter (scrape mode, default http://127.0.0.1:9464/metrics): reachable, sessions and their cost, version. Exits 3 when it is not reachable.")
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const { api } = await cliService(ctx);
      const result = await call(api, 'probeExporter', {});
      if (opts.json) printJson(deps.io, result);
      else if (!result.reachable) deps.io.stdout(`✗ ${printable(result.error ?? '', 1000)}\n`);
      else {
        const lines = [`✓ ${result.url} answers${result.version ? ` (Claude Code ${result.version})` : ''}`];
        if (result.error) lines.push(`  ${result.error}`);
        if (result.sessions.length === 0 && !result.error) lines.push('  No session has reported yet.');
        for (const s of result.sessions) lines.push(`  session ${s.sessionId}  ${formatUsd(s.costUsd)}`);
        // Session ids and errors come from whatever answers on the port: print them inert.
        deps.io.stdout(`${printable(lines.join('\n'), Infinity, { keepNewlines: true })}\n`);
      }
      if (!result.reachable || result.error) deps.setExit(ExitCode.unhealthy);
    });
};
