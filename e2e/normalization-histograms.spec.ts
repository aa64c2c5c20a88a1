import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { histogramPanel, numberIn, showIsland, useTheme, watchConsole } from './helpers.ts';

/** The island's parts on the Tutorial page. */
function island(page: Page) {
  const root = page.locator('normalization-histograms');
  return {
    root,
    distribution: root.getByLabel('Distribution'),
    size: root.getByLabel('Batch size'),
    newBatch: root.getByRole('button', { name: 'New batch' }),
    batch: root.locator('[data-batch]'),
    status: root.getByRole('status'),
    before: histogramPanel(root, 'before'),
    after: histogramPanel(root, 'after'),
  };
}

/** The after-normalization mean is 0 and the standard deviation 1, to the precision printed (ε = 1e-5 moves it by < 3e-6 here). */
async function expectNormalized(page: Page) {
  const r = island(page);
  const mean = await numberIn(r.after.mean);
  const std = await numberIn(r.after.std);
  expect(Math.abs(mean.value)).toBeLessThanOrEqual(mean.tolerance);
  expect(Math.abs(std.value - 1)).toBeLessThanOrEqual(std.tolerance);
}

/** The counts of a panel's table, read from the DOM (hidden or not). */
async function counts(figure: Locator): Promise<number[]> {
  return figure.locator('tbody td').evaluateAll((cells) => cells.map((cell) => Number(cell.textContent!.replace(/,/g, ''))));
}

test.describe('with JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('tutorial/normalize/');
    await showIsland(page, 'normalization-histograms');
    await expect(island(page).newBatch).toBeEnabled();
  });

  test('the default batch: 256 normal values, before and after, with the statistics and the same bins', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await expect(r.distribution).toHaveValue('normal');
    await expect(r.size).toHaveValue('256');
    await expect(r.batch).toHaveText('Batch 1 (seed 1)');
    await expect(r.before.chart).toHaveAccessibleName(/^Before: 256 values from Normal N\(5, 2²\)/);
    await expect(r.after.chart).toHaveAccessibleName(/^After Batch Normalization/);
    await expect(r.after.chart).toHaveAccessibleDescription(/256 values in 32 bins of width 0\.25 from −4 to 4/);
    const mean = await numberIn(r.before.mean);
    const std = await numberIn(r.before.std);
    expect(Math.abs(mean.value - 5)).toBeLessThan(0.5); // about 2 / √256 = 0.125 of sampling noise
    expect(Math.abs(std.value - 2)).toBeLessThan(0.5);
    await expectNormalized(page);
    await expect(r.before.rows).toHaveCount(32);
    await expect(r.after.totals).toHaveText('256');
    expect(await counts(r.before.figure)).toEqual(await counts(r.after.figure));
    console.expectNone();
  });

  test('switching the distribution redraws both charts and the statistics; after stays at mean 0, std 1', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    let previousChart = await r.before.chart.innerHTML();
    let previousMean = await r.before.mean.textContent();
    for (const [id, label, mean, std] of [
      ['uniform', 'Uniform on [0, 10]', 5, 2.887],
      ['exponential', 'Exponential with mean 2', 2, 2],
      ['bimodal', 'Two modes', 5, 3.162],
      ['outliers', 'a few outliers near 40', 5.41, 4.27],
      ['normal', 'Normal N(5, 2²)', 5, 2],
    ] as const) {
      await test.step(id, async () => {
        await r.distribution.selectOption(id);
        await expect(r.before.chart).toHaveAccessibleName(new RegExp(`256 values from .*${label.replace(/[()[\]]/g, '\\$&')}`));
        await expect(r.status).toContainText(`Batch 1: 256 values from`);
        expect(await r.before.chart.innerHTML()).not.toBe(previousChart);
        expect(await r.before.mean.textContent()).not.toBe(previousMean);
        previousChart = await r.before.chart.innerHTML();
        previousMean = await r.before.mean.textContent();
        const m = await numberIn(r.before.mean);
        const s = await numberIn(r.before.std);
        expect(Math.abs(m.value - mean), 'the batch mean is near the distribution’s').toBeLessThan(0.6);
        expect(Math.abs(s.value / std - 1), 'the batch std is near the distribution’s').toBeLessThan(0.25);
        await expectNormalized(page);
        expect(await counts(r.before.figure)).toEqual(await counts(r.after.figure));
      });
    }
    await test.step('the outliers are beyond 4 and counted in the last bin, and the chart says so', async () => {
      await r.distribution.selectOption('outliers');
      await expect(r.after.chart.locator('text', { hasText: '3 above 4 →' })).toBeVisible();
      await expect(r.after.chart).toHaveAccessibleDescription(/3 values above 4 are counted in the last bin\./);
      await expect(r.after.figure.locator('table caption')).toContainText('3 values above 4, in the last row.');
      const last = await counts(r.after.figure);
      expect(last.at(-1)).toBeGreaterThanOrEqual(3);
    });
    console.expectNone();
  });

  test('changing the batch size changes the bins, the counts and the statistics', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    for (const [size, bins] of [
      [8, 8],
      [16, 8],
      [64, 16],
      [1024, 32],
      [256, 32],
    ] as const) {
      await test.step(`${size} values`, async () => {
        const previousMean = await r.before.mean.textContent();
        await r.size.selectOption(String(size));
        await expect(r.status).toContainText(`${size.toLocaleString('en-US')} values from Normal`);
        await expect(r.before.rows).toHaveCount(bins);
        await expect(r.after.rows).toHaveCount(bins);
        await expect(r.before.totals).toHaveText(size.toLocaleString('en-US'));
        await expect(r.after.totals).toHaveText(size.toLocaleString('en-US'));
        expect(await r.before.mean.textContent()).not.toBe(previousMean);
        await expectNormalized(page);
      });
    }
    console.expectNone();
  });

  test('New batch draws new data with the next seed, and says so', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await r.size.selectOption('8');
    const seen = new Set<string>();
    for (let batch = 2; batch <= 5; batch++) {
      const chart = await r.before.chart.innerHTML();
      await r.newBatch.click();
      await expect(r.batch).toHaveText(`Batch ${batch} (seed ${batch})`);
      await expect(r.status).toHaveText(new RegExp(`^Batch ${batch}: 8 values from Normal`));
      expect(await r.before.chart.innerHTML()).not.toBe(chart);
      seen.add((await r.before.mean.textContent()) ?? '');
      await expectNormalized(page);
    }
    // Small batches: their own mean moves from batch to batch.
    expect(seen.size).toBe(4);
    console.expectNone();
  });

  test('the keyboard alone can choose, draw a new batch and open the tables', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await r.distribution.focus();
    await page.keyboard.press('ArrowDown');
    await expect(r.distribution).toHaveValue('uniform');
    await expect(r.before.chart).toHaveAccessibleName(/Uniform on \[0, 10\]/);
    await page.keyboard.press('Tab');
    await expect(r.size).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(r.size).toHaveValue('128');
    await expect(r.after.totals).toHaveText('128');
    await page.keyboard.press('Tab');
    await expect(r.newBatch).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(r.batch).toHaveText('Batch 2 (seed 2)');
    await page.keyboard.press('Space');
    await expect(r.batch).toHaveText('Batch 3 (seed 3)');
    await expect(r.newBatch).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(r.before.summary).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(r.before.table).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('region', { name: /^Before: 128 values from Uniform/ })).toBeFocused();
    console.expectNone();
  });

  test('an unknown choice (a tampered or stale select) falls back to the defaults without errors', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await r.size.selectOption('64');
    await r.distribution.evaluate((select: HTMLSelectElement) => {
      const option = new Option('Cauchy', 'cauchy');
      select.add(option);
      select.value = 'cauchy';
      select.dispatchEvent(new Event('change'));
    });
    await expect(r.distribution).toHaveValue('normal');
    await expect(r.before.chart).toHaveAccessibleName(/^Before: 64 values from Normal/);
    await r.size.evaluate((select: HTMLSelectElement) => {
      select.add(new Option('7', '7'));
      select.value = '7';
      select.dispatchEvent(new Event('change'));
    });
    await expect(r.size).toHaveValue('256');
    await expect(r.after.totals).toHaveText('256');
    await expectNormalized(page);
    await r.newBatch.click();
    await expect(r.batch).toHaveText('Batch 2 (seed 2)');
    console.expectNone();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no WCAG 2 A/AA violations after interaction, tables open, ${theme} theme`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto('tutorial/normalize/');
      await showIsland(page, 'normalization-histograms');
      const r = island(page);
      await expect(r.newBatch).toBeEnabled();
      await r.distribution.selectOption('outliers');
      await r.size.selectOption('32');
      await r.newBatch.click();
      await expect(r.batch).toHaveText('Batch 2 (seed 2)');
      await r.before.summary.click();
      await r.after.summary.click();
      await expect(r.after.table).toBeVisible();
      const results = await new AxeBuilder({ page })
        .include('normalization-histograms')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  test('on a phone-width screen the charts stack and fit', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('tutorial/normalize/');
    await showIsland(page, 'normalization-histograms');
    const r = island(page);
    const before = (await r.before.chart.boundingBox())!;
    const after = (await r.after.chart.boundingBox())!;
    expect(after.y).toBeGreaterThan(before.y + before.height);
    expect(before.x + before.width).toBeLessThanOrEqual(390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the build-time batch shows both charts, their statistics and their tables; the controls are off', async ({ page }) => {
    await page.goto('tutorial/normalize/');
    const r = island(page);
    await expect(r.before.chart).toBeVisible();
    await expect(r.after.chart).toBeVisible();
    await expect(r.before.chart).toHaveAccessibleName(/^Before: 256 values from Normal N\(5, 2²\)/);
    await expect(r.batch).toHaveText('Batch 1 (seed 1)');
    await expectNormalized(page);
    // (getByText does not look inside <noscript>.)
    await expect(r.root.locator('noscript p')).toBeVisible();
    await expect(r.root.locator('noscript p')).toHaveText(/Turn on JavaScript to change them\.$/);
    for (const control of [r.distribution, r.size, r.newBatch]) await expect(control).toBeDisabled();
    for (const side of [r.before, r.after]) {
      await side.summary.click();
      await expect(side.table).toBeVisible();
      await expect(side.rows).toHaveCount(32);
      await expect(side.totals).toHaveText('256');
    }
  });

  test('the build-time render is what the script draws for the same choices', async ({ page, browser }) => {
    await page.goto('tutorial/normalize/');
    const staticMarkup = await island(page).before.figure.innerHTML();
    const withScript = await browser.newPage({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: true });
    await withScript.goto('tutorial/normalize/');
    await showIsland(withScript, 'normalization-histograms');
    const r = island(withScript);
    await expect(r.newBatch).toBeEnabled();
    await r.distribution.selectOption('bimodal');
    await r.distribution.selectOption('normal');
    await expect(r.before.chart).toHaveAccessibleName(/Normal N\(5, 2²\)/);
    expect(await r.before.figure.innerHTML()).toBe(staticMarkup);
    await withScript.close();
  });
});
