/**
 * Plan limits, projects and sessions in Chromium against `ccmon web` on a real VictoriaMetrics that
 * holds what a machine really sends (test/support/web/plan-backend.ts): simulated Claude Code sessions pushed
 * over OTLP, and the built `ccmon statusline` and `ccmon hook` run with Claude Code's own JSON on stdin.
 *   - a subscriber: both gauges with the pushed percentages, a countdown that moves, the pace line;
 *     cost by project (the repositories' names) over today and 30 days; today's sessions with their
 *     project, branch and Grafana link; on a shared backend, the me / team switch and its tables;
 *   - an API-key user (no rate_limits): "No plan limits reported", why, and the budget pace.
 *
 *   npm run build && node --import tsx --test e2e/plan-and-projects.test.ts
 *
 * Screenshots (light/dark, popover 380×560 and window 1100×760) go to artifacts/screenshots/plan-*.png.
 */
import assert from 'node:assert/strict';
import { PANELS } from '../electron/core/grafana/uids.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PlanLimits, SessionView } from '../electron/core/api/types.js';
import { formatUsd } from '../electron/core/format/numbers.js';
import { VICTORIA_METRICS_BIN } from '../test/support/victoria-metrics.js';
import { ROOT } from '../test/support/web/backend.js';
import { launchChromium, screenshotPath, sizes } from '../test/support/web/browser.js';
import { startPlanBackend, type PlanBackend } from '../test/support/web/plan-backend.js';

let browser: Browser;
const pageErrors: string[] = [];

async function openPage(backend: PlanBackend, size: keyof typeof sizes, scheme: 'light' | 'dark', setup?: (page: Page) => Promise<unknown>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: sizes[size], deviceScaleFactor: 1, colorScheme: scheme, reducedMotion: 'reduce', locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  await setup?.(page);
  await page.goto(`${backend.webUrl}/`);
  await page.getByTestId('cost-today').filter({ hasText: '$' }).waitFor({ timeout: 20000 });
  return { context, page };
}

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const api = async <T,>(backend: PlanBackend, method: string, args: object = {}): Promise<T> =>
  ((await (await fetch(`${backend.webUrl}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) })).json()) as { result: T }).result;
const localMidnight = (daysBack: number): string => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBack).toISOString();
};

/** Every view of a page, light and dark, popover (also scrolled whole) and window. */
async function screenshots(backend: PlanBackend, name: string, ready: (page: Page) => Promise<void>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    for (const size of ['popover', 'window'] as const) {
      const { context, page } = await openPage(backend, size, scheme);
      await ready(page);
      await page.getByTestId('session-row').first().waitFor();
      await page.screenshot({ path: screenshotPath(`${name}-${size}-${scheme}`) });
      if (size === 'popover') await page.screenshot({ path: screenshotPath(`${name}-${size}-${scheme}-full`), fullPage: true });
      await context.close();
    }
  }
}

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'renderer', 'index.html')), 'Build first: npm run build');
  assert.ok(existsSync(VICTORIA_METRICS_BIN), `No VictoriaMetrics at ${VICTORIA_METRICS_BIN}: bash scripts/deps/victoria-metrics.sh`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

describe('a subscriber: plan limits from the status line, projects from the hooks (real VictoriaMetrics)', { timeout: 240_000 }, () => {
  let backend: PlanBackend;
  const nowS = Math.floor(Date.now() / 1000);
  // Reset times with room on both sides of a minute, so the countdown's words are known.
  const rateLimits = { fiveHour: { usedPercent: 37, resetsAt: nowS + (2 * 60 + 10) * 60 + 30 }, sevenDay: { usedPercent: 55, resetsAt: nowS + (3 * 24 + 5) * 3600 + 30 * 60 } };

  before(async () => {
    backend = await startPlanBackend({ rateLimits });
  });
  after(async () => {
    await backend?.close();
  });

  it('both gauges: the pushed percentages, a countdown that moves with the clock, and the pace line', async () => {
    // The page's clock runs as the real one until the test moves it on.
    const { context, page } = await openPage(backend, 'popover', 'light', (p) => p.clock.install());
    await page.getByTestId('limit-fiveHour-percent').waitFor();
    assert.equal(await text(page, 'limit-fiveHour-percent'), '37%');
    assert.equal(await text(page, 'limit-sevenDay-percent'), '55%');
    assert.equal(await page.getByTestId('limit-fiveHour').getAttribute('data-tone'), 'ok');
    const countdown = await text(page, 'limit-fiveHour-countdown');
    const m = /^resets in 2 h (\d+) min$/.exec(countdown);
    assert.ok(m && Number(m[1]) >= 8 && Number(m[1]) <= 10, countdown);
    assert.equal(await text(page, 'limit-sevenDay-countdown'), 'resets in 3 d 5 h');
    await page.clock.fastForward('02:00');
    await page.getByTestId('limit-fiveHour-countdown').filter({ hasText: `resets in 2 h ${Number(m[1]) - 2} min` }).waitFor({ timeout: 10000 });

    const limits = await api<PlanLimits>(backend, 'getLimits');
    for (const w of ['fiveHour', 'sevenDay'] as const) {
      const pace = await text(page, `limit-${w}-pace`);
      const p = /^at this pace: (\d+)% at reset( — you reach the limit (at|on \w{3} at) \d\d:\d\d)?$/.exec(pace);
      assert.ok(p, pace);
      assert.ok(Math.abs(Number(p[1]) - limits[w]!.projectedPercentAtReset) <= 3, `${pace} vs the backend's ${limits[w]!.projectedPercentAtReset}%`);
      assert.equal(p[2] !== undefined, limits[w]!.limitAt !== null, `${pace}: the limit time when the backend has one`);
    }
    // Deep link: how each window filled up, Grafana's plan-utilization panel.
    const link = new URL((await page.getByTestId('open-grafana-plan').getAttribute('href')) ?? '');
    assert.match(link.pathname, /^\/d\/ccmon-overview\//);
    assert.equal(link.searchParams.get('viewPanel'), `panel-${PANELS.overview.planUtilization}`);
    // Subscribers see the budget pace too, on one line.
    assert.match(await text(page, 'budget-pace'), /^Spending \$[\d.]+\/h · today heading for \$[\d.,]+ · this month for \$[\d.,]+$/);
    await context.close();
  });

  it("cost by project: each repository's name with its session's cost; 30 days asks from local midnight 29 days back", async () => {
    const { context, page } = await openPage(backend, 'window', 'light');
    for (const s of backend.sessions) {
      const row = page.locator(`[data-testid="project-row"][data-name="${s.project}"]`);
      await row.waitFor({ timeout: 20000 });
      assert.match((await row.textContent()) ?? '', new RegExp(`^${s.project}${formatUsd(s.costUsd).replace(/[$.]/g, '\\$&')}.*1 session$`));
    }
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/getSummary') && r.postData()?.includes('"since"') === true);
    await page.getByTestId('project-range').locator('[data-value="30d"]').click();
    assert.deepEqual(JSON.parse((await asked).postData() ?? '{}'), { since: localMidnight(29) });
    await page.locator('[data-testid="by-project"] .usage-rows:not(.switching) [data-name="shop-api"]').waitFor();
    assert.match(await text(page, 'by-project'), /shop-api\$1\.23.*billing\$0\.43/);
    await context.close();
  });

  it('the sessions list: each session with its project, branch and its Grafana link', async () => {
    const { context, page } = await openPage(backend, 'popover', 'light');
    const views = await api<SessionView[]>(backend, 'getSessions');
    for (const s of backend.sessions) {
      const row = page.locator(`[data-testid="session-row"][data-session="${s.sessionId}"]`);
      await row.waitFor({ timeout: 20000 });
      assert.equal((await row.getByTestId('session-project').textContent())?.trim(), s.project);
      assert.equal((await row.getByTestId('session-place').textContent())?.trim(), s.branch);
      assert.match((await row.textContent()) ?? '', new RegExp(formatUsd(s.costUsd).replace(/[$.]/g, '\\$&')));
      const href = await row.getByTestId('session-grafana').getAttribute('href');
      assert.equal(href, views.find((v) => v.sessionId === s.sessionId)?.grafanaUrl);
      assert.match(href ?? '', new RegExp(`^http://127\\.0\\.0\\.1:3001/d/.+var-session=${s.sessionId}`));
      assert.equal(await row.getByTestId('session-grafana').getAttribute('target'), '_blank');
    }
    await context.close();
  });

  it('on a shared backend: a me / team switch; team scope asks for everyone and adds by person and by machine', async () => {
    // The backends ccmon reads report `kind: 'local'` today; this page is told it is on a shared one.
    const { context, page } = await openPage(backend, 'window', 'light', (p) =>
      p.route('**/api/getAppInfo', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { result: { backend: object } };
        body.result.backend = { ...body.result.backend, kind: 'remote', label: 'Team VictoriaMetrics', identity: 'dev@example.com', defaultScope: 'me' };
        await route.fulfill({ response, json: body });
      }),
    );
    const sw = page.getByTestId('scope-switch');
    await sw.waitFor();
    assert.equal(await sw.locator('[aria-checked="true"]').textContent(), 'Me');
    await page.getByTestId('session-row').first().waitFor({ timeout: 20000 });
    assert.equal(await page.getByTestId('by-person').count(), 0, 'my own usage: no by-person table');
    const scoped = (method: string) => page.waitForRequest((r) => r.url().endsWith(`/api/${method}`) && (JSON.parse(r.postData() ?? '{}') as { scope?: string }).scope === 'all');
    const asked = Promise.all(['getSummary', 'getSessions', 'getLimits'].map(scoped));
    await sw.locator('[data-value="all"]').click();
    await asked;
    const summary = await api<{ byUser: { user: string }[]; byMachine: { machine: string }[] }>(backend, 'getSummary');
    await page.getByTestId('by-person').waitFor();
    for (const u of summary.byUser) await page.locator(`[data-testid="by-person-row"][data-name="${u.user}"]`).waitFor();
    for (const m of summary.byMachine) await page.locator(`[data-testid="by-machine-row"][data-name="${m.machine}"]`).waitFor();
    await page.screenshot({ path: screenshotPath('plan-window-light-team'), fullPage: true });
    await page.setViewportSize(sizes.popover);
    await page.screenshot({ path: screenshotPath('plan-popover-light-team') });
    await context.close();
  });

  it('screenshots: light and dark, popover and window', async () => {
    await screenshots(backend, 'plan', (page) => page.getByTestId('limit-fiveHour-pace').waitFor());
  });
});

describe('an API-key user: no plan limits, the budget pace instead (real VictoriaMetrics)', { timeout: 240_000 }, () => {
  let backend: PlanBackend;

  before(async () => {
    backend = await startPlanBackend({ rateLimits: null, dailyBudgetUsd: 5 });
  });
  after(async () => {
    await backend?.close();
  });

  it('"No plan limits reported", why, and the last hour\'s rate with where today is heading against the daily budget', async () => {
    const { context, page } = await openPage(backend, 'popover', 'light');
    const none = page.getByTestId('no-plan-limits');
    await none.waitFor();
    assert.match((await none.textContent()) ?? '', /^No plan limits reported.*claude\.ai subscription.*status line.*Setup installs it\.$/);
    assert.equal(await page.getByTestId('limit-fiveHour').count(), 0, 'no gauges');
    const total = backend.sessions.reduce((a, s) => a + s.costUsd, 0);
    await page.getByTestId('pace-hour').filter({ hasText: '/h' }).waitFor();
    assert.equal(await text(page, 'pace-hour'), `${formatUsd(total)}/h`, 'everything was spent in the last hour');
    const today = Number((await text(page, 'pace-today')).replace(/[$,]/g, ''));
    assert.ok(today >= total - 0.005, `heading for at least what today cost: ${today}`);
    assert.match(await text(page, 'budget-pace'), new RegExp(`${Math.round((today / backend.dailyBudgetUsd) * 100)}% of \\$5\\.00 budget`));
    await none.getByRole('button', { name: 'Setup' }).click();
    await page.getByTestId('apply-panel').waitFor();
    await context.close();
  });

  it('screenshots: light and dark, popover and window', async () => {
    await screenshots(backend, 'plan-none', (page) => page.getByTestId('pace-hour').filter({ hasText: '/h' }).waitFor());
  });
});

describe('plan and projects pages', () => {
  it('no page errors and no CSP violations in any of the above', () => {
    assert.deepEqual(pageErrors, []);
  });
});
