import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { histogramPanel, numberIn, showIsland, useTheme, watchConsole } from './helpers.ts';

const PAGE = 'internal-covariate-shift/';

/** The island's parts on the Internal Covariate Shift page. */
function island(page: Page) {
  const root = page.locator('covariate-shift-demo');
  const panel = (side: 'without' | 'with') => ({
    ...histogramPanel(root, side),
    tail: root.locator(`[data-panel="${side}"] [data-stats] [data-value="tail"]`),
  });
  return {
    root,
    aRange: root.getByRole('slider', { name: 'Scale a of the earlier layer’s weights' }),
    bRange: root.getByRole('slider', { name: 'Shift b of the earlier layer’s bias' }),
    aBox: root.getByRole('textbox', { name: 'Exact value of a' }),
    bBox: root.getByRole('textbox', { name: 'Exact value of b' }),
    reset: root.getByRole('button', { name: 'Reset to a = 1, b = 0' }),
    status: root.getByRole('status'),
    panels: root.locator('[data-panels]'),
    without: panel('without'),
    with: panel('with'),
    error: (name: 'a' | 'b') => root.locator(`[data-error-for="${name}"]`),
  };
}

type Island = ReturnType<typeof island>;

/** A printed share such as "44.5%", as a fraction. */
async function shareIn(locator: Locator): Promise<number> {
  const text = ((await locator.textContent()) ?? '').trim();
  expect(text, 'a percentage').toMatch(/^\d+\.\d%$/);
  return Number(text.slice(0, -1)) / 100;
}

/** With Batch Normalization the mean is 0 and the standard deviation 1, to the precision printed (ε moves it by < 1e-4 here). */
async function expectNormalized(r: Island) {
  const mean = await numberIn(r.with.mean);
  const std = await numberIn(r.with.std);
  expect(Math.abs(mean.value), 'mean with BN').toBeLessThanOrEqual(mean.tolerance);
  expect(Math.abs(std.value - 1), 'standard deviation with BN').toBeLessThanOrEqual(std.tolerance);
}

/** Everything the charts show, to tell whether they changed. */
async function charts(r: Island): Promise<string> {
  return r.panels.innerHTML();
}

/** The default's statistics without BN, read once from the page. */
async function statsWithout(r: Island) {
  return { mean: (await numberIn(r.without.mean)).value, std: (await numberIn(r.without.std)).value, tail: await shareIn(r.without.tail) };
}

test.describe('with JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(PAGE);
    await showIsland(page, 'covariate-shift-demo');
    await expect(island(page).aRange).toBeEnabled();
  });

  test('starts at a = 1, b = 0: x is unremarkable, and BN(x) has mean 0 and standard deviation 1', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await expect(r.aRange).toHaveValue('1');
    await expect(r.bRange).toHaveValue('0');
    await expect(r.aBox).toHaveValue('1');
    await expect(r.bBox).toHaveValue('0');
    for (const control of [r.aRange, r.bRange, r.aBox, r.bBox, r.reset]) await expect(control).toBeEnabled();
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 1, b = 0');
    await expect(r.with.chart).toHaveAccessibleName('With BN: BN(x) at a = 1, b = 0');
    await expect(r.without.chart).toHaveAccessibleDescription(/512 values in 40 bins of width 0\.5 from −10 to 10/);
    const x = await statsWithout(r);
    expect(Math.abs(x.mean)).toBeLessThan(0.1);
    expect(x.std).toBeGreaterThan(0.8);
    expect(x.std).toBeLessThan(1.3);
    expect(x.tail).toBe(0);
    await expectNormalized(r);
    expect(await shareIn(r.with.tail)).toBe(0);
    console.expectNone();
  });

  test('the sliders move the statistics without BN, while with BN the mean stays ≈ 0 and the standard deviation ≈ 1', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    const reference = await statsWithout(r);
    let previous = await charts(r);
    for (const { a, b, check } of [
      { a: '1', b: '3', check: (x: typeof reference) => x.mean > 4 && x.tail > 0.8 },
      { a: '1', b: '-3', check: (x: typeof reference) => x.mean < -4 && x.tail > 0.8 },
      { a: '5', b: '0', check: (x: typeof reference) => x.std > 1.5 * reference.std },
      { a: '0.1', b: '0', check: (x: typeof reference) => x.std < reference.std / 5 && x.tail === 0 },
      { a: '5', b: '3', check: (x: typeof reference) => x.mean > 2 && x.std > reference.std },
      { a: '2.5', b: '-1.5', check: (x: typeof reference) => x.mean < -2 },
    ]) {
      await test.step(`a = ${a}, b = ${b}`, async () => {
        await r.aRange.fill(a);
        await r.bRange.fill(b);
        await expect(r.aBox).toHaveValue(a);
        await expect(r.bBox).toHaveValue(b);
        await expect(r.without.chart).toHaveAccessibleName(`Without BN: x at a = ${a}, b = ${b.replace('-', '−')}`);
        await expect(r.status).toContainText(`a = ${a}, b = ${b.replace('-', '−')}. Without BN: mean`);
        const x = await statsWithout(r);
        expect(check(x), `without BN: ${JSON.stringify(x)}`).toBe(true);
        expect(x.mean !== reference.mean || x.std !== reference.std).toBe(true);
        await expectNormalized(r);
        // Chebyshev: with mean 0 and variance ≤ 1, at most 1 in 16 can lie beyond ±4.
        expect(await shareIn(r.with.tail)).toBeLessThanOrEqual(1 / 16);
        const now = await charts(r);
        expect(now).not.toBe(previous);
        previous = now;
      });
    }
    await test.step('BN(x) keeps its moments but not its shape', async () => {
      await r.aRange.fill('1');
      await r.bRange.fill('0');
      const counts = () => r.with.figure.locator('tbody td:nth-of-type(1)').allTextContents();
      const atReference = await counts();
      await r.aRange.fill('5');
      await r.bRange.fill('3');
      await expect(r.with.chart).toHaveAccessibleName('With BN: BN(x) at a = 5, b = 3');
      expect(await counts()).not.toEqual(atReference);
      await expectNormalized(r);
    });
    console.expectNone();
  });

  test('a box sets its slider, a slider sets its box', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await r.aBox.fill('2.5');
    await r.aBox.press('Enter');
    await expect(r.aRange).toHaveValue('2.5');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 2.5, b = 0');
    // The page prints a true minus sign; a reader may type one.
    await r.bBox.fill('−2');
    await r.bBox.press('Enter');
    await expect(r.bRange).toHaveValue('-2');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 2.5, b = −2');
    // An exact value between the slider's steps: the slider shows the nearest step, the charts the exact value.
    await r.aBox.fill('1.234');
    await r.aBox.press('Enter');
    await expect(r.aRange).toHaveValue('1.25');
    await expect(r.aBox).toHaveValue('1.234');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 1.234, b = −2');
    // Leaving the box (change) works as Enter does.
    await r.bBox.fill('4.5');
    await r.aBox.focus();
    await expect(r.bRange).toHaveValue('4.5');
    await expect(r.with.chart).toHaveAccessibleName('With BN: BN(x) at a = 1.234, b = 4.5');
    await r.aRange.fill('3');
    await r.bRange.fill('-0.5');
    await expect(r.aBox).toHaveValue('3');
    await expect(r.bBox).toHaveValue('-0.5');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 3, b = −0.5');
    await expectNormalized(r);
    console.expectNone();
  });

  test('the keyboard moves the sliders, and the boxes and charts follow', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    await r.aRange.focus();
    await page.keyboard.press('ArrowRight');
    await expect(r.aRange).toHaveValue('1.05');
    await expect(r.aBox).toHaveValue('1.05');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 1.05, b = 0');
    await expect(r.status).toContainText('a = 1.05, b = 0.');
    await page.keyboard.press('End');
    await expect(r.aBox).toHaveValue('5');
    await page.keyboard.press('Home');
    await expect(r.aBox).toHaveValue('0.1');
    await page.keyboard.press('Tab');
    await expect(r.aBox).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(r.bRange).toBeFocused();
    const before = await statsWithout(r);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect(r.bRange).toHaveValue('-0.3');
    await expect(r.bBox).toHaveValue('-0.3');
    await expect(r.with.chart).toHaveAccessibleName('With BN: BN(x) at a = 0.1, b = −0.3');
    expect((await statsWithout(r)).mean).toBeLessThan(before.mean);
    await expectNormalized(r);
    await page.keyboard.press('Tab');
    await expect(r.bBox).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(r.reset).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(r.aBox).toHaveValue('1');
    await expect(r.bRange).toHaveValue('0');
    console.expectNone();
  });

  const badInputs: { name: string; box: 'a' | 'b'; text: string; message: RegExp }[] = [
    { name: 'an empty box', box: 'a', text: '', message: /^Enter a value for the scale a, such as 1\.$/ },
    { name: 'a word', box: 'a', text: 'big', message: /^The scale a must be a single number, such as 1; got 'big'\.$/ },
    { name: 'a decimal comma', box: 'b', text: '1,5', message: /^The shift b must be a single number, such as 0; got '1,5'\.$/ },
    { name: 'two numbers', box: 'b', text: '2 3', message: /must be a single number, such as 0; got '2 3'/ },
    { name: 'not a number', box: 'a', text: 'NaN', message: /^The scale a must be a number from 0\.1 to 5; got 'NaN', which is not a number\.$/ },
    { name: 'infinity', box: 'b', text: '-inf', message: /^The shift b must be a finite number from −5 to 5; got '-inf'\.$/ },
    { name: 'a scale of zero', box: 'a', text: '0', message: /^The scale a must be from 0\.1 to 5; got 0, which is below 0\.1, the end of the slider\.$/ },
    { name: 'a scale too large', box: 'a', text: '7', message: /got 7, which is above 5, the end of the slider\.$/ },
    { name: 'a shift too far left', box: 'b', text: '-5.5', message: /^The shift b must be from −5 to 5; got -5\.5, which is below −5/ },
    { name: 'a huge shift', box: 'b', text: '1e308', message: /got 1e308, which is above 5/ },
  ];

  test(`${badInputs.length} kinds of bad value each explain themselves, keep the last good charts and leave the island working`, async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    const boxes = { a: r.aBox, b: r.bBox };
    const ranges = { a: r.aRange, b: r.bRange };
    await r.aRange.fill('2');
    await r.bRange.fill('1');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 2, b = 1');
    const lastGood = await charts(r);
    for (const bad of badInputs) {
      await test.step(bad.name, async () => {
        const other = bad.box === 'a' ? 'b' : 'a';
        await boxes[bad.box].fill(bad.text);
        await boxes[bad.box].press('Enter');
        const alert = r.error(bad.box);
        await expect(alert).toHaveText(bad.message);
        await expect(alert).toHaveAttribute('role', 'alert');
        await expect(alert).toBeVisible();
        await expect(boxes[bad.box]).toHaveAttribute('aria-invalid', 'true');
        await expect(r.error(other)).toBeEmpty();
        await expect(r.status).toHaveText(`Not redrawn: fix the value of ${bad.box} marked above. The charts still show a = 2, b = 1.`);
        expect(await charts(r), 'the last good charts stay').toBe(lastGood);
        await expect(ranges[bad.box]).toHaveValue(bad.box === 'a' ? '2' : '1');
        // The box keeps what was typed, so it can be corrected.
        await expect(boxes[bad.box]).toHaveValue(bad.text);
        // A good value clears the message.
        await boxes[bad.box].fill(bad.box === 'a' ? '2' : '1');
        await boxes[bad.box].press('Enter');
        await expect(alert).toBeEmpty();
        await expect(boxes[bad.box]).not.toHaveAttribute('aria-invalid');
        expect(await charts(r)).toBe(lastGood);
      });
    }
    await test.step('with a bad box, the other slider still works; moving the bad box’s slider clears its message', async () => {
      await r.aBox.fill('abc');
      await r.aBox.press('Enter');
      await expect(r.error('a')).not.toBeEmpty();
      await r.bRange.fill('-2');
      await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 2, b = −2');
      await expect(r.error('a')).not.toBeEmpty();
      await expectNormalized(r);
      await r.aRange.fill('4');
      await expect(r.aBox).toHaveValue('4');
      await expect(r.error('a')).toBeEmpty();
      await expect(r.aBox).not.toHaveAttribute('aria-invalid');
      await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 4, b = −2');
    });
    await test.step('both boxes bad at once, then Reset clears both', async () => {
      await r.aBox.fill('');
      await r.aBox.press('Enter');
      await r.bBox.fill('10');
      await r.bBox.press('Enter');
      await expect(r.error('a')).not.toBeEmpty();
      await expect(r.error('b')).not.toBeEmpty();
      await r.reset.click();
      await expect(r.error('a')).toBeEmpty();
      await expect(r.error('b')).toBeEmpty();
      await expect(r.aBox).toHaveValue('1');
      await expect(r.bBox).toHaveValue('0');
      await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 1, b = 0');
    });
    console.expectNone();
  });

  test('Reset brings back a = 1, b = 0 and exactly the charts the build rendered', async ({ page }) => {
    const console = watchConsole(page);
    const r = island(page);
    const built = await charts(r);
    await r.aRange.fill('4.5');
    await r.bBox.fill('-3.3');
    await r.bBox.press('Enter');
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 4.5, b = −3.3');
    expect(await charts(r)).not.toBe(built);
    await r.reset.click();
    await expect(r.aRange).toHaveValue('1');
    await expect(r.bRange).toHaveValue('0');
    await expect(r.aBox).toHaveValue('1');
    await expect(r.bBox).toHaveValue('0');
    await expect(r.status).toHaveText(/^a = 1, b = 0\. Without BN: mean /);
    expect(await charts(r)).toBe(built);
    console.expectNone();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no WCAG 2 A/AA violations after interaction and after bad input, ${theme} theme`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(PAGE);
      await showIsland(page, 'covariate-shift-demo');
      const r = island(page);
      await expect(r.aRange).toBeEnabled();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const axe = async () => {
        const results = await new AxeBuilder({ page })
          .include('covariate-shift-demo')
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      await r.aRange.fill('5');
      await r.bRange.fill('3');
      await r.without.summary.click();
      await r.with.summary.click();
      await expect(r.with.table).toBeVisible();
      expect(await axe()).toEqual([]);
      await r.aBox.fill('zero');
      await r.aBox.press('Enter');
      await r.bBox.fill('99');
      await r.bBox.press('Enter');
      await expect(r.error('a')).not.toBeEmpty();
      await expect(r.error('b')).not.toBeEmpty();
      expect(await axe()).toEqual([]);
    });
  }

  test('on a phone-width screen the charts stack and nothing overflows the page, even with messages', async ({ page }) => {
    const console = watchConsole(page);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(PAGE);
    await showIsland(page, 'covariate-shift-demo');
    const r = island(page);
    await expect(r.aRange).toBeEnabled();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    const without = (await r.without.chart.boundingBox())!;
    const withBn = (await r.with.chart.boundingBox())!;
    expect(withBn.y).toBeGreaterThan(without.y + without.height);
    expect(without.x + without.width).toBeLessThanOrEqual(390);
    await r.aRange.fill('5');
    await r.bBox.fill('a very long piece of text that is not a number at all');
    await r.bBox.press('Enter');
    await expect(r.error('b')).toBeVisible();
    await r.without.summary.click();
    await expect(r.without.table).toBeVisible();
    expect(await overflow()).toBe(0);
    console.expectNone();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the build-time charts show a = 1, b = 0, with their statistics and tables; the controls are off', async ({ page }) => {
    await page.goto(PAGE);
    const r = island(page);
    await expect(r.without.chart).toBeVisible();
    await expect(r.with.chart).toBeVisible();
    await expect(r.without.chart).toHaveAccessibleName('Without BN: x at a = 1, b = 0');
    await expect(r.with.chart).toHaveAccessibleName('With BN: BN(x) at a = 1, b = 0');
    for (const stat of [r.without.mean, r.without.std, r.without.tail, r.with.mean, r.with.std, r.with.tail]) await expect(stat).toBeVisible();
    await expectNormalized(r);
    expect(Math.abs((await numberIn(r.without.mean)).value)).toBeLessThan(0.1);
    for (const control of [r.aRange, r.bRange, r.aBox, r.bBox, r.reset]) await expect(control).toBeDisabled();
    await expect(r.aBox).toHaveValue('1');
    await expect(r.bRange).toHaveValue('0');
    // (getByText does not look inside <noscript>.)
    await expect(r.root.locator('noscript p')).toBeVisible();
    await expect(r.root.locator('noscript p')).toHaveText(/Turn on JavaScript to move the sliders\.$/);
    for (const side of [r.without, r.with]) {
      await side.summary.click();
      await expect(side.table).toBeVisible();
      await expect(side.rows).toHaveCount(40);
      await expect(side.totals).toHaveText(['512', '512']);
    }
  });
});
