import { expect, test, type Page } from '@playwright/test';
import { readShared, watchConsole } from './helpers.ts';

const reference = readShared('reference/seed_example.numpy-output.txt');

/** The island's controls on the Code page. */
function runner(page: Page) {
  const root = page.locator('program-runner');
  return {
    matrix: root.getByLabel('Data matrix'),
    epsilon: root.getByLabel('Epsilon (ε)'),
    run: root.getByRole('button', { name: 'Run' }),
    reset: root.getByRole('button', { name: 'Reset' }),
    output: root.locator('[data-output]'),
    status: root.getByRole('status'),
    matrixError: root.locator('[data-error-for="matrix"]'),
    epsilonError: root.locator('[data-error-for="epsilon"]'),
    statsRows: root.locator('[data-stats-body] tr'),
  };
}

/** Runs and waits for the outcome: a successful run or an input error. */
async function runAndWait(page: Page) {
  const r = runner(page);
  await r.run.click();
  await expect(r.status).toHaveText(/^(Ran on|Not run)/);
}

test.beforeEach(async ({ page }) => {
  await page.goto('code/');
  await expect(runner(page).run).toBeEnabled();
});

test("Run prints exactly NumPy's output for the original program", { tag: '@subpath' }, async ({ page }) => {
  const console = watchConsole(page);
  const r = runner(page);
  await expect(r.output).toHaveText(reference, { useInnerText: false });
  await runAndWait(page);
  await expect(r.status).toHaveText(/^Ran on 5 × 3 int64 data in \d+ ms\.$/);
  expect(await r.output.textContent()).toBe(reference);
  await expect(r.statsRows).toHaveCount(3);
  await expect(r.statsRows.first().locator('td').nth(2)).toHaveText('0.999999722');
  console.expectNone();
});

test('an edited matrix and epsilon give the right result', async ({ page }) => {
  const console = watchConsole(page);
  const r = runner(page);
  await r.matrix.fill('[[0.5, -1.25],\n [2.0, 3.5],\n [4.75, 0.0]]');
  await runAndWait(page);
  // What NumPy 2 prints for the same program (src/lib/__tests__/fixtures/numpy-print.json, "floats").
  expect(await r.output.textContent()).toBe(
    'Original data:\n [[ 0.5  -1.25]\n [ 2.    3.5 ]\n [ 4.75  0.  ]]\n\nNormalized data:\n [[-1.08907981 -0.99483078]\n [-0.23675648  1.36789232]\n [ 1.32583629 -0.37306154]]\n',
  );
  await r.matrix.fill('[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]]');
  await r.epsilon.fill('0');
  await runAndWait(page);
  // Without epsilon the values are exactly ±√2 and ±√2/2.
  await expect(r.output).toContainText('[[-1.41421356 -1.41421356 -1.41421356]');
  await expect(r.statsRows.first().locator('td').nth(2)).toHaveText('1');
  console.expectNone();
});

const badInputs: { name: string; matrix?: string; epsilon?: string; field: 'matrix' | 'epsilon'; message: RegExp }[] = [
  { name: 'empty matrix', matrix: '', field: 'matrix', message: /The matrix is empty/ },
  { name: 'a single number', matrix: '42', field: 'matrix', message: /Found a single number at line 1, column 1/ },
  { name: 'a 1-D list', matrix: '[1, 2, 3]', field: 'matrix', message: /where a row was expected: the data must be a 2-D list/ },
  { name: 'no rows', matrix: '[]', field: 'matrix', message: /The matrix has no rows/ },
  { name: 'an empty row', matrix: '[[]]', field: 'matrix', message: /Row 0 of data is empty/ },
  { name: 'ragged rows', matrix: '[[1, 2, 3],\n [4, 5]]', field: 'matrix', message: /Row 1 of data has 2 values, but row 0 has 3/ },
  { name: 'a word', matrix: '[[1, two]]', field: 'matrix', message: /Expected a number at line 1, column 6, but found 'two'/ },
  { name: 'a missing comma', matrix: '[[1 2]]', field: 'matrix', message: /Expected ',' or '\]' at line 1, column 5/ },
  { name: 'an unclosed bracket', matrix: '[[1, 2],\n [3, 4]', field: 'matrix', message: /never closed: add '\]'/ },
  { name: 'a NaN value', matrix: '[[1, 2], [3, nan]]', field: 'matrix', message: /data\[1\]\[1\] \(row 1, column 1\) is NaN/ },
  { name: 'an infinite value', matrix: '[[inf, 2], [3, 4]]', field: 'matrix', message: /data\[0\]\[0\] \(row 0, column 0\) is Infinity/ },
  { name: '3-D nesting', matrix: '[[[1, 2]]]', field: 'matrix', message: /is itself a list: the data must be 2-D/ },
  { name: 'text after the matrix', matrix: '[[1, 2]] oops', field: 'matrix', message: /Unexpected 'oops' at line 1, column 10/ },
  { name: 'an integer too large', matrix: '[[99999999999999999999]]', field: 'matrix', message: /too large to hold exactly/ },
  { name: 'an empty epsilon', epsilon: '', field: 'epsilon', message: /Enter a value for epsilon/ },
  { name: 'a text epsilon', epsilon: 'small', field: 'epsilon', message: /Epsilon must be a single number, such as 1e-5; got 'small'/ },
  { name: 'a negative epsilon', epsilon: '-1e-5', field: 'epsilon', message: /epsilon must be a finite number ≥ 0; got -0.00001/ },
  { name: 'an infinite epsilon', epsilon: 'inf', field: 'epsilon', message: /epsilon must be a finite number ≥ 0; got Infinity/ },
];

test(`${badInputs.length} kinds of bad input each explain themselves and leave the page working`, async ({ page }) => {
  const console = watchConsole(page);
  const r = runner(page);
  await runAndWait(page);
  const lastGood = await r.output.textContent();
  for (const bad of badInputs) {
    await test.step(bad.name, async () => {
      await r.matrix.fill(bad.matrix ?? '[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]]');
      await r.epsilon.fill(bad.epsilon ?? '1e-5');
      await runAndWait(page);
      const alert = bad.field === 'matrix' ? r.matrixError : r.epsilonError;
      const other = bad.field === 'matrix' ? r.epsilonError : r.matrixError;
      await expect(alert).toHaveText(bad.message);
      await expect(alert).toHaveAttribute('role', 'alert');
      await expect(alert).toBeVisible();
      await expect(other).toBeEmpty();
      await expect(bad.field === 'matrix' ? r.matrix : r.epsilon).toHaveAttribute('aria-invalid', 'true');
      await expect(r.status).toHaveText(/^Not run: fix the input/);
      expect(await r.output.textContent(), 'the last good output stays').toBe(lastGood);
    });
  }
  await test.step('a valid run afterwards works and clears the messages', async () => {
    await r.matrix.fill('[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]]');
    await r.epsilon.fill('1e-5');
    await runAndWait(page);
    await expect(r.status).toHaveText(/^Ran on/);
    await expect(r.matrixError).toBeEmpty();
    await expect(r.epsilonError).toBeEmpty();
    await expect(r.matrix).not.toHaveAttribute('aria-invalid');
    expect(await r.output.textContent()).toBe(reference);
  });
  console.expectNone();
});

test('both boxes can be wrong at once', async ({ page }) => {
  const r = runner(page);
  await r.matrix.fill('[[1, 2], [3]]');
  await r.epsilon.fill('-2');
  await runAndWait(page);
  await expect(r.matrixError).toHaveText(/Row 1 of data has 1 value/);
  await expect(r.epsilonError).toHaveText(/got -2/);
});

test('Reset restores the example, its output and its statistics', async ({ page }) => {
  const r = runner(page);
  await r.matrix.fill('[[1.0], [2.0], [4.0]]');
  await r.epsilon.fill('0.5');
  await runAndWait(page);
  await expect(r.statsRows).toHaveCount(1);
  await r.matrix.fill('[[oops');
  await runAndWait(page);
  await r.reset.click();
  await expect(r.matrix).toHaveValue('[[1, 2, 3],\n [4, 5, 6],\n [7, 8, 9],\n [10, 11, 12],\n [13, 14, 15]]');
  await expect(r.epsilon).toHaveValue('1e-5');
  await expect(r.matrixError).toBeEmpty();
  await expect(r.statsRows).toHaveCount(3);
  expect(await r.output.textContent()).toBe(reference);
});

test('the keyboard alone can edit and run: Ctrl+Enter in the matrix, Enter in epsilon', async ({ page }) => {
  const r = runner(page);
  await r.matrix.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('[[2, 4], [6, 8]]');
  await page.keyboard.press('Control+Enter');
  await expect(r.status).toHaveText(/^Ran on 2 × 2 int64/);
  await page.keyboard.press('Tab');
  await expect(r.epsilon).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(r.output).toContainText('[[-0.89442719 -0.89442719]');
  await page.keyboard.press('Tab');
  await expect(r.run).toBeFocused();
});

test('the presets load, run and explain themselves', async ({ page }) => {
  const console = watchConsole(page);
  const r = runner(page);
  await page.getByRole('button', { name: 'Constant column' }).click();
  await expect(r.status).toContainText('only ε keeps the division finite');
  await expect(r.output).toContainText('[[ 0.         -1.06904153]');
  await r.epsilon.fill('0');
  await runAndWait(page);
  await expect(r.output).toContainText('[[        nan -1.06904497]');
  await page.getByRole('button', { name: 'Variance near ε' }).click();
  await expect(r.status).toContainText('≈ 0.577');
  await expect(r.statsRows.first().locator('td').nth(2)).toHaveText('0.577350269');
  console.expectNone();
});

test('10,000 × 100 random values run in a worker; the output is summarized as NumPy does', { tag: '@subpath' }, async ({ page }) => {
  const console = watchConsole(page);
  const r = runner(page);
  // Record main-thread long tasks while the large input is generated and run (reported, not asserted).
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.longTasks.push(entry.duration))).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: 'Random 10,000 × 100' }).click();
  await expect(r.status).toHaveText(/^Ran on 10,000 × 100 float64 data/, { timeout: 30_000 });
  const output = (await r.output.textContent()) ?? '';
  expect(output.split('\n').filter((line) => line.trim() === '...')).toHaveLength(2);
  expect(output).toMatch(/ \.\.\. /);
  await expect(r.statsRows).toHaveCount(50);
  await expect(page.locator('[data-stats-caption]')).toHaveText('Each column of the result, over its 10,000 rows (the first 50 of 100)');
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: 'longest main-thread task (ms)', description: String(Math.max(0, ...longTasks)) });
  // The page answers input while the data is large: the reset applies at once.
  await r.reset.click();
  await expect(r.statsRows).toHaveCount(3);
  console.expectNone();
});
