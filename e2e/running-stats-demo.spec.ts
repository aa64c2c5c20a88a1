import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useTheme, watchConsole, showIsland } from './helpers.ts';

/** The running-statistics island on the Tutorial page. */
function demo(page: Page) {
  const root = page.locator('running-stats-demo');
  return {
    root,
    batchSize: root.getByLabel('Batch size m'),
    feed1: root.getByRole('button', { name: 'Feed 1 batch' }),
    feed20: root.getByRole('button', { name: 'Feed 20 batches' }),
    reset: root.getByRole('button', { name: 'Reset' }),
    train: root.getByRole('radio', { name: 'Train' }),
    eval: root.getByRole('radio', { name: 'Eval' }),
    pytorch: root.getByRole('radio', { name: 'PyTorch' }),
    keras: root.getByRole('radio', { name: 'Keras' }),
    slider: root.getByRole('slider'),
    sliderValue: root.locator('[data-momentum-value]'),
    formula: root.locator('[data-momentum-formula]'),
    cumulative: root.getByRole('checkbox', { name: 'Cumulative average (momentum = None)' }),
    status: root.locator('[data-status]'),
    error: root.locator('[data-error-for="batchSize"]'),
    chart: root.locator('[data-chart]'),
    numbersCaption: root.locator('[data-last-batch] caption'),
    dataRows: root.locator('[data-chart-table] tbody tr'),
  };
}

/** A number from the last batch's table, by the start of its row's name. */
async function value(page: Page, name: string): Promise<number> {
  const row = page.locator('running-stats-demo [data-last-batch] tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${name}`) }) });
  const text = (await row.locator('td').first().textContent()) ?? '';
  return Number(text.replace(/−/g, '-'));
}

/** The running mean and variance shown, as text (6 significant digits). */
async function runningStats(page: Page): Promise<[number, number]> {
  return [await value(page, 'Running mean'), await value(page, 'Running variance')];
}

/** Tolerance for numbers shown with 6 significant digits. */
const shown = (x: number) => 1e-5 * Math.max(1, Math.abs(x));

test.beforeEach(async ({ page, javaScriptEnabled }) => {
  await page.goto('tutorial/running-statistics/');
  if (javaScriptEnabled) await showIsland(page, 'running-stats-demo');
  if (javaScriptEnabled) await expect(demo(page).feed1).toBeEnabled();
});

test('feeding batches changes the numbers, the chart and its table', async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  await expect(d.numbersCaption).toHaveText('Batch 30 (train mode, m = 8)');
  await expect(d.dataRows).toHaveCount(31);
  const [mean30] = await runningStats(page);
  const chart30 = await d.chart.innerHTML();

  await d.feed1.click();
  await expect(d.numbersCaption).toHaveText('Batch 31 (train mode, m = 8)');
  await expect(d.status).toHaveText('Fed 1 batch of 8 (31 in all) in train mode: it moved the running statistics 10% of the way toward its own.');
  await expect(d.dataRows).toHaveCount(32);
  const [mean31] = await runningStats(page);
  expect(Math.abs(mean31 - (0.9 * mean30 + 0.1 * (await value(page, 'Batch mean'))))).toBeLessThan(shown(mean31));
  expect(await d.chart.innerHTML()).not.toBe(chart30);
  await expect(d.chart.locator('svg[role="img"] desc')).toContainText('After 31 batches');
  // In train mode the output is normalized with the batch's own statistics.
  expect(Math.abs(await value(page, 'Output mean'))).toBeLessThan(1e-12);
  expect(await value(page, 'Output std')).toBeCloseTo(1, 4);
  // The unbiased variance is m/(m − 1) times the biased one.
  expect(await value(page, 'Unbiased batch variance')).toBeCloseTo(((await value(page, 'Batch variance')) * 8) / 7, 4);

  await d.batchSize.fill('64');
  await d.feed20.click();
  await expect(d.numbersCaption).toHaveText('Batch 51 (train mode, m = 64)');
  await expect(d.status).toHaveText(/^Fed 20 batches of 64 \(51 in all\) in train mode/);
  await expect(d.dataRows).toHaveCount(52);
  await expect(d.chart.locator('.line-chart-tick-x').last()).toHaveText('60');
  const [mean51, var51] = await runningStats(page);
  expect(Math.abs(mean51 - 3)).toBeLessThan(0.5);
  expect(Math.abs(var51 - 4)).toBeLessThan(1.5);
  console.expectNone();
});

test('the convention switch relabels the slider and keeps the same effective momentum', async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  await expect(d.root.getByText('Momentum (PyTorch): the weight of the new batch')).toBeVisible();
  await expect(d.slider).toHaveValue('0.1');
  await expect(d.formula).toContainText('Keras would call this momentum 0.9');

  await d.keras.check();
  await expect(d.root.getByLabel('Momentum (Keras): the weight of the old running value')).toHaveValue('0.9');
  await expect(d.sliderValue).toHaveText('0.9');
  await expect(d.formula).toHaveText('running ← momentum · running + (1 − momentum) · batch. PyTorch would call this momentum 0.1.');

  // The same stream at Keras 0.9 and at PyTorch 0.1 gives the same running statistics.
  await d.reset.click();
  await d.feed20.click();
  const keras = await runningStats(page);
  await d.pytorch.check();
  await expect(d.slider).toHaveValue('0.1');
  await d.reset.click();
  await d.feed20.click();
  expect(await runningStats(page)).toEqual(keras);

  // And the other way round, for a value set in Keras's terms.
  await d.keras.check();
  await d.slider.focus();
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowLeft');
  await expect(d.slider).toHaveValue('0.75');
  await d.pytorch.check();
  await expect(d.slider).toHaveValue('0.25');
  await expect(d.sliderValue).toHaveText('0.25');
  await d.feed1.click();
  await expect(d.status).toContainText('25% of the way');
  console.expectNone();
});

test('eval mode normalizes with the running statistics and changes nothing', async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  const before = await runningStats(page);
  const rowsBefore = await d.dataRows.count();
  await d.eval.check();
  await expect(d.status).toHaveText('Eval mode: each batch is normalized with the running statistics, and nothing is updated.');
  await d.feed20.click();
  await expect(d.numbersCaption).toHaveText('Batch 50 (eval mode, m = 8)');
  await expect(d.status).toHaveText('Fed 20 batches of 8 (50 in all) in eval mode: normalized with the running statistics; nothing was updated.');
  expect(await runningStats(page)).toEqual(before);
  await expect(d.dataRows).toHaveCount(rowsBefore + 20);
  const row30 = await d.dataRows.nth(rowsBefore - 1).locator('td').allTextContents();
  expect(await d.dataRows.last().locator('td').allTextContents()).toEqual(row30);
  // The output is (x − running mean)/√(running var + ε): close to mean 0, std 1, as the statistics are close to the truth.
  const [mean, variance] = before;
  const expectedMean = ((await value(page, 'Batch mean')) - mean) / Math.sqrt(variance + 1e-5);
  expect(await value(page, 'Output mean')).toBeCloseTo(expectedMean, 4);

  // A fresh layer (mean 0, variance 1) in eval mode leaves the data's mean of about 3 in the output.
  await d.reset.click();
  await d.feed1.click();
  expect(await runningStats(page)).toEqual([0, 1]);
  expect(await value(page, 'Output mean')).toBeGreaterThan(1.5);
  await d.train.check();
  await d.feed1.click();
  await expect(d.numbersCaption).toHaveText('Batch 2 (train mode, m = 8)');
  expect((await runningStats(page))[0]).toBeGreaterThan(0);
  console.expectNone();
});

test('reset starts a fresh layer on the same stream, which replays the pre-rendered run', async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  const prerendered = await runningStats(page);
  const chart = await d.chart.innerHTML();
  await d.feed1.click();
  await d.reset.click();
  await expect(d.status).toHaveText('Reset: a fresh BatchNorm1d(1), running mean 0 and running variance 1, and the stream back at its start.');
  await expect(d.numbersCaption).toHaveText('No batch fed yet: a fresh BatchNorm1d(1)');
  await expect(d.dataRows).toHaveCount(1);
  expect(await runningStats(page)).toEqual([0, 1]);
  await d.feed20.click();
  for (let i = 0; i < 10; i++) await d.feed1.click();
  await expect(d.numbersCaption).toHaveText('Batch 30 (train mode, m = 8)');
  expect(await runningStats(page)).toEqual(prerendered);
  expect(await d.chart.innerHTML()).toBe(chart);
  console.expectNone();
});

test('cumulative mode averages every batch equally', async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  await d.cumulative.check();
  await expect(d.slider).toBeDisabled();
  await expect(d.sliderValue).toHaveText('None');
  await expect(d.formula).toContainText('the plain average of all batches so far');
  await d.reset.click();
  await d.feed1.click();
  // The first batch has weight 1/1: the running statistics are its own.
  const [mean1, var1] = await runningStats(page);
  expect(mean1).toBe(await value(page, 'Batch mean'));
  expect(var1).toBe(await value(page, 'Unbiased batch variance'));
  await d.feed1.click();
  await expect(d.status).toContainText('the plain average over every training batch');
  const [mean2] = await runningStats(page);
  expect(Math.abs(mean2 - (mean1 + (await value(page, 'Batch mean'))) / 2)).toBeLessThan(shown(mean2));
  await d.cumulative.uncheck();
  await expect(d.slider).toBeEnabled();
  await expect(d.sliderValue).toHaveText('0.1');
  console.expectNone();
});

test('the keyboard alone works the slider, the radio groups and feeding', async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  await d.slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(d.slider).toHaveValue('0.11');
  await expect(d.sliderValue).toHaveText('0.11');
  await page.keyboard.press('Home');
  await expect(d.sliderValue).toHaveText('0');
  await page.keyboard.press('End');
  await expect(d.sliderValue).toHaveText('1');
  await expect(d.formula).toContainText('Keras would call this momentum 0');

  await d.pytorch.focus();
  await page.keyboard.press('ArrowRight');
  await expect(d.keras).toBeChecked();
  await expect(d.keras).toBeFocused();
  await expect(d.root.getByText('Momentum (Keras): the weight of the old running value')).toBeVisible();
  await expect(d.slider).toHaveValue('0');

  await d.train.focus();
  await page.keyboard.press('ArrowRight');
  await expect(d.eval).toBeChecked();

  await d.batchSize.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('16');
  await page.keyboard.press('Enter');
  await expect(d.numbersCaption).toHaveText('Batch 31 (eval mode, m = 16)');
  await page.keyboard.press('Tab');
  await expect(d.eval).toBeFocused();
  console.expectNone();
});

const badInputs = [
  { text: '1', message: /^A batch of one value has no variance to normalize with, so BatchNorm1d refuses it in train mode: “Expected more than 1 value per channel when training/ },
  { text: '0', message: /^The batch size must be at least 2 \(at least 1 in eval mode\)/ },
  { text: '1000', message: /^The batch size can be at most 256 in this demo; got 1,000\.$/ },
  { text: 'eight', message: /^The batch size must be a single number, such as 8; got 'eight'\.$/ },
  { text: '2.5', message: /^The batch size must be a whole number of examples, such as 8; got 2\.5\.$/ },
  { text: '', message: /^Enter a value for the batch size, such as 8\.$/ },
];

test(`${badInputs.length} kinds of bad batch size each explain themselves and leave the last good chart`, async ({ page }) => {
  const console = watchConsole(page);
  const d = demo(page);
  await d.feed1.click();
  const chart = await d.chart.innerHTML();
  const numbers = await runningStats(page);
  for (const [i, bad] of badInputs.entries()) {
    await test.step(bad.text || 'empty', async () => {
      await d.batchSize.fill(bad.text);
      await (i % 2 === 0 ? d.feed1 : d.feed20).click();
      await expect(d.error).toHaveText(bad.message);
      await expect(d.error).toBeVisible();
      await expect(d.error).toHaveAttribute('role', 'alert');
      await expect(d.batchSize).toHaveAttribute('aria-invalid', 'true');
      await expect(d.status).toHaveText('Not fed: fix the batch size marked above. The chart and numbers below are from the last batch fed.');
      expect(await d.chart.innerHTML(), 'the last good chart stays').toBe(chart);
      expect(await runningStats(page)).toEqual(numbers);
      await expect(d.numbersCaption).toHaveText('Batch 31 (train mode, m = 8)');
    });
  }
  await test.step('a batch of 1 works in eval mode, which needs no batch statistics', async () => {
    await d.batchSize.fill('1');
    await d.eval.check();
    await d.feed1.click();
    await expect(d.error).toBeEmpty();
    await expect(d.batchSize).not.toHaveAttribute('aria-invalid');
    await expect(d.numbersCaption).toHaveText('Batch 32 (eval mode, m = 1)');
    expect(await value(page, 'Output std')).toBe(0);
  });
  await test.step('a good size afterwards feeds again', async () => {
    await d.train.check();
    await d.batchSize.fill('16');
    await d.feed1.click();
    await expect(d.numbersCaption).toHaveText('Batch 33 (train mode, m = 16)');
  });
  console.expectNone();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the island has no WCAG 2 A/AA violations after interaction and after bad input (${theme})`, async ({ page }) => {
    test.slow(); // two axe runs over the open data table
    await useTheme(page, theme);
    await page.reload();
    const d = demo(page);
    await expect(d.feed1).toBeEnabled();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await d.keras.check();
    await d.eval.check();
    await d.feed20.click();
    await d.cumulative.check();
    await d.train.check();
    await d.feed1.click();
    await d.root.locator('details summary').click();
    const axe = () => new AxeBuilder({ page }).include('running-stats-demo').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await d.batchSize.fill('1');
    await d.feed1.click();
    await expect(d.error).not.toBeEmpty();
    expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the script starting moves nothing: the island is as tall as without JavaScript', async ({ page, browser, baseURL }) => {
  const withScript = await demo(page).root.boundingBox();
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: page.viewportSize() });
  const plain = await context.newPage();
  await plain.goto('tutorial/running-statistics/');
  const withoutScript = await demo(plain).root.boundingBox();
  await context.close();
  expect(withScript?.height).toBe(withoutScript?.height);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the pre-rendered run shows its chart, its table and its numbers, with the controls disabled', async ({ page }) => {
    const d = demo(page);
    const svg = d.chart.locator('svg[role="img"]');
    await expect(svg).toBeVisible();
    await expect(svg.locator('title')).toHaveText('Running mean and running variance after each batch');
    await expect(svg.locator('desc')).toContainText('After 30 batches: running mean 2.718, running variance 3.771.');
    await expect(svg.locator('[data-series="Running mean"] path')).toHaveCount(1);
    await expect(svg.locator('[data-series="Running variance"] path')).toHaveCount(1);
    await expect(d.root.locator('.line-chart-legend li')).toHaveText(['Running mean', 'Running variance', 'True mean μ = 3', 'True variance σ² = 4']);
    await expect(d.dataRows).toHaveCount(31);
    await expect(d.root.locator('[data-chart-table] caption')).toContainText('Reference lines: True mean μ = 3; True variance σ² = 4.');
    await expect(d.numbersCaption).toHaveText('Batch 30 (train mode, m = 8)');
    await expect(d.status).toContainText('Turn on JavaScript to feed batches yourself.');
    for (const control of [d.batchSize, d.feed1, d.feed20, d.reset, d.train, d.keras, d.slider, d.cumulative]) await expect(control).toBeDisabled();
  });
});
