// Bundles the commands Claude Code runs on every message update and session start (the status line,
// the hook, the OTLP headers helper) into one CommonJS file each: a new process runs them every time, and loading one file
// through Node's CommonJS loader costs a few milliseconds where two dozen ES modules (and the ES module
// loader itself) cost tens. What they need only sometimes (the push, the query of today's cost, a
// wrapped command) is bundled too but initialised only when first used.
import { build } from 'esbuild';

await build({
  entryPoints: { statusline: 'electron/cli/hot/statusline.ts', hook: 'electron/cli/hot/hook.ts', 'otel-headers': 'electron/cli/hot/otel-headers.ts' },
  outdir: 'dist/hot',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outExtension: { '.js': '.cjs' },
  // Packages stay in node_modules, required when (and if) the code that needs them first runs.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
