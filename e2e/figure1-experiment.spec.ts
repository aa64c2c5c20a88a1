import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useTheme, watchConsole, showIsland } from './helpers.ts';

const PATH = 'internal-covariate-shift/';

/** The live Figure 1 on the Internal Covariate Shift page. */
function figure(page: Page) {
  const root = page.locator('figure1-experiment');
  return {
    root,
    steps: root.getByLabel('Training steps', { exact: true }),
    learningRate: root.getByLabel('Learning rate', { exact: true }),
    initStd: root.getByLabel('Initial weight scale σ', { exact: true }),
    seed: root.getByLabel('Seed', { exact: true }),
    start: root.getByRole('button', { name: 'Start' }),
    pause: root.getByRole('button', { name: /^(Pause|Resume)$/ }),
    reset: root.getByRole('button', { name: 'Reset' }),
    status: root.locator('[data-status]'),
    progress: (network: 'without' | 'with') => root.locator(`[data-steps="${network}"]`),
    chart: (part: 'accuracy' | 'without' | 'with') => root.locator(`[data-part="${part}"]`),
    table: (part: 'accuracyTable' | 'withoutTable' | 'withTable') => root.locator(`[data-part="${part}"]`),
    error: (name: string) => root.locator(`[data-error-for="${name}"]`),
  };
}

/** The rows of a table as text, one array of cells per row. */
async function rows(page: Page, part: 'accuracyTable' | 'withoutTable' | 'withTable'): Promise<string[][]> {
  return figure(page)
    .table(part)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
}

async function openTables(page: Page) {
  for (const summary of await figure(page).root.locator('summary').all()) await summary.click();
}

/** Waits for the end of a run (it can take a while on a busy machine). */
async function waitForDone(page: Page) {
  await expect(figure(page).status).toHaveText(/^Done in [\d.]+ s: both networks trained/, { timeout: 240_000 });
}

test.beforeEach(async ({ page, javaScriptEnabled }) => {
  await page.goto(PATH);
  if (javaScriptEnabled) {
    await showIsland(page, 'figure1-experiment');
    await expect(figure(page).start).toBeEnabled();
  }
});

test('Start trains both networks in the browser and reproduces the recorded numbers', async ({ page }) => {
  test.slow();
  const console = watchConsole(page);
  const f = figure(page);
  await openTables(page);
  const recorded = { accuracy: await rows(page, 'accuracyTable'), without: await rows(page, 'withoutTable'), with: await rows(page, 'withTable') };
  expect(recorded.accuracy).toHaveLength(41);
  const chart = await f.chart('accuracy').innerHTML();

  await f.steps.fill('100');
  await f.start.click();
  await expect(f.status).toHaveText('Training both networks, 100 steps each…');
  await expect(f.pause).toBeEnabled();
  await waitForDone(page);
  await expect(f.status).toContainText('Final test accuracy:');
  await expect(f.pause).toBeDisabled();
  await expect(f.progress('without')).toHaveText('100 of 100 steps');
  await expect(f.progress('with')).toHaveText('100 of 100 steps');
  expect(await f.chart('accuracy').innerHTML()).not.toBe(chart);
  await expect(f.chart('accuracy').locator('desc')).toContainText('after all 100 steps');
  await expect(f.chart('accuracy').locator('.line-chart-tick-x').last()).toHaveText('100');
  // The first 100 steps of the default run are the same training: the browser's numbers equal the recording's.
  expect(await rows(page, 'accuracyTable')).toEqual(recorded.accuracy.slice(0, 3));
  expect(await rows(page, 'withoutTable')).toEqual(recorded.without.slice(0, 3));
  expect(await rows(page, 'withTable')).toEqual(recorded.with.slice(0, 3));
  expect(Number(await f.root.getAttribute('data-duration'))).toBeGreaterThan(0);
  console.expectNone();
});

test('Pause stops both networks, Resume goes on, Reset brings back the default run', async ({ page }) => {
  test.slow();
  const console = watchConsole(page);
  const f = figure(page);
  const chart = await f.chart('with').innerHTML();
  const progress = await f.root.locator('.f1-progress').innerHTML();
  await f.steps.fill('20000');
  await f.start.click();
  await expect(f.progress('with')).toHaveText(/^[1-9][\d,]* of 20,000 steps$/, { timeout: 60_000 });
  await expect(f.chart('with').locator('desc')).toContainText('of 20,000 steps');

  await f.pause.click();
  await expect(f.pause).toHaveText('Resume');
  // Once both workers have answered, the status gives the steps where they stopped, and nothing moves.
  await expect(f.status).toHaveText(/^Paused at step [\d,]+ without BN and [\d,]+ with BN\. Press Resume to go on\.$/);
  const [, without, withBn] = /step ([\d,]+) without BN and ([\d,]+) with BN/.exec((await f.status.textContent()) ?? '') ?? [];
  const paused = [`${without} of 20,000 steps`, `${withBn} of 20,000 steps`];
  await expect(f.progress('without')).toHaveText(paused[0]);
  await expect(f.progress('with')).toHaveText(paused[1]);
  await page.waitForTimeout(2000);
  expect([await f.progress('without').textContent(), await f.progress('with').textContent()]).toEqual(paused);

  await f.pause.click();
  await expect(f.pause).toHaveText('Pause');
  await expect(f.status).toHaveText('Training both networks, 20,000 steps each…');
  await expect(f.progress('with')).not.toHaveText(paused[1], { timeout: 60_000 });

  await f.reset.click();
  await expect(f.status).toHaveText(/^Reset: the default settings, and the figure of the default run \(2,000 steps/);
  await expect(f.steps).toHaveValue('2000');
  await expect(f.pause).toBeDisabled();
  expect(await f.chart('with').innerHTML()).toBe(chart);
  expect(await f.root.locator('.f1-progress').innerHTML()).toBe(progress);
  expect(new URL(page.url()).search).toBe('');
  // Nothing from the stopped run arrives later.
  await page.waitForTimeout(1000);
  expect(await f.chart('with').innerHTML()).toBe(chart);
  console.expectNone();
});

test('Start during a run starts again with the new settings', async ({ page }) => {
  test.slow();
  const console = watchConsole(page);
  const f = figure(page);
  await f.steps.fill('20000');
  await f.start.click();
  await expect(f.progress('without')).toHaveText(/^[1-9][\d,]* of 20,000 steps$/, { timeout: 60_000 });
  await f.steps.fill('50');
  await f.seed.fill('3');
  await f.start.click();
  await waitForDone(page);
  await expect(f.progress('without')).toHaveText('50 of 50 steps');
  await expect(f.progress('with')).toHaveText('50 of 50 steps');
  await expect(f.chart('accuracy').locator('desc')).toContainText('after all 50 steps');
  expect(new URL(page.url()).searchParams.get('seed')).toBe('3');
  console.expectNone();
});

test('the settings go into the URL, and a link brings them back', async ({ page }) => {
  test.slow();
  const console = watchConsole(page);
  const f = figure(page);
  await f.steps.fill('100');
  await f.learningRate.fill('0.25');
  await f.initStd.fill('2e-1');
  await f.seed.fill('7');
  await f.seed.press('Enter'); // Enter in a box starts, like the button
  await expect(f.status).toHaveText('Training both networks, 100 steps each…');
  const url = new URL(page.url());
  expect(url.search).toBe('?steps=100&lr=0.25&init=0.2&seed=7');
  await waitForDone(page);
  await openTables(page);
  const numbers = await rows(page, 'accuracyTable');

  await page.goto(url.toString());
  await showIsland(page, 'figure1-experiment');
  await expect(f.start).toBeEnabled();
  await expect(f.steps).toHaveValue('100');
  await expect(f.learningRate).toHaveValue('0.25');
  await expect(f.initStd).toHaveValue('0.2');
  await expect(f.seed).toHaveValue('7');
  await expect(f.status).toHaveText('The settings above come from the link: press Start to train with them. Until then, the figure shows the default run.');
  await expect(f.progress('with')).toHaveText('2,000 of 2,000 steps');
  await f.start.click();
  await waitForDone(page);
  await openTables(page);
  expect(await rows(page, 'accuracyTable'), 'the same settings give the same run').toEqual(numbers);
  console.expectNone();
});

test('bad values in a link are explained, and the figure stays the default run', async ({ page }) => {
  const console = watchConsole(page);
  const f = figure(page);
  const chart = await f.chart('accuracy').innerHTML();
  await page.goto(`${PATH}?steps=0&lr=-1&init=big&seed=1.5`);
  await showIsland(page, 'figure1-experiment');
  await expect(f.start).toBeEnabled();
  await expect(f.steps).toHaveValue('0');
  await expect(f.error('steps')).toHaveText('The number of steps must be at least 1; got 0.');
  await expect(f.error('learningRate')).toHaveText('The learning rate must be a positive number, such as 0.5; got −1.');
  await expect(f.error('initStd')).toHaveText("The initial weight scale must be a single number, such as 0.1; got 'big'.");
  await expect(f.error('seed')).toHaveText('The seed must be a whole number, such as 1; got 1.5.');
  for (const box of [f.steps, f.learningRate, f.initStd, f.seed]) await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(f.status).toHaveText('Some settings in the link are not valid (marked above): fix them, then press Start. The figure shows the default run.');
  expect(await f.chart('accuracy').innerHTML()).toBe(chart);
  await f.start.click();
  await expect(f.status).toHaveText('Not started: fix the settings marked above. The figure shows the last run.');
  expect(new URL(page.url()).searchParams.get('steps')).toBe('0');
  console.expectNone();
});

const badInputs = [
  { name: 'steps', value: '0', message: 'The number of steps must be at least 1; got 0.' },
  { name: 'steps', value: '1e7', message: 'The number of steps can be at most 20,000 on this page, so that a run ends within minutes; got 10,000,000.' },
  { name: 'steps', value: 'ten', message: "The number of steps must be a single number, such as 2000; got 'ten'." },
  { name: 'steps', value: '', message: 'Enter a value for the number of steps, such as 2000.' },
  { name: 'learningRate', value: '-0.5', message: 'The learning rate must be a positive number, such as 0.5; got −0.5.' },
  { name: 'learningRate', value: 'nan', message: 'The learning rate must be a positive number, such as 0.5; got NaN.' },
  { name: 'initStd', value: '0', message: 'The initial weight scale must be a positive number, such as 0.1; got 0.' },
  { name: 'seed', value: '-3', message: 'The seed must be at least 0; got −3.' },
] as const;

test(`${badInputs.length} kinds of bad settings each explain themselves, start nothing and leave the figure working`, async ({ page }) => {
  test.slow();
  const console = watchConsole(page);
  const f = figure(page);
  const chart = await f.chart('accuracy').innerHTML();
  const boxes = { steps: f.steps, learningRate: f.learningRate, initStd: f.initStd, seed: f.seed };
  for (const bad of badInputs) {
    await test.step(`${bad.name} = '${bad.value}'`, async () => {
      await boxes[bad.name].fill(bad.value);
      await f.start.click();
      await expect(f.error(bad.name)).toHaveText(bad.message);
      await expect(f.error(bad.name)).toBeVisible();
      await expect(f.error(bad.name)).toHaveAttribute('role', 'alert');
      await expect(boxes[bad.name]).toHaveAttribute('aria-invalid', 'true');
      await expect(f.status).toHaveText('Not started: fix the setting marked above. The figure shows the last run.');
      await expect(f.pause).toBeDisabled();
      expect(await f.chart('accuracy').innerHTML(), 'the last figure stays').toBe(chart);
      expect(new URL(page.url()).search, 'a bad setting does not reach the URL').toBe('');
      await boxes[bad.name].fill({ steps: '2000', learningRate: '0.5', initStd: '0.1', seed: '1' }[bad.name]);
    });
  }
  await test.step('good settings afterwards start a run and clear the messages', async () => {
    await f.steps.fill('50');
    await f.start.click();
    for (const name of ['steps', 'learningRate', 'initStd', 'seed']) await expect(f.error(name)).toBeEmpty();
    await expect(f.steps).not.toHaveAttribute('aria-invalid');
    await waitForDone(page);
  });
  console.expectNone();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the figure has no WCAG 2 A/AA violations after a run and after bad input (${theme})`, async ({ page }) => {
    test.slow();
    await useTheme(page, theme);
    await page.reload();
    const f = figure(page);
    await expect(f.start).toBeEnabled();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await f.steps.fill('50');
    await f.start.click();
    await waitForDone(page);
    await openTables(page);
    const axe = () => new AxeBuilder({ page }).include('figure1-experiment').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await f.learningRate.fill('-1');
    await f.start.click();
    await expect(f.error('learningRate')).not.toBeEmpty();
    expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the script starting moves nothing: the figure is as tall as without JavaScript', async ({ page, browser, baseURL }) => {
  const withScript = await figure(page).root.boundingBox();
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: page.viewportSize() });
  const plain = await context.newPage();
  await plain.goto(PATH);
  const withoutScript = await figure(plain).root.boundingBox();
  await context.close();
  expect(withScript?.height).toBe(withoutScript?.height);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the recorded default run shows its three charts, their tables and the data credit, with the controls disabled', async ({ page }) => {
    const f = figure(page);
    for (const [part, title] of [
      ['accuracy', 'Figure 1(a): test accuracy against training steps, without and with Batch Normalization'],
      ['without', 'Figure 1(b): without Batch Normalization, the input to one sigmoid of the last hidden layer over training'],
      ['with', 'Figure 1(c): with Batch Normalization, the input to one sigmoid of the last hidden layer over training'],
    ] as const) {
      const svg = f.chart(part).locator('svg[role="img"]');
      await expect(svg).toBeVisible();
      await expect(svg.locator('title')).toHaveText(title);
      await expect(svg.locator('.line-chart-axis-label')).toHaveText(['Training steps', part === 'accuracy' ? 'Test accuracy' : 'Input to the sigmoid']);
    }
    await expect(f.chart('accuracy').locator('.line-chart-legend li')).toHaveText(['Without BN', 'With BN']);
    await expect(f.chart('with').locator('.line-chart-legend li')).toHaveText(['85th percentile', 'Median', '15th percentile']);
    await expect(f.chart('accuracy').locator('desc')).toContainText('With Batch Normalization, the test accuracy is 0.987 after all 2,000 steps');
    // The two percentile charts share their y axis, so they compare at a glance.
    expect(await f.chart('with').locator('.line-chart-tick-y').allTextContents()).toEqual(await f.chart('without').locator('.line-chart-tick-y').allTextContents());
    for (const part of ['accuracyTable', 'withoutTable', 'withTable'] as const) await expect(f.table(part).locator('tbody tr')).toHaveCount(41);
    await expect(f.table('accuracyTable').locator('thead th')).toHaveText(['Training steps', 'Without BN', 'With BN']);
    await expect(f.table('accuracyTable').locator('tbody tr').last()).toHaveText(/2,000\s*0\.923\s*0\.987/);
    await expect(f.root.getByText('Data: Handwritten digits: E. Alpaydin and C. Kaynak')).toBeVisible();
    await expect(f.status).toContainText('Turn on JavaScript to train the networks yourself.');
    for (const control of [f.steps, f.learningRate, f.initStd, f.seed, f.start, f.pause, f.reset]) await expect(control).toBeDisabled();
  });
});
