/** Rewrites compose/docker-compose.yml from the stack definition (`npm run stack:compose`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCompose } from '../../electron/core/stack/compose.js';

const file = fileURLToPath(new URL('../../compose/docker-compose.yml', import.meta.url));
writeFileSync(file, renderCompose());
process.stdout.write(`wrote ${file}\n`);
