/** Three sessions alive at the same time, each its own Claude Code process on its own exporter port. */
import { sessionUuid, userHash } from '../ids.js';
import type { ScenarioInput } from '../scenario.js';
import { MODELS, apiCall, intIn, prng } from './helpers.js';

export function concurrent(): ScenarioInput {
  const rand = prng(3);
  const models = [MODELS.opus, MODELS.sonnet, MODELS.haiku];
  return {
    name: 'concurrent',
    description: 'Three overlapping sessions on three exporter ports (Opus, Sonnet, Haiku).',
    sessions: models.map((model, i) => ({
      sessionId: sessionUuid(`concurrent-${i}`),
      userId: userHash('sim'),
      model,
      start: i * 20,
      duration: 180,
      steps: Array.from({ length: 6 }, (_, k) => ({
        ...apiCall({ at: 5 + k * 30, model, tokens: { input: intIn(rand, 500, 5000), output: intIn(rand, 100, 900), cacheRead: intIn(rand, 5000, 30000), cacheCreation: intIn(rand, 0, 2000) } }),
        activeTime: { cli: 1.5, user: 4 },
        ...(k === 3 ? { linesAdded: 10 * (i + 1), linesRemoved: i * 3 } : {}),
        ...(k === 5 && i === 0 ? { commits: 1 } : {}),
      })),
    })),
  };
}
