import type { RegisterCommand } from './types.js';
import { registerSummary } from './summary.js';
import { registerProbe } from './probe.js';
import { registerEnv } from './env.js';
import { registerWeb } from './web.js';

/** Every `ccmon` command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [registerSummary, registerProbe, registerEnv, registerWeb];
