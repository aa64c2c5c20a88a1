import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useTheme, watchConsole, showIsland } from './helpers.ts';

/** The gradient check island on the Tutorial page. */
function island(page: Page) {
  const root = page.locator('gradient-check');
  const rows = (name: 'dx' | 'dgamma' | 'dbeta') => root.locator(`[aria-labelledby="gradient-check-${name}-caption"] tbody tr`);
  return {
    root,
    batch: root.getByLabel('Batch size m'),
    features: root.getByLabel('Features n'),
    seed: root.getByLabel('Seed'),
    step: root.getByLabel('Step h'),
    eps: root.getByLabel('Epsilon (ε)'),
    train: root.getByLabel('Train: batch statistics'),
    eval: root.getByLabel('Eval: running statistics'),
    check: root.getByRole('button', { name: 'Check gradients' }),
    newBatch: root.getByRole('button', { name: 'New random batch' }),
    status: root.getByRole('status'),
    verdict: root.locator('.gc-verdict'),
    note: root.locator('.gc-note'),
    output: root.locator('[data-output]'),
    dxRows: rows('dx'),
    dgammaRows: rows('dgamma'),
    dbetaRows: rows('dbeta'),
    flagged: root.locator('tr.gc-above'),
    error: (field: string) => root.locator(`[data-error-for="${field}"]`),
  };
}

type Island = ReturnType<typeof island>;

/** Presses Check gradients and waits for the outcome: a check or an input error. */
async function checkAndWait(g: Island) {
  await g.check.click();
  await expect(g.status).toHaveText(/^(Checked|Not checked)/);
}

/** The max relative error the status line reports. */
async function maxError(g: Island): Promise<number> {
  const match = /max relative error (\S+?)[:,]/.exec((await g.status.textContent()) ?? '');
  expect(match, 'the status names the max relative error').not.toBeNull();
  return Number(match![1]);
}

/** The analytic ∂L/∂x column, as displayed. */
async function analyticDx(g: Island): Promise<string[]> {
  return g.dxRows.locator('td:nth-of-type(1)').allTextContents();
}

test.describe('with JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('tutorial/backward-pass/');
    await showIsland(page, 'gradient-check');
    await expect(island(page).check).toBeEnabled();
  });

  test('the default check agrees, and the browser computes the very tables the build rendered', async ({ page }) => {
    const console = watchConsole(page);
    const g = island(page);
    await expect(g.verdict).toContainText('the backward pass agrees');
    await expect(g.dxRows).toHaveCount(12);
    await expect(g.dgammaRows).toHaveCount(3);
    await expect(g.dbetaRows).toHaveCount(3);
    const built = await g.output.innerHTML();
    await checkAndWait(g);
    await expect(g.status).toHaveText(/^Checked m = 4, n = 3, seed 1, h = 1e-5, ε = 1e-5, train mode: max relative error \d\.\de-\d+: the backward pass agrees\.$/);
    expect(await maxError(g)).toBeLessThan(1e-6);
    await expect(g.verdict).toHaveText(/^✓ Max relative error \d\.\de-\d+, at ∂L\/∂[xγβ]\[[\d, ]+\]: below 1e-6, the backward pass agrees\.$/);
    expect(await g.output.innerHTML()).toBe(built);
    await expect(g.flagged).toHaveCount(0);
    console.expectNone();
  });

  test('changing m and n changes the size of the tables', async ({ page }) => {
    const console = watchConsole(page);
    const g = island(page);
    await g.batch.fill('7');
    await g.features.fill('2');
    await g.features.press('Enter');
    await expect(g.status).toHaveText(/^Checked m = 7, n = 2, .*the backward pass agrees\.$/);
    await expect(g.dxRows).toHaveCount(14);
    await expect(g.dgammaRows).toHaveCount(2);
    await expect(g.dbetaRows).toHaveCount(2);
    await expect(g.root.getByText('∂L/∂x: 7 × 2 = 14 entries')).toBeVisible();
    await expect(g.dxRows.last().locator('th')).toHaveText(['6', '1']);
    await g.batch.fill('16');
    await g.features.fill('4');
    await checkAndWait(g);
    await expect(g.dxRows).toHaveCount(64);
    await expect(g.dbetaRows).toHaveCount(4);
    await g.batch.fill('2');
    await g.features.fill('1');
    await checkAndWait(g);
    await expect(g.dxRows).toHaveCount(2);
    await expect(g.dgammaRows).toHaveCount(1);
    console.expectNone();
  });

  test('h = 1e-1 gives a visibly larger error from truncation, h = 1e-12 from rounding', async ({ page }) => {
    const console = watchConsole(page);
    const g = island(page);
    await checkAndWait(g);
    const good = await maxError(g);
    await g.step.fill('1e-1');
    await g.step.press('Enter');
    await expect(g.status).toHaveText(/h = 0\.1, .*above 1e-6: see why below\.$/);
    const coarse = await maxError(g);
    expect(coarse).toBeGreaterThan(1e-3);
    expect(coarse).toBeGreaterThan(1e4 * good);
    await expect(g.verdict).toContainText('The step h = 0.1 is large, so the central difference carries truncation error of order h²');
    await expect(g.verdict).toContainText(`With h = 1e-5, the same batch gives ${good.toExponential(1)}.`);
    await expect(g.flagged).toHaveCount(12); // every ∂L/∂x entry; ∂L/∂γ and ∂L/∂β are exact, L being linear in them
    await expect(g.flagged.first()).toContainText('⚠');
    await expect(g.flagged.first().locator('.sr-only')).toHaveText(' (at or above 1e-6)');

    await g.step.fill('1e-2');
    await checkAndWait(g);
    const medium = await maxError(g);
    expect(coarse / medium).toBeGreaterThan(50); // ten times the step, about a hundred times the error: O(h²)

    await g.step.fill('1e-12');
    await checkAndWait(g);
    expect(await maxError(g)).toBeGreaterThan(1e-6);
    await expect(g.verdict).toContainText('The step h = 1e-12 is so small');
    await expect(g.verdict).toContainText('rounding error');
    console.expectNone();
  });

  test('eval mode checks with running statistics and agrees too', async ({ page }) => {
    const console = watchConsole(page);
    const g = island(page);
    const trainDx = await analyticDx(g);
    await g.eval.check(); // switching the mode checks again at once
    await expect(g.status).toHaveText(/^Checked m = 4, n = 3, seed 1, h = 1e-5, ε = 1e-5, eval mode: max relative error \S+: the backward pass agrees\.$/);
    await expect(g.verdict).toContainText('the backward pass agrees');
    await expect(g.note).toContainText('Eval mode: the layer first trained on 8 seeded batches');
    await expect(g.note).toContainText('∂L/∂x = γ·∂L/∂y/√(running var + ε)');
    expect(await analyticDx(g)).not.toEqual(trainDx);
    // Linear in x in eval mode: even a large step agrees.
    await g.step.fill('0.1');
    await checkAndWait(g);
    await expect(g.status).toHaveText(/eval mode: .*the backward pass agrees\.$/);
    await g.train.check();
    await expect(g.status).toHaveText(/train mode: .*above 1e-6/);
    await g.step.fill('1e-5');
    await checkAndWait(g);
    expect(await analyticDx(g)).toEqual(trainDx);
    console.expectNone();
  });

  test('New random batch bumps the seed and changes the values', async ({ page }) => {
    const console = watchConsole(page);
    const g = island(page);
    const first = await analyticDx(g);
    await g.newBatch.click();
    await expect(g.seed).toHaveValue('2');
    await expect(g.status).toHaveText(/seed 2, .*the backward pass agrees\.$/);
    const second = await analyticDx(g);
    expect(second).not.toEqual(first);
    // A bad seed box gives way to the seed after the last good one.
    await g.seed.fill('abc');
    await checkAndWait(g);
    await expect(g.error('seed')).not.toBeEmpty();
    await g.newBatch.click();
    await expect(g.seed).toHaveValue('3');
    await expect(g.error('seed')).toBeEmpty();
    await expect(g.seed).not.toHaveAttribute('aria-invalid');
    await expect(g.status).toHaveText(/seed 3, /);
    // Going back to seed 1 gives the first batch again.
    await g.seed.fill('1');
    await checkAndWait(g);
    expect(await analyticDx(g)).toEqual(first);
    console.expectNone();
  });

  const badInputs: { name: string; field: 'batch' | 'features' | 'seed' | 'step' | 'eps'; text: string; message: RegExp }[] = [
    { name: 'an empty batch size', field: 'batch', text: '', message: /^Enter a value for the batch size m, such as 4\.$/ },
    { name: 'a batch of one', field: 'batch', text: '1', message: /^The batch size m must be from 2 to 16; got 1: one example has no spread to normalize by\.$/ },
    { name: 'a batch too large', field: 'batch', text: '17', message: /must be from 2 to 16; got 17: the tables list every entry/ },
    { name: 'a fractional batch size', field: 'batch', text: '2.5', message: /^The batch size m must be a whole number from 2 to 16; got 2\.5\.$/ },
    { name: 'no features', field: 'features', text: '0', message: /^The number of features n must be from 1 to 4; got 0: the layer needs at least one\.$/ },
    { name: 'a word for the features', field: 'features', text: 'three', message: /must be a single number, such as 3; got 'three'/ },
    { name: 'a negative seed', field: 'seed', text: '-1', message: /^The seed must be from 0 to 4,294,967,295; got -1\.$/ },
    { name: 'a seed too large', field: 'seed', text: '4294967296', message: /got 4294967296/ },
    { name: 'a zero step', field: 'step', text: '0', message: /^The step h must be greater than 0; got 0: the central difference divides by 2h\.$/ },
    { name: 'a step too small', field: 'step', text: '1e-13', message: /from 1e-12 to 0\.1; got 1e-13: below 1e-12, rounding leaves mostly noise/ },
    { name: 'a step too large', field: 'step', text: '1', message: /from 1e-12 to 0\.1; got 1: a step that large/ },
    { name: 'an infinite step', field: 'step', text: 'inf', message: /must be a finite number from 1e-12 to 0\.1; got Infinity/ },
    { name: 'a negative epsilon', field: 'eps', text: '-1e-5', message: /^Epsilon \(ε\) must be a finite number ≥ 0; got -1e-5\.$/ },
    { name: 'a text epsilon', field: 'eps', text: 'small', message: /^Epsilon \(ε\) must be a single number, such as 1e-5; got 'small'\.$/ },
  ];

  test(`${badInputs.length} kinds of bad input each explain themselves and leave the island working`, async ({ page }) => {
    const console = watchConsole(page);
    const g = island(page);
    const boxes = { batch: g.batch, features: g.features, seed: g.seed, step: g.step, eps: g.eps };
    const defaults = { batch: '4', features: '3', seed: '1', step: '1e-5', eps: '1e-5' };
    await checkAndWait(g);
    const lastGood = await g.output.innerHTML();
    for (const bad of badInputs) {
      await test.step(bad.name, async () => {
        for (const [field, box] of Object.entries(boxes)) await box.fill(field === bad.field ? bad.text : defaults[field as keyof typeof defaults]);
        await boxes[bad.field].press('Enter');
        await expect(g.status).toHaveText('Not checked: fix the input marked above. The tables below are from the last check.');
        const alert = g.error(bad.field);
        await expect(alert).toHaveText(bad.message);
        await expect(alert).toHaveAttribute('role', 'alert');
        await expect(alert).toBeVisible();
        await expect(boxes[bad.field]).toHaveAttribute('aria-invalid', 'true');
        for (const other of Object.keys(boxes).filter((f) => f !== bad.field)) await expect(g.error(other)).toBeEmpty();
        expect(await g.output.innerHTML(), 'the last good tables stay').toBe(lastGood);
      });
    }
    await test.step('every box wrong at once', async () => {
      await g.batch.fill('x');
      await g.features.fill('9');
      await g.seed.fill('1.5');
      await g.step.fill('');
      await g.eps.fill('-2');
      await checkAndWait(g);
      for (const field of Object.keys(boxes)) await expect(g.error(field)).not.toBeEmpty();
    });
    await test.step('a good check afterwards works and clears the messages', async () => {
      for (const [field, box] of Object.entries(boxes)) await box.fill(defaults[field as keyof typeof defaults]);
      await g.batch.fill('5');
      await checkAndWait(g);
      await expect(g.status).toHaveText(/^Checked m = 5, .*the backward pass agrees\.$/);
      for (const [field, box] of Object.entries(boxes)) {
        await expect(g.error(field)).toBeEmpty();
        await expect(box).not.toHaveAttribute('aria-invalid');
      }
      await expect(g.dxRows).toHaveCount(15);
    });
    console.expectNone();
  });

  test('the keyboard alone can change the settings and check: Enter in any box, arrows between the modes', async ({ page }) => {
    const g = island(page);
    await g.batch.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect(g.status).toHaveText(/^Checked m = 3, /);
    for (const box of [g.features, g.seed, g.step, g.eps]) {
      await page.keyboard.press('Tab');
      await expect(box).toBeFocused();
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await expect(g.status).toHaveText(/^Checked m = 3, n = 3, seed 1, h = 1e-5, ε = 0, train mode/);
    await page.keyboard.press('Tab');
    await expect(g.train).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(g.eval).toBeChecked();
    await expect(g.status).toHaveText(/eval mode: /);
    await page.keyboard.press('Tab');
    await expect(g.check).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(g.newBatch).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(g.seed).toHaveValue('2');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the island has no WCAG 2 A/AA violations after checks and after bad input (${theme} theme)`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto('tutorial/backward-pass/');
      await showIsland(page, 'gradient-check');
      const g = island(page);
      await expect(g.check).toBeEnabled();
      const axe = () => new AxeBuilder({ page }).include('gradient-check').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      await g.eval.check();
      await expect(g.status).toHaveText(/eval mode/);
      await g.train.check();
      await g.step.fill('0.1');
      await checkAndWait(g);
      await expect(g.flagged).toHaveCount(12);
      expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await g.batch.fill('1');
      await g.step.fill('zero');
      await checkAndWait(g);
      await expect(g.error('batch')).not.toBeEmpty();
      expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the island shows the pre-rendered check for the defaults, its controls disabled', async ({ page }) => {
    await page.goto('tutorial/backward-pass/');
    const g = island(page);
    await expect(g.verdict).toBeVisible();
    await expect(g.verdict).toContainText('the backward pass agrees');
    await expect(g.dxRows).toHaveCount(12);
    await expect(g.dgammaRows).toHaveCount(3);
    await expect(g.dbetaRows).toHaveCount(3);
    await expect(g.dxRows.first().locator('td')).toHaveCount(3);
    await expect(g.status).toHaveText(/Turn on JavaScript to change them and check again\./);
    for (const control of [g.batch, g.features, g.seed, g.step, g.eps, g.train, g.eval, g.check, g.newBatch]) await expect(control).toBeDisabled();
    await expect(g.batch).toHaveValue('4');
    await expect(g.step).toHaveValue('1e-5');
  });
});
