/**
 * A pleasant demo: a morning of work over ~15 minutes. A long Opus session with Haiku helpers and
 * a Sonnet subagent, a parallel Sonnet session on a second port, a few quick headless runs, and a
 * resumed session. Commits, a pull request, edits in several languages.
 */
import { sessionUuid, userHash } from '../ids.js';
import type { ScenarioInput } from '../scenario.js';
import { MODELS, apiCall, intIn, prng } from './helpers.js';

const LANGS = ['TypeScript', 'Python', 'Markdown', 'Go'];

export function demo(): ScenarioInput {
  const rand = prng(42);
  const user = userHash('demo');
  const tokens = (big: boolean) => ({
    input: intIn(rand, big ? 2000 : 300, big ? 9000 : 2500),
    output: intIn(rand, big ? 300 : 40, big ? 2500 : 400),
    cacheRead: intIn(rand, big ? 20000 : 0, big ? 90000 : 8000),
    cacheCreation: intIn(rand, 0, big ? 6000 : 800),
  });
  const mainSteps = [];
  for (let i = 0; i < 28; i++) {
    const at = 8 + i * 30;
    mainSteps.push({
      ...apiCall({ at, model: MODELS.opus, tokens: tokens(true) }),
      activeTime: { cli: 1 + rand() * 4, user: 5 + rand() * 20 },
      ...(i % 3 === 2
        ? {
            linesAdded: intIn(rand, 3, 80),
            linesRemoved: intIn(rand, 0, 25),
            editDecisions: [{ toolName: i % 2 ? 'Edit' : 'Write', decision: (i % 7 === 5 ? 'reject' : 'accept'), source: 'config', language: LANGS[i % LANGS.length]! }],
          }
        : {}),
      ...(i === 12 || i === 25 ? { commits: 1 } : {}),
      ...(i === 26 ? { pullRequests: 1 } : {}),
    });
    if (i % 2 === 0) mainSteps.push(apiCall({ at: at + 2, model: MODELS.haiku, querySource: 'auxiliary', tokens: tokens(false) }));
    if (i % 6 === 3) mainSteps.push(apiCall({ at: at + 10, model: MODELS.sonnet, querySource: 'subagent', tokens: tokens(true) }));
  }
  const sideSteps = Array.from({ length: 12 }, (_, i) => ({
    ...apiCall({ at: 10 + i * 25, model: MODELS.sonnet, tokens: tokens(true) }),
    activeTime: { cli: 1 + rand() * 2, user: 3 + rand() * 10 },
    ...(i % 4 === 3 ? { linesAdded: intIn(rand, 5, 40), linesRemoved: intIn(rand, 0, 10) } : {}),
    ...(i === 11 ? { commits: 1 } : {}),
  }));
  const quick = [0, 1, 2].map((k) => ({
    sessionId: sessionUuid(`demo-quick-${k}`),
    userId: user,
    terminalType: 'non-interactive',
    model: MODELS.haiku,
    start: 400 + k * 60,
    duration: 10,
    steps: [{ ...apiCall({ at: 2, model: MODELS.haiku, tokens: tokens(false) }), activeTime: { cli: 0.8 } }],
  }));
  const resumed = sessionUuid('demo-resumed');
  return {
    name: 'demo',
    description: 'A morning of work: Opus main session with Haiku and a Sonnet subagent, a parallel Sonnet session, quick headless runs, a resumed session.',
    sessions: [
      { sessionId: sessionUuid('demo-main'), userId: user, model: MODELS.opus, start: 0, duration: 870, steps: mainSteps },
      { sessionId: sessionUuid('demo-side'), userId: user, model: MODELS.sonnet, start: 60, duration: 330, steps: sideSteps },
      ...quick,
      { sessionId: resumed, userId: user, model: MODELS.sonnet, start: 420, duration: 120, steps: [{ ...apiCall({ at: 20, model: MODELS.sonnet, tokens: tokens(true) }), activeTime: { cli: 2, user: 10 } }] },
      { sessionId: resumed, userId: user, model: MODELS.sonnet, startType: 'resume', start: 600, duration: 200, steps: [{ ...apiCall({ at: 30, model: MODELS.sonnet, tokens: tokens(true) }), activeTime: { cli: 3, user: 12 }, linesAdded: 22, linesRemoved: 6, commits: 1 }] },
    ],
  };
}
