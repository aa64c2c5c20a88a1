import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages, useTheme, waitForCodeBlocks } from './helpers.ts';

/** The axe rules whose outcome depends on colours, the only thing that changes with the theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

for (const theme of ['light', 'dark'] as const) {
  for (const path of builtPages()) {
    test(`/${path} has no WCAG 2 A/AA violations in the ${theme} theme${theme === 'dark' ? ' (colour rules)' : ''}`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await waitForCodeBlocks(page);
      const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
      // The themes differ only in colours (the markup is the same), so the dark run checks what colours decide.
      if (theme === 'dark') axe.withRules(COLOUR_RULES);
      const results = await axe.analyze();
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
