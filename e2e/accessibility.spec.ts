import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages, useTheme, waitForCodeBlocks } from './helpers.ts';

for (const theme of ['light', 'dark'] as const) {
  for (const path of builtPages()) {
    test(`/${path} has no WCAG 2 A/AA violations in the ${theme} theme`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await waitForCodeBlocks(page);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(summary).toEqual([]);
    });
  }
}

test('the Code page after a run and after bad input has no violations', async ({ page }) => {
  await page.goto('code/');
  const runner = page.locator('program-runner');
  await runner.getByLabel('Data matrix').fill('[[1, 2], [3]]');
  await runner.getByLabel('Epsilon (ε)').fill('-1');
  await runner.getByRole('button', { name: 'Run' }).click();
  await expect(runner.getByRole('status')).toHaveText(/^Not run/);
  await waitForCodeBlocks(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
