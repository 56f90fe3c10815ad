/**
 * Four short `claude -p`-like sessions, one after another on the same exporter port. Each one's
 * first exposed cost is already non-zero (PromQL's increase() would miss it).
 */
import { sessionUuid, userHash } from '../ids.js';
import type { ScenarioInput } from '../scenario.js';
import { MODELS, apiCall } from './helpers.js';

export function shortSessions(): ScenarioInput {
  const models = [MODELS.sonnet, MODELS.opus, MODELS.haiku, MODELS.sonnet];
  return {
    name: 'short-sessions',
    description: 'Four short headless sessions in a row on one port, each a few seconds long.',
    sessions: models.map((model, i) => ({
      sessionId: sessionUuid(`short-${i}`),
      userId: userHash('sim'),
      terminalType: 'non-interactive',
      model,
      start: i * 30,
      duration: 8,
      steps: [
        { ...apiCall({ at: 1, model, tokens: { input: 2100 + i * 100, output: 95 + i * 10, cacheRead: 6000, cacheCreation: 400 } }), activeTime: { cli: 0.56 + i * 0.1 } },
        ...(i % 2 === 0
          ? [{ ...apiCall({ at: 3, model, tokens: { input: 6427, output: 301 + i, cacheRead: 18000, cacheCreation: 1200 } }), linesAdded: 4 + i, linesRemoved: i, commits: i === 2 ? 1 : 0 }]
          : []),
      ],
    })),
  };
}
