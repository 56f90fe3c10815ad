/**
 * The team view on a real shared backend: VictoriaMetrics behind vmauth with a bearer token, holding
 * two people's sessions from three machines (test/support/web/team-backend.ts), and `ccmon web` on one
 * of those machines configured only by `ccmon backend set` and `ccmon backend set-token`. In Chromium:
 *   - Me (the default on a shared backend) is this machine's Claude Code identity only;
 *   - Team: the by-person and by-machine tables name the right people and machines with their costs;
 *   - Settings → Backend shows the shared backend and the stored token (never its value), and
 *     "Check backend" finds every check healthy;
 *   - a value the API refuses is named at the token field; a wrong token stored from the card makes the
 *     window show the backend's one-sentence refusal, not a stack trace.
 * Screenshots: team-{window,popover}-light.png, settings-backend-{window,popover}-light.png (and -window-dark), team-wrong-token-window-light.png.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { formatUsd } from '../electron/core/format/numbers.js';
import { VICTORIA_METRICS_BIN, VMAUTH_BIN } from '../test/support/victoria-metrics.js';
import { ROOT } from '../test/support/web/backend.js';
import { launchChromium, screenshotPath, sizes } from '../test/support/web/browser.js';
import { costOf, people, startTeamBackend, teamSessions, thisMachine, type TeamBackend } from '../test/support/web/team-backend.js';

let browser: Browser;
let backend: TeamBackend;
const pageErrors: string[] = [];

async function openPage(size: keyof typeof sizes, scheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: sizes[size], deviceScaleFactor: 1, colorScheme: scheme, reducedMotion: 'reduce', locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  await page.goto(`${backend.webUrl}/`);
  await page.getByTestId('cost-today').filter({ hasText: '$' }).waitFor({ timeout: 20000 });
  return { context, page };
}

const text = async (l: Locator): Promise<string> => ((await l.first().textContent()) ?? '').trim();
const cells = async (row: Locator): Promise<string[]> => (await row.locator('th, td').allTextContents()).map((c) => c.trim());

async function openSettings(page: Page): Promise<Locator> {
  await page.getByTestId('nav').locator('[data-value="settings"]').click();
  const card = page.getByTestId('backend-card');
  await card.getByTestId('backend-now').waitFor();
  return card;
}

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'renderer', 'index.html')), 'Build first: npm run build');
  for (const bin of [VICTORIA_METRICS_BIN, VMAUTH_BIN]) assert.ok(existsSync(bin), `No ${bin}: bash scripts/deps/victoria-metrics.sh`);
  browser = await launchChromium();
  backend = await startTeamBackend();
});

after(async () => {
  await backend?.close();
  await browser?.close();
});

describe('the team view on VictoriaMetrics behind vmauth (bearer token)', { timeout: 240_000 }, () => {
  const me = people[thisMachine.person];
  const total = costOf(() => true);

  it('Me: only this machine\'s identity, its sessions and cost, no team tables', async () => {
    const { context, page } = await openPage('window');
    const sw = page.getByTestId('scope-switch');
    assert.equal(await sw.locator('[data-value="me"]').getAttribute('aria-checked'), 'true', 'a shared backend opens on Me');
    assert.equal(await text(page.getByTestId('cost-today')), formatUsd(costOf((s) => s.person === thisMachine.person)));
    await page.getByTestId('session-row').first().waitFor();
    assert.equal(await page.getByTestId('session-row').count(), teamSessions.filter((s) => s.person === thisMachine.person).length);
    assert.equal(await page.getByTestId('by-person').count(), 0);
    assert.equal(await page.getByTestId('by-machine').count(), 0);
    assert.match((await sw.locator('..').getAttribute('title')) ?? '', new RegExp(`you are ${me.userId}`));
    await context.close();
  });

  it('Team: by person and by machine, each with its sessions and cost as the page formats money, most expensive first', async () => {
    for (const size of ['window', 'popover'] as const) {
      const { context, page } = await openPage(size);
      await page.getByTestId('scope-switch').locator('[data-value="all"]').click();
      await page.getByTestId('cost-today').filter({ hasText: formatUsd(total) }).waitFor({ timeout: 15000 });
      await page.getByTestId('by-person').waitFor();
      await page.getByTestId('by-machine').waitFor();
      // The charts follow the scope too (they once stayed on Me).
      await page.getByTestId('range-total').first().filter({ hasText: `${formatUsd(total)} in the last` }).waitFor({ timeout: 15000 });

      const expectRows = async (testId: string, groups: Array<{ name: string; sessions: number; cost: number }>): Promise<void> => {
        const rows = page.getByTestId(`${testId}-row`);
        assert.equal(await rows.count(), groups.length, testId);
        const sorted = [...groups].sort((a, b) => b.cost - a.cost);
        for (const [i, g] of sorted.entries()) {
          const row = rows.nth(i);
          assert.equal(await row.getAttribute('data-name'), g.name, `${testId} row ${i + 1}`);
          const [name, sessions, , cost] = await cells(row);
          assert.deepEqual([name, sessions, cost], [g.name, String(g.sessions), formatUsd(g.cost)], `${testId}: ${g.name}`);
        }
      };
      await expectRows(
        'by-person',
        (Object.keys(people) as (keyof typeof people)[]).map((p) => ({ name: people[p].email, sessions: teamSessions.filter((s) => s.person === p).length, cost: costOf((s) => s.person === p) })),
      );
      const machines = [...new Set(teamSessions.map((s) => s.machine))];
      await expectRows(
        'by-machine',
        machines.map((m) => ({ name: m, sessions: teamSessions.filter((s) => s.machine === m).length, cost: costOf((s) => s.machine === m) })),
      );
      await page.getByTestId('by-machine').scrollIntoViewIfNeeded();
      // No chart tooltip where the pointer happens to be.
      await page.mouse.move(0, 0);
      await page.screenshot({ path: screenshotPath(`team-${size}-light`), fullPage: size === 'window' });
      await context.close();
    }
  });

  it('Settings → Backend: the shared backend, "token stored" (never the token), and Check backend healthy', async () => {
    for (const [size, scheme] of [['window', 'light'], ['popover', 'light'], ['window', 'dark']] as const) {
      const { context, page } = await openPage(size, scheme);
      const card = await openSettings(page);
      assert.equal(await card.getByTestId('setting-backendKind').locator('[data-value="remote"]').getAttribute('aria-checked'), 'true');
      assert.equal(await text(card.getByTestId('backend-now-kind')), 'A shared backend: team');
      assert.match(await text(card.getByTestId('backend-now')), new RegExp(`Reads${backend.gate.url.replace(/[.]/g, '\\.')}`));
      assert.equal(await card.getByTestId('setting-backendAuth').locator('[data-value="bearer"]').getAttribute('aria-checked'), 'true');
      const status = card.getByTestId('backend-secret-status');
      assert.equal(await status.getAttribute('data-stored'), 'true');
      assert.equal(await text(status), `Token stored in ${join(backend.configDir, 'secrets.json')} (readable by you only).`);
      const secret = card.getByLabel('Bearer token');
      assert.equal(await secret.getAttribute('type'), 'password');
      assert.equal(await secret.inputValue(), '', 'the stored token is never put back in the field');
      if (size === 'window' && scheme === 'light') {
        for (const input of await card.locator('input').all()) {
          const [id, ariaLabel] = await Promise.all([input.getAttribute('id'), input.getAttribute('aria-label')]);
          const labelled = ariaLabel || (id && (await card.locator(`label[for="${id}"]`).count()) === 1);
          assert.ok(labelled, `an input without a label (id ${id})`);
        }
        // Keyboard: Tab leaves the token field for its buttons, then on through the card.
        await secret.focus();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') ?? null), 'backend-secret-clear', 'Store is off while the field is empty; Clear is next');
      }

      await card.getByTestId('backend-check-run').click();
      await card.getByTestId('backend-check-summary').waitFor({ timeout: 20000 });
      const checks = card.getByTestId('backend-check');
      const ids = await Promise.all((await checks.all()).map(async (c) => `${await c.getAttribute('data-id')}:${await c.getAttribute('data-ok')}`));
      for (const id of ['backend-reachable', 'backend-credentials', 'clock-skew', 'otlp-push', 'data-from-this-machine']) assert.ok(ids.includes(`${id}:true`), `${id} healthy, got ${ids.join(', ')}`);
      assert.ok(ids.every((i) => i.endsWith(':true')), ids.join(', '));
      assert.match(await text(card.getByTestId('backend-check-summary')), /^All \d+ checks passed\.$/);
      assert.ok(!(await page.content()).includes(backend.token), 'the token is nowhere in the page');
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: screenshotPath(`settings-backend-${size}-${scheme}`) });
      await context.close();
    }
  });

  it('the token field: a refused value is named at the field; a wrong token shows the backend\'s refusal in one sentence', async () => {
    const { context, page } = await openPage('window');
    const card = await openSettings(page);
    const secret = card.getByLabel('Bearer token');
    await secret.fill('two words');
    await secret.press('Enter');
    const error = card.locator('.field-error', { hasText: 'one line without spaces or control characters' });
    await error.waitFor({ timeout: 10000 });
    assert.equal(await secret.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true, 'Enter in the token field does not submit the settings');

    await secret.fill('wrong-token-0000');
    await card.getByTestId('backend-secret-store').click();
    await secret.and(page.locator('[value=""]')).waitFor({ timeout: 10000 });
    assert.equal(await error.count(), 0);
    assert.equal(await card.getByTestId('backend-secret-status').getAttribute('data-stored'), 'true');
    await card.getByTestId('backend-check-run').click();
    const credentials = card.locator('[data-testid="backend-check"][data-id="backend-credentials"]');
    await credentials.waitFor({ timeout: 20000 });
    assert.equal(await credentials.getAttribute('data-ok'), 'false');
    assert.match(await text(credentials), /refused the request \(HTTP 401[^)]*\)/);
    assert.match(await text(credentials), /store the right one/);

    await page.getByTestId('nav').locator('[data-value="overview"]').click();
    const banner = page.getByTestId('stale-banner');
    await banner.waitFor({ timeout: 20000 });
    const said = await text(page.getByTestId('stale-error'));
    assert.match(said, new RegExp(`^The backend "team" at ${backend.gate.url.replace(/[.]/g, '\\.')} refused the request \\(HTTP 401[^)]*\\) on /api/v1/[a-z_]+\\. `), said);
    assert.doesNotMatch(await text(banner), /\n\s+at |Error:|node:|\.js:\d+/, 'no stack trace');
    assert.equal(await text(banner.getByTestId('error-code')), 'prometheus-auth', "the refused query's code, as the core gave it");
    await page.screenshot({ path: screenshotPath('team-wrong-token-window-light') });
    await context.close();
  });

  it('no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
