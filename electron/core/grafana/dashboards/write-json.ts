/**
 * Writes the dashboards to compose/grafana/dashboards/*.json:
 *   npx tsx electron/core/grafana/dashboards/write-json.ts [outDir]
 * The unit test fails when the committed files differ from what the builders produce.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_KEYS } from '../uids.js';
import { dashboardFileName, dashboardJson } from './index.js';

export const DEFAULT_DASHBOARD_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../compose/grafana/dashboards');

export function writeDashboards(dir = DEFAULT_DASHBOARD_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return DASHBOARD_KEYS.map((k) => {
    const file = join(dir, dashboardFileName(k));
    writeFileSync(file, dashboardJson(k));
    return file;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of writeDashboards(process.argv[2])) process.stdout.write(`${f}\n`);
}
