/**
 * @grafana/grafana-foundation-sdk is a devDependency: it builds compose/grafana/dashboards/*.json and is
 * not in the installed app. So nothing the app, the CLI or web mode loads may import it (value imports;
 * `import type` is erased), and the dashboard builders that do stay out of their import graph.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SDK = '@grafana/grafana-foundation-sdk';
const ENTRIES = ['electron/main/index.ts', 'electron/preload/index.ts', 'electron/cli/index.ts', 'electron/web/server.ts', 'electron/core/service.ts'];

/** Module specifiers a file loads at run time: static imports and re-exports (not `import type`), side-effect and dynamic imports. */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** Every project file reachable from `entries` through relative runtime imports, with the packages each imports. */
function graph(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const todo = entries.map((e) => resolve(ROOT, e));
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    const specs = runtimeImports(readFileSync(file, 'utf8'));
    seen.set(file, specs.filter((s) => !s.startsWith('.')));
    for (const s of specs.filter((x) => x.startsWith('.'))) {
      const ts = resolve(dirname(file), s.replace(/\.js$/, '.ts'));
      const target = existsSync(ts) ? ts : resolve(dirname(file), s.replace(/\.js$/, '.tsx'));
      assert.ok(existsSync(target), `${relative(ROOT, file)} imports ${s}, which does not resolve`);
      todo.push(target);
    }
  }
  return seen;
}

const importsSdk = (packages: string[]): boolean => packages.some((p) => p === SDK || p.startsWith(`${SDK}/`));

test('runtimeImports reads value imports and skips type-only ones', () => {
  const src = [
    "import type { A } from '@grafana/grafana-foundation-sdk/dashboard';",
    "import * as dash from '@grafana/grafana-foundation-sdk/dashboard';",
    "import { x, type Y } from './x.js';",
    "export { z } from './z.js';",
    "export type { W } from './w.js';",
    "import './side.js';",
    "const m = await import('./lazy.js');",
  ].join('\n');
  assert.deepEqual(runtimeImports(src).sort(), ['./lazy.js', './side.js', './x.js', './z.js', '@grafana/grafana-foundation-sdk/dashboard'].sort());
});

test('the dashboard builders import the SDK (so the boundary below is real)', () => {
  const g = graph(['electron/core/grafana/dashboards/index.ts']);
  assert.ok([...g.values()].some(importsSdk));
});

test('nothing the app, the CLI or web mode loads imports the SDK', () => {
  const g = graph(ENTRIES);
  assert.ok(g.size > 50, `walked ${g.size} files`);
  const offenders = [...g].filter(([, pkgs]) => importsSdk(pkgs)).map(([f]) => relative(ROOT, f));
  assert.deepEqual(offenders, [], 'a runtime module imports the dashboard SDK; build the JSON at development time instead');
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  assert.ok(pkg.devDependencies?.[SDK], 'the SDK is a devDependency');
  assert.equal(pkg.dependencies?.[SDK], undefined, 'and not a runtime dependency');
});
