import { expect, test } from '@playwright/test';
import { builtPages, readShared } from './helpers.ts';

test.use({ javaScriptEnabled: false });

test('the Code page reads fully without JavaScript: listings, math and the pre-rendered output', { tag: '@subpath' }, async ({ page }) => {
  await page.goto('code/');
  expect(await page.locator('program-runner [data-output]').textContent()).toBe(readShared('reference/seed_example.numpy-output.txt'));
  await expect(page.locator('program-runner [data-stats-body] tr')).toHaveCount(3);
  await expect(page.getByText('def batch_normalize(X, epsilon=1e-5):')).toBeVisible();
  await expect(page.getByText('export function batchNormalize(X: number[][], epsilon = 1e-5): number[][] {')).toBeAttached();
  await expect(page.locator('.katex-display').first()).toBeVisible();
  await expect(page.getByText('Turn on JavaScript to edit and rerun it.')).toBeVisible();
});

for (const path of builtPages()) {
  test(`/${path} has its text and math without JavaScript`, { tag: path === '' ? '@subpath' : [] }, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const text = (await page.locator('main').innerText()).trim();
    expect(text.length).toBeGreaterThan(500);
    // KaTeX was rendered at build time: no raw TeX left in the page.
    expect(text).not.toMatch(/\$\$|\\frac|\\sigma/);
  });
}
