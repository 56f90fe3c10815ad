import { PrometheusClient } from '../../core/prometheus/client.js';
import { costToday } from '../../core/summary/summary.js';
import { parseStatusInput, renderStatusLine } from '../../core/statusline/statusline.js';
import { loadContext } from '../context.js';
import type { RegisterCommand } from './types.js';

async function readStdin(limitBytes = 1 << 20): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const registerStatusline: RegisterCommand = (program, deps) => {
  program
    .command('statusline')
    .description(
      "One short line for Claude Code's status line (settings.json: \"statusLine\": {\"type\": \"command\", \"command\": \"npx ccmon statusline\"}). " +
        "Reads Claude Code's JSON on stdin; today's cost comes from Prometheus within --timeout.",
    )
    .option('--timeout <ms>', 'how long to wait for Prometheus', '800')
    .action(async (opts: { timeout: string }) => {
      const [input, ctx] = await Promise.all([readStdin().then(parseStatusInput), loadContext(deps.globals(), deps.env, deps.io)]);
      const client = new PrometheusClient({ url: ctx.settings.prometheusUrl, auth: ctx.settings.prometheusAuth, timeoutMs: Math.max(50, Number(opts.timeout) || 800) });
      const today = await costToday(client).catch(() => null);
      deps.io.stdout(`${renderStatusLine(input, today)}\n`);
    });
};
