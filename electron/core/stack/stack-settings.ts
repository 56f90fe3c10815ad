/** The stack's settings from the environment: its name, image overrides, and where compose/ is. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from '../api/types.js';
import { defaultImages, defaultStackName, imageEnvVars } from './definition.js';
import { StackError } from './errors.js';

/** The compose/ folder beside the app (walks up from this module: works from source and from dist/). */
export function findComposeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CCMON_COMPOSE_DIR) return env.CCMON_COMPOSE_DIR;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'compose', 'docker-compose.yml'))) return path.join(dir, 'compose');
    const up = path.dirname(dir);
    if (up === dir) throw new StackError('no-compose-dir', 'Cannot find the compose/ folder of the app.', 'Set CCMON_COMPOSE_DIR to it.');
    dir = up;
  }
}

export function stackNameFrom(env: NodeJS.ProcessEnv): string {
  const name = env.CCMON_STACK_NAME || defaultStackName;
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) {
    throw new StackError('bad-stack-name', `CCMON_STACK_NAME is invalid: ${JSON.stringify(name)}.`, 'Use lowercase letters, digits, "-" and "_" (it names containers, volumes and the network).');
  }
  return name;
}

export function imagesFrom(env: NodeJS.ProcessEnv): Record<ServiceName, string> {
  const pick = (s: ServiceName): string => env[imageEnvVars[s]] || defaultImages[s];
  return { prometheus: pick('prometheus'), loki: pick('loki'), grafana: pick('grafana') };
}
