import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useTheme, watchConsole, showIsland } from './helpers.ts';

/*
 * The numbers below were worked out by hand (and checked with a few lines of plain JavaScript), not
 * with the library: the example [[1, 10, 3], [3, 14, -1], [5, 12, 3], [7, 20, -1]] has
 * μ_B = (4, 14, 1) and σ²_B = (5, 14, 4), so x̂ of the first example is (−3/√5.00001, −4/√14.00001,
 * 2/√4.00001) = (−1.34164, −1.06904, 0.999999) to 6 significant digits.
 */
const DEFAULT_MEAN = ['4', '14', '1'];
const DEFAULT_VARIANCE = ['5', '14', '4'];
const DEFAULT_XHAT = [
  ['-1.34164', '-1.06904', '0.999999'],
  ['-0.447213', '0', '-0.999999'],
  ['0.447213', '-0.534522', '0.999999'],
  ['1.34164', '1.60357', '-0.999999'],
];
const GOOD_MATRIX = '[[1, 10, 3],\n [3, 14, -1],\n [5, 12, 3],\n [7, 20, -1]]';

/** The island's controls and results. */
function stepper(page: Page) {
  const root = page.locator('algorithm-stepper');
  return {
    root,
    matrix: root.getByLabel('Mini-batch x'),
    epsilon: root.getByLabel('Epsilon (ε)'),
    run: root.getByRole('button', { name: 'Run', exact: true }),
    previous: root.getByRole('button', { name: 'Previous step' }),
    next: root.getByRole('button', { name: 'Next step' }),
    all: root.getByRole('button', { name: 'Show all steps' }),
    stepStatus: root.locator('[data-step-status]'),
    runStatus: root.locator('[data-run-status]'),
    matrixError: root.locator('[data-error-for="matrix"]'),
    epsilonError: root.locator('[data-error-for="epsilon"]'),
    line: (step: number) => root.locator(`.stepper-lines > li[data-step="${step}"]`),
    /** The result of line 1 (μ), 2 (σ²), 3 (x̂) or 4 (y). */
    result: (step: number) => root.locator(`[data-result="${step - 1}"]`),
    slider: (name: 'γ' | 'β', feature: number) => root.getByLabel(`${name} for feature ${feature}`),
  };
}

/** The numbers of a result table, one array per row, whether or not the table is shown yet. */
async function cells(page: Page, step: number): Promise<string[][]> {
  return stepper(page)
    .result(step)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent ?? '')));
}

/** The value shown next to a slider. */
function sliderValue(page: Page, name: 'γ' | 'β', feature: number) {
  return stepper(page).root.locator(`[data-value-for="algorithm-stepper-${name === 'γ' ? 'gamma' : 'beta'}-${feature}"]`);
}

async function expectStep(page: Page, step: number, name: string) {
  const s = stepper(page);
  await expect(s.stepStatus).toHaveText(`Step ${step} of 4: ${name}`);
  await expect(s.line(step)).toHaveAttribute('aria-current', 'step');
  await expect(s.root.locator('[aria-current]')).toHaveCount(1);
  for (let k = 1; k <= 4; k++) {
    if (k <= step) await expect(s.result(k), `result of line ${k} at step ${step}`).toBeVisible();
    else await expect(s.result(k), `result of line ${k} at step ${step}`).toBeHidden();
  }
}

test.describe('with JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('tutorial/normalize/');
    await showIsland(page, 'algorithm-stepper');
    await expect(stepper(page).next).toBeEnabled();
  });

  test('starts at step 1 and steps forward and back with the buttons', async ({ page }) => {
    const console = watchConsole(page);
    const s = stepper(page);
    await expectStep(page, 1, 'mini-batch mean');
    await expect(s.previous).toHaveAttribute('aria-disabled', 'true');
    await expect(s.previous).toBeDisabled(); // for Playwright, aria-disabled; the button keeps its focus
    await expect(s.all).toHaveAttribute('aria-pressed', 'false');
    await s.previous.focus();
    await page.keyboard.press('Enter'); // nothing before step 1
    await expectStep(page, 1, 'mini-batch mean');
    await s.next.click();
    await expectStep(page, 2, 'mini-batch variance');
    await expect(s.previous).toHaveAttribute('aria-disabled', 'false');
    await s.next.click();
    await expectStep(page, 3, 'normalize');
    await s.next.click();
    await expectStep(page, 4, 'scale and shift');
    await expect(s.next).toHaveAttribute('aria-disabled', 'true');
    await s.next.focus();
    await page.keyboard.press('Enter'); // nothing after step 4
    await expectStep(page, 4, 'scale and shift');
    await s.previous.click();
    await s.previous.click();
    await expectStep(page, 2, 'mini-batch variance');
    console.expectNone();
  });

  test('"Show all steps" reveals every result and keeps the current line', async ({ page }) => {
    const s = stepper(page);
    await s.next.click();
    await s.all.click();
    await expect(s.all).toHaveAttribute('aria-pressed', 'true');
    await expect(s.stepStatus).toHaveText('Step 2 of 4: mini-batch variance. All results shown.');
    await expect(s.line(2)).toHaveAttribute('aria-current', 'step');
    for (let k = 1; k <= 4; k++) await expect(s.result(k)).toBeVisible();
    await s.all.click();
    await expectStep(page, 2, 'mini-batch variance');
  });

  test('the keyboard steps too: Enter and Space on the buttons, arrow keys between them', async ({ page }) => {
    const console = watchConsole(page);
    const s = stepper(page);
    await s.next.focus();
    await page.keyboard.press('Enter');
    await expectStep(page, 2, 'mini-batch variance');
    await page.keyboard.press('Space');
    await expectStep(page, 3, 'normalize');
    await page.keyboard.press('Shift+Tab');
    await expect(s.previous).toBeFocused();
    await page.keyboard.press('Enter');
    await expectStep(page, 2, 'mini-batch variance');
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, 1, 'mini-batch mean');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expectStep(page, 4, 'scale and shift');
    await expect(s.previous, 'focus stays on the button at the last step').toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(s.all).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(s.all).toHaveAttribute('aria-pressed', 'true');
    console.expectNone();
  });

  test("shows the example's μ, σ², x̂ and y, worked out by hand", async ({ page }) => {
    const console = watchConsole(page);
    const s = stepper(page);
    await s.all.click();
    expect(await cells(page, 1)).toEqual([DEFAULT_MEAN]);
    expect(await cells(page, 2)).toEqual([DEFAULT_VARIANCE]);
    expect(await cells(page, 3)).toEqual(DEFAULT_XHAT);
    expect(await cells(page, 4), 'with γ = 1 and β = 0, y = x̂').toEqual(DEFAULT_XHAT);
    await expect(s.result(3).locator('thead th')).toHaveText(['Example i', 'Feature 1', 'Feature 2', 'Feature 3']);
    console.expectNone();
  });

  test('a slider changes y at once; γ = 0 makes y = β; γ = √σ² and β = μ give x back', async ({ page }) => {
    const console = watchConsole(page);
    const s = stepper(page);
    for (let i = 1; i < 4; i++) await s.next.click();
    await s.slider('γ', 1).focus();
    await page.keyboard.press('ArrowRight');
    await expect(s.slider('γ', 1)).toHaveValue('1.1');
    await expect(sliderValue(page, 'γ', 1)).toHaveText('1.1');
    // y = 1.1 · (−3/√5.00001) for the first example.
    await expect(s.result(4).locator('tbody tr').first().locator('td').first()).toHaveText('-1.4758');
    expect(await cells(page, 3), 'x̂ does not depend on γ').toEqual(DEFAULT_XHAT);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(sliderValue(page, 'γ', 1)).toHaveText('0.9');
    await expect(s.result(4).locator('tbody tr').first().locator('td').first()).toHaveText('-1.20748');

    await s.slider('γ', 2).fill('0');
    await s.slider('β', 2).fill('2.5');
    await expect(sliderValue(page, 'γ', 2)).toHaveText('0.0');
    await expect(sliderValue(page, 'β', 2)).toHaveText('2.5');
    expect((await cells(page, 4)).map((row) => row[1])).toEqual(['2.5', '2.5', '2.5', '2.5']);

    // Feature 3 has μ = 1 and σ² = 4: γ = 2, β = 1 give x back, up to ε.
    await s.slider('γ', 3).fill('2');
    await s.slider('β', 3).fill('1');
    expect((await cells(page, 4)).map((row) => row[2])).toEqual(['3', '-0.999998', '3', '-0.999998']);
    console.expectNone();
  });

  test('editing the data and running recomputes every step and re-creates the sliders', async ({ page }) => {
    const console = watchConsole(page);
    const s = stepper(page);
    await s.all.click();
    await s.slider('γ', 1).fill('-2');
    await s.slider('β', 1).fill('0.5');
    await s.matrix.fill('[[0.5, -1.25],\n [2.0, 3.5],\n [4.75, 0.0]]');
    await s.run.click();
    await expect(s.runStatus).toHaveText('Ran on 3 examples of 2 features.');
    await expect(s.line(1), 'the current step stays').toHaveAttribute('aria-current', 'step');
    expect(await cells(page, 1)).toEqual([['2.41667', '0.75']]);
    expect(await cells(page, 2)).toEqual([['3.09722', '4.04167']]);
    // NumPy prints the same x̂ for this data on the Code page: [[-1.08907981 -0.99483078] …].
    expect(await cells(page, 3)).toEqual([
      ['-1.08908', '-0.994831'],
      ['-0.236756', '1.36789'],
      ['1.32584', '-0.373062'],
    ]);
    await expect(s.slider('γ', 3)).toHaveCount(0);
    await expect(s.slider('γ', 1), 'feature 1 keeps its γ').toHaveValue('-2');
    await expect(s.slider('β', 1)).toHaveValue('0.5');
    await expect(s.slider('γ', 2)).toHaveValue('1');
    // y = −2 x̂ + 0.5 for feature 1, with NumPy's x̂ (−1.08907981, −0.23675648, 1.32583629).
    expect((await cells(page, 4)).map((row) => row[0])).toEqual(['2.67816', '0.973513', '-2.15167']);

    // Ctrl+Enter in the box runs too; ε is read with the data: √(8 + 1) = 3 exactly.
    await s.epsilon.fill('1');
    await s.matrix.fill('[[2], [4], [6], [8], [10]]');
    await s.matrix.press('Control+Enter');
    await expect(s.runStatus).toHaveText('Ran on 5 examples of 1 feature.');
    expect(await cells(page, 2)).toEqual([['8']]);
    expect(await cells(page, 3)).toEqual([['-1.33333'], ['-0.666667'], ['0'], ['0.666667'], ['1.33333']]);
    await expect(s.root.locator('input[type="range"]')).toHaveCount(2);
    await expect(s.slider('γ', 1)).toHaveValue('-2');
    console.expectNone();
  });

  test('a constant feature with ε = 0 gives nan, and the status says why', async ({ page }) => {
    const s = stepper(page);
    await s.matrix.fill('[[1, 2], [1, 4]]');
    await s.epsilon.fill('0');
    await s.run.click();
    await expect(s.runStatus).toContainText('Feature 1 is constant and ε = 0, so x̂ is 0/0, which is nan');
    expect(await cells(page, 3)).toEqual([
      ['nan', '-1'],
      ['nan', '1'],
    ]);
  });

  const badInputs: { name: string; matrix?: string; epsilon?: string; field: 'matrix' | 'epsilon'; message: RegExp }[] = [
    { name: 'an empty box', matrix: '', field: 'matrix', message: /^The matrix is empty/ },
    {
      name: 'a single row',
      matrix: '[[1, 2, 3]]',
      field: 'matrix',
      message: /^There is only 1 example \(row\)\. The variance of a single example is 0, .*Batch Norm needs a batch/,
    },
    {
      name: 'nine rows',
      matrix: `[${Array.from({ length: 9 }, (_, i) => `[${i}, 1]`).join(', ')}]`,
      field: 'matrix',
      message: /^There are 9 examples \(rows\); this step-through shows 2 to 8\. Remove 1 row\.$/,
    },
    {
      name: 'five columns',
      matrix: '[[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]',
      field: 'matrix',
      message: /^There are 5 features \(columns\); this step-through shows 1 to 4\. Remove 1 column\.$/,
    },
    { name: 'a NaN value', matrix: '[[1, 2], [3, nan]]', field: 'matrix', message: /^The value in row 2, column 2 is NaN: every value must be a finite number\.$/ },
    { name: 'an infinite value', matrix: '[[inf, 2], [3, 4]]', field: 'matrix', message: /^The value in row 1, column 1 is Infinity/ },
    { name: 'a word', matrix: '[[1, two], [3, 4]]', field: 'matrix', message: /^Expected a number at line 1, column 6, but found 'two'/ },
    { name: 'ragged rows', matrix: '[[1, 2],\n [3]]', field: 'matrix', message: /^Row 2 has 1 value, but row 1 has 2/ },
    { name: 'an unclosed bracket', matrix: '[[1, 2],\n [3, 4]', field: 'matrix', message: /never closed: add '\]'/ },
    { name: 'an empty epsilon', epsilon: '', field: 'epsilon', message: /^Enter a value for epsilon/ },
    { name: 'a text epsilon', epsilon: 'tiny', field: 'epsilon', message: /^Epsilon must be a single number, such as 1e-5; got 'tiny'/ },
    { name: 'a negative epsilon', epsilon: '-1e-5', field: 'epsilon', message: /^Epsilon must be a finite number ≥ 0 .*; got -0\.00001\.$/ },
    { name: 'an infinite epsilon', epsilon: 'inf', field: 'epsilon', message: /got Infinity\.$/ },
  ];

  test(`${badInputs.length} kinds of bad input each explain themselves and leave the island working`, async ({ page }) => {
    const console = watchConsole(page);
    const s = stepper(page);
    await s.all.click();
    await s.slider('β', 1).fill('1');
    const lastGood = await cells(page, 4);
    for (const bad of badInputs) {
      await test.step(bad.name, async () => {
        await s.matrix.fill(bad.matrix ?? GOOD_MATRIX);
        await s.epsilon.fill(bad.epsilon ?? '1e-5');
        await s.run.click();
        const alert = bad.field === 'matrix' ? s.matrixError : s.epsilonError;
        const other = bad.field === 'matrix' ? s.epsilonError : s.matrixError;
        await expect(alert).toHaveText(bad.message);
        await expect(alert).toHaveAttribute('role', 'alert');
        await expect(alert).toBeVisible();
        await expect(other).toBeEmpty();
        await expect(bad.field === 'matrix' ? s.matrix : s.epsilon).toHaveAttribute('aria-invalid', 'true');
        await expect(s.runStatus).toHaveText(/^Not run: fix the input marked above/);
        expect(await cells(page, 4), 'the last good results stay').toEqual(lastGood);
        // The steps and sliders still work on the last good data.
        await s.next.click();
        await s.previous.click();
        await s.slider('β', 1).fill('0');
        expect((await cells(page, 4))[0][0]).toBe(DEFAULT_XHAT[0][0]);
        await s.slider('β', 1).fill('1');
        expect(await cells(page, 4)).toEqual(lastGood);
      });
    }
    await test.step('a good run afterwards clears the messages', async () => {
      await s.matrix.fill('[[1, 2], [3, 6]]');
      await s.epsilon.fill('0');
      await s.run.click();
      await expect(s.runStatus).toHaveText('Ran on 2 examples of 2 features.');
      await expect(s.matrixError).toBeEmpty();
      await expect(s.epsilonError).toBeEmpty();
      await expect(s.matrix).not.toHaveAttribute('aria-invalid');
      await expect(s.epsilon).not.toHaveAttribute('aria-invalid');
      expect(await cells(page, 3)).toEqual([
        ['-1', '-1'],
        ['1', '1'],
      ]);
    });
    console.expectNone();
  });

  test('both boxes can be wrong at once', async ({ page }) => {
    const s = stepper(page);
    await s.matrix.fill('[[1, 2]]');
    await s.epsilon.fill('-2');
    await s.run.click();
    await expect(s.matrixError).toHaveText(/^There is only 1 example/);
    await expect(s.epsilonError).toHaveText(/got -2\.$/);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no accessibility violations after stepping, sliding and bad input (${theme} theme)`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto('tutorial/normalize/');
      await showIsland(page, 'algorithm-stepper');
      const s = stepper(page);
      const axe = () => new AxeBuilder({ page }).include('algorithm-stepper').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      await s.next.click();
      await s.next.click();
      expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await s.next.click();
      await s.slider('γ', 2).focus();
      await page.keyboard.press('ArrowRight');
      await s.all.click();
      expect((await axe()).violations.map((v) => v.id)).toEqual([]);
      await s.matrix.fill('[[1, 2]]');
      await s.epsilon.fill('-1');
      await s.run.click();
      await expect(s.runStatus).toHaveText(/^Not run/);
      expect((await axe()).violations.map((v) => v.id)).toEqual([]);
    });
  }
});

test('the layout does not move when the script starts', async ({ browser, baseURL }) => {
  /** The island's height and where each line of the algorithm starts in it. */
  const measure = async (javaScriptEnabled: boolean) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto('tutorial/normalize/');
    if (javaScriptEnabled) await showIsland(page, 'algorithm-stepper');
    if (javaScriptEnabled) await expect(stepper(page).stepStatus).toHaveText('Step 1 of 4: mini-batch mean');
    await page.evaluate(() => document.fonts.ready);
    const boxes = await stepper(page).root.evaluate((root) => {
      const top = root.getBoundingClientRect().top;
      return [root.getBoundingClientRect().height, ...Array.from(root.querySelectorAll('li'), (li) => li.getBoundingClientRect().top - top)];
    });
    await context.close();
    return boxes.map((value) => Math.round(value));
  };
  expect(await measure(true)).toEqual(await measure(false));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('all four steps and their numbers are shown, the controls disabled', async ({ page }) => {
    await page.goto('tutorial/normalize/');
    const s = stepper(page);
    await expect(s.stepStatus).toHaveText('Showing all 4 steps.');
    await expect(s.runStatus).toHaveText(/Turn on JavaScript to edit and step through it\./);
    for (let k = 1; k <= 4; k++) {
      await expect(s.line(k)).toBeVisible();
      await expect(s.result(k)).toBeVisible();
      await expect(s.line(k).locator('.katex-mathml')).toHaveCount(1);
    }
    await expect(s.line(1).locator('.stepper-pending')).toBeHidden();
    await expect(s.root.locator('[aria-current]')).toHaveCount(0);
    expect(await cells(page, 1)).toEqual([DEFAULT_MEAN]);
    expect(await cells(page, 2)).toEqual([DEFAULT_VARIANCE]);
    expect(await cells(page, 3)).toEqual(DEFAULT_XHAT);
    expect(await cells(page, 4)).toEqual(DEFAULT_XHAT);
    for (const control of [s.run, s.previous, s.next, s.all, s.slider('γ', 1), s.slider('β', 3)]) await expect(control).toBeDisabled();
    await expect(s.root.locator('input[type="range"]')).toHaveCount(6);
    await expect(s.matrix).toHaveValue(GOOD_MATRIX);
  });
});
