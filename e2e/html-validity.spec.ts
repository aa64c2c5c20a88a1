import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { builtPages } from './helpers.ts';

/** Every built HTML file, the 404 page included. */
const files = [...builtPages().map((path) => `dist/${path}index.html`), 'dist/404.html'];

test('the built HTML passes html-validate (rules and exceptions in .htmlvalidate.mjs)', async () => {
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const problems: string[] = [];
  for (const file of files) {
    const report = await validator.validateString(readFileSync(file, 'utf8'), file);
    for (const result of report.results) {
      for (const message of result.messages) problems.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
    }
  }
  expect(problems).toEqual([]);
});

/** The custom elements of our islands; every button inside them must say its type. */
const islands = [
  'program-runner',
  'algorithm-stepper',
  'running-stats-demo',
  'gradient-check',
  'normalization-histograms',
  'check-yourself',
  'covariate-shift-demo',
  'slide-deck',
  'figure1-experiment',
  'code-playground',
];

for (const path of builtPages()) {
  test(`/${path}: every button of our islands has an explicit type`, async ({ page }) => {
    await page.goto(path);
    const untyped = await page.evaluate(
      (names) => names.flatMap((name) =>
          [...document.querySelectorAll(`${name} button:not([type])`)]
            // Expressive Code's copy buttons, inside code listings on slides, are not ours.
            .filter((button) => !button.closest('.expressive-code'))
            .map((button) => `${name}: ${button.textContent?.trim()}`),
        ),
      islands,
    );
    expect(untyped).toEqual([]);
  });
}
