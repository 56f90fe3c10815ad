/**
 * `ccmon env --managed`: the managed settings an admin rolls out to a team, so every Claude Code on
 * every machine pushes to the shared backend (Claude Code reads managed-settings.json before the
 * user's settings, and its values win). What differs per machine or person is left out:
 *
 * - OTEL_RESOURCE_ATTRIBUTES: host.name is each machine's own, and a value pinned here would override
 *   the one each machine's `ccmon env --apply` writes. The by-machine view needs that per machine.
 * - credentials: each person's token stays theirs. When the backend takes one, the headers helper is
 *   `ccmon otel-headers` on the PATH, which sends the token that person stored with
 *   `ccmon backend set-token` (or their CCMON_BEARER_TOKEN).
 */
import path from 'node:path';
import type { Settings } from '../config/settings-schema.js';
import { envVars } from './snippet.js';
import type { PushTarget } from './push-target.js';
import type { ClaudeSettingsDesired } from './settings-plan.js';

/** Where Claude Code reads managed settings on each platform (as its own binary names them). */
export function managedSettingsFile(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return '/Library/Application Support/ClaudeCode/managed-settings.json';
  if (platform === 'win32') return path.win32.join('C:\\Program Files', 'ClaudeCode', 'managed-settings.json');
  return '/etc/claude-code/managed-settings.json';
}

/** The helper as a team's machines run it: ccmon from the PATH, each person's own token. */
export const managedHeadersHelper = 'ccmon otel-headers';

export function managedDesired(settings: Pick<Settings, 'prometheusUrl' | 'lokiUrl' | 'exporterUrl' | 'otlpMetricsUrl'>, target: PushTarget): ClaudeSettingsDesired {
  const env = envVars('push', settings, target);
  delete env.OTEL_RESOURCE_ATTRIBUTES;
  return { env, ...(target.credentials ? { otelHeadersHelper: managedHeadersHelper } : {}) };
}

/** The managed settings as the file an admin deploys (MDM, configuration management). */
export function managedSettingsText(desired: ClaudeSettingsDesired): string {
  return `${JSON.stringify({ env: desired.env, ...(desired.otelHeadersHelper ? { otelHeadersHelper: desired.otelHeadersHelper } : {}) }, null, 2)}\n`;
}
