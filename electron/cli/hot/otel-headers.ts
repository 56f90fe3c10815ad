/**
 * `ccmon otel-headers`: Claude Code's otelHeadersHelper (set by `ccmon env --apply` for a shared backend
 * that needs credentials). Claude Code runs it when a session starts and again every 29 minutes, and
 * sends the JSON object it prints as headers with every push. So a token lives in one place (the 0600
 * secrets file, or CCMON_BEARER_TOKEN), never in Claude Code's settings, and a rotated token reaches
 * running sessions within the half hour.
 *
 * Without credentials it prints nothing and exits 1 with one line saying what to do: Claude Code names
 * a failed helper in its /doctor, and pushes without the header (which the backend then refuses).
 */
import { parseArgs } from 'node:util';
import { appConfigDir } from '../../core/config/paths.js';
import { hotSettings } from '../../core/config/hot-settings.js';
import { readInstallSync } from '../../core/env/install-record.js';
import { printable } from '../../core/format/printable.js';
import { bearerTokenEnvKey } from '../../core/config/env-keys.js';
import type { HotIo } from './statusline.js';

export function otelHeaders(argv: string[], io: HotIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let install: string | undefined;
  try {
    install = parseArgs({ args: argv, options: { install: { type: 'string' } }, strict: true, allowPositionals: false }).values.install;
  } catch (err) {
    io.stderr(`ccmon otel-headers: ${printable((err as Error).message, 200)}\n`);
    return Promise.resolve(2);
  }
  const record = install ? readInstallSync(appConfigDir(env), install) : null;
  const settings = hotSettings(env, record);
  const headers = { ...settings.otlpHeaders, ...settings.headers };
  if (!headers.Authorization) {
    io.stderr(`ccmon otel-headers: no credentials for the backend at ${printable(settings.otlpMetricsUrl, 200)}: set a token with \`ccmon backend set-token\` (or ${bearerTokenEnvKey} in Claude Code's environment).\n`);
    return Promise.resolve(1);
  }
  io.stdout(`${JSON.stringify(headers)}\n`);
  return Promise.resolve(0);
}
