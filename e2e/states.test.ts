/**
 * Empty and loading states in Chromium against `ccmon web`:
 * - a Prometheus with no Claude Code data → the "get started" steps, zeros, charts still drawn;
 * - a slow summary → skeletons of the same size as the values (no layout jump when data lands).
 *
 *   npm run build && node --import tsx --test e2e/states.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startEmptyBackend } from '../test/support/web/backend.js';
import { launchChromium, screenshotPath, sizes } from '../test/support/web/browser.js';

let backend: { webUrl: string; close(): Promise<void> };
let browser: Browser;

before(async () => {
  backend = await startEmptyBackend();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await backend?.close();
});

describe('dashboard states', { timeout: 120_000 }, () => {
  it('empty: no telemetry yet → what to do next, in both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: sizes.popover, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${backend.webUrl}/`);
      const empty = page.getByTestId('empty-state');
      await empty.waitFor({ timeout: 20000 });
      assert.match((await empty.textContent()) ?? '', /Start the monitoring stack.*Turn on Claude Code's telemetry/s);
      assert.equal((await page.getByTestId('cost-today').textContent())?.trim(), '$0.00');
      assert.equal((await page.getByTestId('cost-live').textContent())?.trim(), '—');
      await page.getByTestId('cost-chart').waitFor();
      await page.screenshot({ path: screenshotPath(`overview-popover-${scheme}-empty`) });
      // The steps lead somewhere: the setup link opens the Setup tab.
      await empty.getByRole('button', { name: "Turn on Claude Code's telemetry" }).click();
      await page.getByTestId('setup-panel').waitFor();
      await context.close();
    }
  });

  it('loading: skeletons hold the layout; nothing jumps when the data lands', async () => {
    for (const size of ['popover', 'window'] as const) {
      const context = await browser.newContext({ viewport: sizes[size], colorScheme: 'light', reducedMotion: 'reduce' });
      const page = await context.newPage();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      // Hold the summary: its call, and the pushes over SSE (web mode keeps today's summary warm).
      for (const url of ['**/api/getSummary', '**/api/events']) {
        await page.route(url, async (route) => {
          await gate;
          await route.continue();
        });
      }
      await page.goto(`${backend.webUrl}/`);
      await page.getByTestId('cost-widget').waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.getByTestId('data-state').textContent(), 'Loading');
      const boxes = async () => Promise.all(['cost-widget', 'usage', 'by-model'].map(async (id) => page.getByTestId(id).boundingBox()));
      const before = await boxes();
      await page.screenshot({ path: screenshotPath(`overview-${size}-light-loading`) });
      release();
      await page.getByTestId('cost-today').waitFor();
      await page.getByTestId('empty-state').waitFor();
      // The empty-state card is added above; compare each card's size, not its position.
      const afterLoad = await boxes();
      for (let i = 0; i < before.length; i++) {
        assert.ok(before[i] && afterLoad[i]);
        if (i < 2) assert.equal(Math.round(afterLoad[i]!.height), Math.round(before[i]!.height), `card ${i} keeps its height in the ${size}`);
        assert.equal(Math.round(afterLoad[i]!.width), Math.round(before[i]!.width));
      }
      await context.close();
    }
  });
});
