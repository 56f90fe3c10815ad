import type { RegisterCommand } from './types.js';
import { registerSummary } from './summary.js';
import { registerProbe } from './probe.js';
import { registerEnv } from './env.js';
import { registerWeb } from './web.js';
import { registerStack } from './stack.js';
import { registerDoctor } from './doctor.js';
import { registerStatusline } from './statusline.js';
import { registerLimits } from './limits.js';
import { registerHook } from './hook.js';
import { registerSessions } from './sessions.js';
import { registerBackend } from './backend.js';
import { registerOtelHeaders } from './otel-headers.js';

/** Every `ccmon` command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [registerSummary, registerSessions, registerLimits, registerProbe, registerEnv, registerBackend, registerStack, registerDoctor, registerWeb, registerStatusline, registerHook, registerOtelHeaders];
