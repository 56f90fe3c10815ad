// Bundles the preload script into one CommonJS file: a sandboxed preload can't load ES modules
// or require anything but a few built-ins, so everything it imports must be inlined.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entry = 'electron/preload/index.ts';
if (existsSync(entry)) {
  await build({
    entryPoints: [entry],
    outfile: 'dist/electron/preload/index.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
}
