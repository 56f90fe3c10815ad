/**
 * The dashboard in Chromium against `ccmon web`, backed by a real Prometheus that scrapes the
 * telemetry simulator (plus backfilled history), with known totals.
 *
 *   npm run build && node --import tsx --test e2e/dashboard.test.ts
 *
 * Screenshots (light/dark, popover 380×560 and window 1100×760) go to artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { envSnippet, envVars } from '../electron/core/env/snippet.js';
import { formatTokens, formatUsd } from '../electron/core/format/numbers.js';
import { DAILY_BUDGET_USD, startBackend, type Backend } from '../test/support/web/backend.js';
import { launchChromium, screenshotPath, sizes } from '../test/support/web/browser.js';

const distIndex = join(import.meta.dirname, '..', 'dist', 'renderer', 'index.html');
const distCli = join(import.meta.dirname, '..', 'dist', 'electron', 'cli', 'index.js');

let backend: Backend;
let browser: Browser;
const pageErrors: string[] = [];

async function openPage(opts: { size: keyof typeof sizes; scheme: 'light' | 'dark'; clipboard?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: sizes[opts.size],
    deviceScaleFactor: 1,
    colorScheme: opts.scheme,
    reducedMotion: 'reduce',
    locale: 'en-US',
    ...(opts.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
  });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: backend.webUrl });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  await page.goto(`${backend.webUrl}/`);
  return { context, page };
}

/** Waits until the widget shows data and the charts have drawn. */
async function ready(page: Page): Promise<void> {
  await page.getByTestId('cost-today').waitFor({ timeout: 20000 });
  await page.locator('[data-testid="cost-chart"] .recharts-bar-rectangle').first().waitFor({ timeout: 20000 });
  await page.getByTestId('cost-live').filter({ hasText: '$' }).waitFor({ timeout: 20000 });
}

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').trim();

before(async () => {
  assert.ok(existsSync(distIndex) && existsSync(distCli), 'Build first: npm run build');
  backend = await startBackend({ refreshIntervalSeconds: 2 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await backend?.close();
});

describe('dashboard (ccmon web + real Prometheus + simulator)', { timeout: 240_000 }, () => {
  it('the widget shows the known totals: today, 7 days, 30 days, running now, usage, by model', async () => {
    const { context, page } = await openPage({ size: 'window', scheme: 'light' });
    await ready(page);
    const t = backend.today;
    const [h3, h20] = backend.history;
    assert.equal(await text(page, 'cost-today'), formatUsd(t.costUsd));
    assert.equal(await text(page, 'cost-7d'), formatUsd(t.costUsd + h3!.costUsd));
    assert.equal(await text(page, 'cost-30d'), formatUsd(t.costUsd + h3!.costUsd + h20!.costUsd));
    assert.equal(await text(page, 'cost-live'), formatUsd(backend.running.costUsd));
    assert.equal(await text(page, 'cost-live-sub'), '1 running session');
    assert.equal(await text(page, 'budget'), `· ${Math.round((t.costUsd / DAILY_BUDGET_USD) * 100)}% of ${formatUsd(DAILY_BUDGET_USD)} daily budget`);
    assert.equal(await text(page, 'stat-sessions-value'), String(t.sessions));
    const tokens = t.tokens.input + t.tokens.output + t.tokens.cacheRead + t.tokens.cacheCreation;
    assert.equal(await text(page, 'stat-tokens-value'), formatTokens(tokens));
    assert.match(await text(page, 'tokens-input'), new RegExp(`${formatTokens(t.tokens.input).replace('.', '\\.')}$`));
    assert.match(await text(page, 'tokens-cacheRead'), new RegExp(`${formatTokens(t.tokens.cacheRead).replace('.', '\\.')}$`));
    assert.equal(await text(page, 'stat-loc-value'), `+${t.linesOfCode.added.toLocaleString('en-US')} −${t.linesOfCode.removed.toLocaleString('en-US')}`);
    assert.equal(await text(page, 'stat-commits-value'), String(t.commits));
    assert.equal(await text(page, 'stat-prs-value'), String(t.pullRequests));
    const rows = page.getByTestId('model-row');
    assert.equal(await rows.count(), t.byModel.length);
    for (const m of t.byModel) {
      const row = page.locator(`[data-testid="model-row"][data-model="${m.model}"]`);
      assert.match((await row.textContent()) ?? '', new RegExp(formatUsd(m.costUsd).replace(/[$.]/g, '\\$&')));
    }
    assert.equal(await text(page, 'data-state'), 'Live');
    await context.close();
  });

  it('screenshots: light and dark, popover and window', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const size of ['popover', 'window'] as const) {
        const { context, page } = await openPage({ size, scheme });
        await ready(page);
        await page.screenshot({ path: screenshotPath(`overview-${size}-${scheme}`) });
        if (size === 'popover') await page.screenshot({ path: screenshotPath(`overview-${size}-${scheme}-full`), fullPage: true });
        await page.getByTestId('nav').locator('[data-value="stack"]').click();
        await page.getByTestId('stack-panel').waitFor();
        await page.getByTestId('exporter-state').filter({ hasText: 'Answering' }).waitFor({ timeout: 10000 });
        await page.screenshot({ path: screenshotPath(`stack-${size}-${scheme}`) });
        await page.getByTestId('nav').locator('[data-value="setup"]').click();
        await page.getByTestId('snippet').filter({ hasText: 'CLAUDE_CODE_ENABLE_TELEMETRY' }).waitFor();
        await page.screenshot({ path: screenshotPath(`setup-${size}-${scheme}`) });
        const settingsTab = page.getByTestId('nav').locator('[data-value="settings"]');
        if ((await settingsTab.count()) > 0) {
          await settingsTab.click();
          await page.waitForTimeout(800);
          await page.screenshot({ path: screenshotPath(`settings-${size}-${scheme}`) });
        }
        await context.close();
      }
    }
  });

  it('the charts draw, and the range switch changes the data', async () => {
    const { context, page } = await openPage({ size: 'window', scheme: 'light' });
    await ready(page);
    const t = backend.today;
    const [h3, h20] = backend.history;
    const chart = page.getByTestId('cost-chart');
    assert.equal(await chart.getAttribute('data-range'), '24h');
    assert.equal(await chart.getAttribute('data-points'), '24');
    assert.ok((await page.locator('[data-testid="tokens-chart"] .recharts-bar-rectangle').count()) > 0, 'the tokens chart draws bars');
    assert.equal(await text(page, 'range-total'), `${formatUsd(t.costUsd)} in the last 24 h`);
    const expect = [
      { range: '7d', points: '28', total: `${formatUsd(t.costUsd + h3!.costUsd)} in the last 7 days` },
      { range: '30d', points: '30', total: `${formatUsd(t.costUsd + h3!.costUsd + h20!.costUsd)} in the last 30 days` },
      { range: '24h', points: '24', total: `${formatUsd(t.costUsd)} in the last 24 h` },
    ];
    for (const e of expect) {
      await page.getByTestId('range-switch').locator(`[data-value="${e.range}"]`).click();
      await page.locator(`[data-testid="cost-chart"][data-range="${e.range}"]`).waitFor();
      assert.equal(await chart.getAttribute('data-points'), e.points);
      assert.equal(await text(page, 'range-total'), e.total);
      assert.ok((await page.locator('[data-testid="cost-chart"] .recharts-bar-rectangle').count()) >= (e.range === '24h' ? 1 : 2), `bars drawn for ${e.range}`);
      if (e.range === '30d') await page.screenshot({ path: screenshotPath('overview-window-light-30d') });
    }
    // Keyboard: the range switch is reachable and moves with the arrow keys.
    await page.getByTestId('range-switch').locator('[data-value="24h"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-testid="cost-chart"][data-range="7d"]').waitFor();
    const grafana = await page.getByTestId('open-grafana-cost').getAttribute('href');
    assert.match(grafana ?? '', /^http:\/\/127\.0\.0\.1:3001\/d\/.+from=now-7d/);
    await context.close();
  });

  it('keyboard: every control is reachable with Tab; the tabs move with the arrow keys', async () => {
    const { context, page } = await openPage({ size: 'window', scheme: 'light' });
    await ready(page);
    const reached: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; closest(s: string): { getAttribute(n: string): string | null } | null } | null } }).document.activeElement;
          return el ? `${el.closest('[data-testid]')?.getAttribute('data-testid') ?? '?'}:${el.getAttribute('data-value') ?? el.getAttribute('data-testid') ?? ''}` : 'none';
        }),
      );
    }
    for (const want of ['refresh:refresh', 'open-grafana:open-grafana', 'nav:overview', 'range-switch:24h', 'open-grafana-cost:open-grafana-cost', 'open-grafana-tokens:open-grafana-tokens']) {
      assert.ok(reached.includes(want), `${want} reached by Tab (got ${reached.join(', ')})`);
    }
    assert.ok(!reached.includes('nav:stack'), 'one tab stop for the whole tab list (roving tabindex)');
    await page.getByTestId('nav').locator('[data-value="overview"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('stack-panel').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('setup-panel').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.getByTestId('cost-widget').waitFor();
    await context.close();
  });

  it('Copy puts the exact snippet on the clipboard', async () => {
    const { context, page } = await openPage({ size: 'window', scheme: 'light', clipboard: true });
    await page.getByTestId('nav').locator('[data-value="setup"]').click();
    const settings = { prometheusUrl: backend.prometheusUrl, lokiUrl: 'http://127.0.0.1:3100', exporterUrl: backend.exporterUrl };
    const cases = [
      { mode: 'push', shell: 'bash' },
      { mode: 'push', shell: 'json' },
      { mode: 'scrape', shell: 'powershell' },
      { mode: 'scrape', shell: 'fish' },
    ] as const;
    for (const c of cases) {
      await page.getByTestId('mode-switch').locator(`[data-value="${c.mode}"]`).click();
      await page.getByTestId('shell-tabs').locator(`[data-value="${c.shell}"]`).click();
      await page.locator(`[data-testid="snippet"][data-shell="${c.shell}"][data-mode="${c.mode}"]`).waitFor();
      await page.getByTestId('copy-snippet').click();
      await page.getByTestId('copy-snippet').filter({ hasText: 'Copied' }).waitFor();
      const clip = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
      assert.equal(clip, envSnippet(c.shell, c.mode, settings).text, `${c.mode}/${c.shell}`);
    }
    assert.match(await text(page, 'mode-explanation'), /scrapes/);
    await context.close();
  });

  it('Apply previews, then writes the temp CLAUDE_CONFIG_DIR correctly (and Revert takes it out)', async () => {
    const file = join(backend.claudeDir, 'settings.json');
    const original = { model: 'opus', permissions: { allow: ['Bash(ls:*)'] }, env: { FOO: 'bar' } };
    writeFileSync(file, `${JSON.stringify(original, null, 2)}\n`);
    const { context, page } = await openPage({ size: 'window', scheme: 'light' });
    await page.getByTestId('nav').locator('[data-value="setup"]').click();
    await page.getByTestId('mode-switch').locator('[data-value="push"]').click();
    // This test is about the env variables: the status line and the hooks have their own test below.
    await page.getByTestId('install-statusLine').uncheck();
    await page.getByTestId('install-hooks').uncheck();
    await page.getByTestId('apply-preview').click();
    const plan = page.getByTestId('apply-plan');
    await plan.waitFor();
    const want = envVars('push', { prometheusUrl: backend.prometheusUrl, lokiUrl: 'http://127.0.0.1:3100', exporterUrl: backend.exporterUrl });
    assert.equal(await plan.locator('li.add').count(), Object.keys(want).length);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), original, 'the preview writes nothing');
    await page.screenshot({ path: screenshotPath('setup-window-light-apply-preview') });
    await page.getByTestId('apply-confirm').click();
    await page.getByTestId('apply-result').filter({ hasText: 'Applied.' }).waitFor();
    const written = JSON.parse(readFileSync(file, 'utf8')) as typeof original & { env: Record<string, string> };
    assert.equal(written.model, 'opus');
    assert.deepEqual(written.permissions, original.permissions);
    assert.deepEqual(written.env, { FOO: 'bar', ...want });
    const backups = readdirSync(backend.claudeDir).filter((f) => f.startsWith('settings.json.ccmon-backup-'));
    assert.equal(backups.length, 1);
    assert.deepEqual(JSON.parse(readFileSync(join(backend.claudeDir, backups[0]!), 'utf8')), original);
    await page.getByTestId('apply-revert').click();
    await page.getByTestId('apply-result').filter({ hasText: 'Reverted.' }).waitFor();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), original);
    await context.close();
  });

  it("Apply with the status line and the hooks: ours wraps the user's status line, both hooks land; Revert gives the file back byte for byte", async () => {
    const file = join(backend.claudeDir, 'settings.json');
    const theirs = "printf 'MY-OWN-LINE'";
    const userStop = [{ hooks: [{ type: 'command', command: 'true' }] }];
    const original = `${JSON.stringify({ model: 'opus', statusLine: { type: 'command', command: theirs, padding: 1 }, hooks: { Stop: userStop }, env: { FOO: 'bar' } }, null, 2)}\n`;
    writeFileSync(file, original);
    const { context, page } = await openPage({ size: 'window', scheme: 'light' });
    await page.getByTestId('nav').locator('[data-value="setup"]').click();
    await page.getByTestId('mode-switch').locator('[data-value="push"]').click();
    assert.equal(await page.getByTestId('install-statusLine').isChecked(), true, 'the status line is on by default');
    assert.equal(await page.getByTestId('install-hooks').isChecked(), true, 'the hooks are on by default');
    await page.getByTestId('apply-preview').click();
    const plan = page.getByTestId('apply-plan');
    await plan.waitFor();
    for (const section of ['env', 'statusLine', 'hooks']) await plan.getByTestId(`plan-${section}`).waitFor();
    assert.match(await text(page, 'change-statusLine'), /before\s*printf 'MY-OWN-LINE'\s*after\s*\S.*ccmon\.cjs'? statusline --install \S+$/);
    assert.match(await text(page, 'apply-wraps'), /ours wraps printf 'MY-OWN-LINE', which prints as before/);
    for (const event of ['SessionStart', 'SessionEnd']) assert.match(await text(page, `change-hooks.${event}`), new RegExp(`^\\+ ${event}\\s*adds\\s*\\S.*ccmon\\.cjs'? hook --install \\S+$`));
    assert.equal(readFileSync(file, 'utf8'), original, 'the preview writes nothing');
    await page.screenshot({ path: screenshotPath('setup-window-light-apply-preview-all'), fullPage: true });
    await page.setViewportSize(sizes.popover);
    await page.screenshot({ path: screenshotPath('setup-popover-light-apply-preview-all'), fullPage: true });
    await page.getByTestId('apply-confirm').click();
    await page.getByTestId('apply-result').filter({ hasText: 'Applied.' }).waitFor();
    const text1 = readFileSync(file, 'utf8');
    const written = JSON.parse(text1) as { statusLine: { command: string }; hooks: Record<string, { hooks: { command: string }[] }[]>; env: Record<string, string> };
    assert.match(written.statusLine.command, /ccmon\.cjs'? statusline --install \S+$/);
    assert.ok(!text1.includes('MY-OWN-LINE'), "the user's command is no longer in settings.json (ours runs it)");
    for (const event of ['SessionStart', 'SessionEnd']) {
      assert.equal(written.hooks[event]?.length, 1, `one ${event} entry: ours`);
      assert.match(written.hooks[event][0]!.hooks[0]!.command, /ccmon\.cjs'? hook --install \S+$/);
    }
    assert.deepEqual(written.hooks.Stop, userStop, "the user's own hooks are kept");
    assert.equal(written.env.FOO, 'bar');
    assert.equal(written.env.CLAUDE_CODE_ENABLE_TELEMETRY, '1');
    await page.getByTestId('apply-revert').click();
    await page.getByTestId('apply-result').filter({ hasText: 'Reverted.' }).waitFor();
    assert.equal(readFileSync(file, 'utf8'), original, 'Revert gives back the file byte for byte');
    await context.close();
  });

  it('with Prometheus stopped the last values stay, marked with their time; they recover when it is back', async () => {
    const { context, page } = await openPage({ size: 'popover', scheme: 'light' });
    await ready(page);
    const today = await text(page, 'cost-today');
    await backend.stopPrometheus();
    const banner = page.getByTestId('stale-banner');
    await banner.waitFor({ timeout: 20000 });
    assert.equal(await banner.getAttribute('data-state'), 'stale');
    assert.match(await text(page, 'stale-since'), /^Showing the last values, from \d{1,2}:\d{2}:\d{2}/);
    assert.equal(((await banner.getByTestId('error-code').textContent()) ?? '').trim(), 'prometheus-unreachable', "the failed query's code, as the core gave it");
    assert.equal(await text(page, 'cost-today'), today, 'the last value stays');
    assert.equal(await text(page, 'data-state'), 'Stale');
    assert.match(await text(page, 'cost-asof'), /^as of \d{1,2}:\d{2}:\d{2}/);
    assert.equal(await page.getByTestId('cost-widget').getAttribute('data-stale'), 'true');
    await page.screenshot({ path: screenshotPath('overview-popover-light-stale') });
    const { context: darkCtx, page: dark } = await openPage({ size: 'window', scheme: 'dark' });
    await dark.getByTestId('stale-banner').waitFor({ timeout: 20000 });
    await dark.screenshot({ path: screenshotPath('overview-window-dark-unavailable') });
    await darkCtx.close();

    await backend.startPrometheus();
    await banner.waitFor({ state: 'detached', timeout: 30000 });
    assert.equal(await text(page, 'data-state'), 'Live');
    assert.equal(await text(page, 'cost-today'), today);
    assert.equal(await page.getByTestId('cost-widget').getAttribute('data-stale'), null);
    await context.close();
  });

  it('no page errors and no CSP violations in any of the above', () => {
    assert.deepEqual(pageErrors, []);
  });
});
