/**
 * A counter reset: one session runs, its process exits, then it is resumed in a new process
 * (same session_id and labels, same port) whose counters start again from zero. The second
 * process spends less than the first, so its values drop below the first's: a visible reset.
 */
import { sessionUuid, userHash } from '../ids.js';
import type { ScenarioInput } from '../scenario.js';
import { MODELS, apiCall } from './helpers.js';

export function counterReset(): ScenarioInput {
  const base = { sessionId: sessionUuid('counter-reset'), userId: userHash('sim'), model: MODELS.sonnet };
  return {
    name: 'counter-reset',
    description: 'One session, exited and resumed: the same series restart from zero in a new process.',
    sessions: [
      {
        ...base,
        start: 0,
        duration: 90,
        steps: [
          { ...apiCall({ at: 5, model: MODELS.sonnet, tokens: { input: 40000, output: 6000, cacheRead: 200000, cacheCreation: 20000 } }), activeTime: { cli: 12, user: 30 }, linesAdded: 120, linesRemoved: 30 },
          { ...apiCall({ at: 40, model: MODELS.sonnet, tokens: { input: 30000, output: 5000, cacheRead: 150000, cacheCreation: 10000 } }), activeTime: { cli: 9, user: 20 }, commits: 1 },
        ],
      },
      {
        ...base,
        startType: 'resume',
        start: 120,
        duration: 60,
        steps: [
          { ...apiCall({ at: 5, model: MODELS.sonnet, tokens: { input: 8000, output: 1500, cacheRead: 40000, cacheCreation: 3000 } }), activeTime: { cli: 3, user: 8 }, linesAdded: 15, linesRemoved: 4 },
        ],
      },
    ],
  };
}
