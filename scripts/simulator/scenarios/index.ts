/** The named scenarios shipped with the simulator. */
import { parseScenario, type Scenario, type ScenarioInput } from '../scenario.js';
import { concurrent } from './concurrent.js';
import { counterReset } from './counter-reset.js';
import { demo } from './demo.js';
import { longSession } from './long-session.js';
import { shortSessions } from './short-sessions.js';

const BUILDERS: Record<string, () => ScenarioInput> = {
  'long-session': longSession,
  'short-sessions': shortSessions,
  concurrent,
  'counter-reset': counterReset,
  demo,
};

export const SCENARIO_NAMES = Object.keys(BUILDERS);

/** A fresh, validated copy of a named scenario. */
export function namedScenario(name: string): Scenario {
  const build = BUILDERS[name];
  if (!build) throw new Error(`Unknown scenario "${name}". Known: ${SCENARIO_NAMES.join(', ')}; or pass a .json file.`);
  return parseScenario(build());
}
