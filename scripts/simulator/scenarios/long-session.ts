/** One 10-minute interactive session: steady main-model calls, auxiliary Haiku calls, edits, 2 commits, 1 PR. */
import { sessionUuid, userHash } from '../ids.js';
import type { ScenarioInput } from '../scenario.js';
import { MODELS, apiCall, intIn, prng } from './helpers.js';

export function longSession(): ScenarioInput {
  const rand = prng(1);
  const steps = [];
  for (let i = 0; i < 20; i++) {
    const at = 10 + i * 29;
    steps.push({
      ...apiCall({
        at,
        model: MODELS.sonnet,
        tokens: { input: intIn(rand, 800, 4000), output: intIn(rand, 150, 1200), cacheRead: intIn(rand, 10000, 40000), cacheCreation: intIn(rand, 0, 3000) },
      }),
      activeTime: { cli: 2 + (i % 5) * 0.75, user: 6 + (i % 3) * 4 },
      ...(i % 4 === 1 ? { linesAdded: intIn(rand, 5, 60), linesRemoved: intIn(rand, 0, 20), editDecisions: [{ toolName: 'Edit', decision: 'accept' as const, source: 'config', language: 'TypeScript' }] } : {}),
      ...(i === 9 || i === 17 ? { commits: 1 } : {}),
      ...(i === 18 ? { pullRequests: 1 } : {}),
    });
    if (i % 3 === 0) {
      steps.push(apiCall({ at: at + 1, model: MODELS.haiku, querySource: 'auxiliary', tokens: { input: intIn(rand, 300, 2000), output: intIn(rand, 20, 120) } }));
    }
  }
  return {
    name: 'long-session',
    description: 'One 10-minute session on Sonnet with auxiliary Haiku calls, edits, 2 commits and a pull request.',
    sessions: [{ sessionId: sessionUuid('long-session'), userId: userHash('sim'), model: MODELS.sonnet, start: 0, duration: 600, steps }],
  };
}
