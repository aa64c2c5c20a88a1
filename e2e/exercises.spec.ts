import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useTheme, watchConsole } from './helpers.ts';

/** The Tutorial page of each exercise, by its id. */
const PAGES: Record<string, string> = {
  'exercise-variance': 'tutorial/batch-statistics/',
  'exercise-normalized-value': 'tutorial/normalize/',
  'exercise-identity': 'tutorial/scale-and-shift/',
  'exercise-running-mean': 'tutorial/running-statistics/',
  'exercise-gradient-sum': 'tutorial/backward-pass/',
  'exercise-channel-count': 'tutorial/images/',
  'exercise-eval-mode': 'tutorial/pitfalls/',
};

/** Opens the page of an exercise, unless it is open already, and waits for its script. */
async function visit(page: Page, id: string) {
  if (!page.url().endsWith(`/${PAGES[id]}`)) await page.goto(PAGES[id]);
  await expect(exercise(page, id).check).toBeEnabled();
}

/** The controls of one "check yourself" exercise, found by its id. */
function exercise(page: Page, id: string) {
  const root = page.locator(`check-yourself#${id}`);
  return {
    root,
    box: root.getByLabel('Your answer'),
    choices: root.getByRole('group', { name: 'Choose one answer' }),
    check: root.getByRole('button', { name: 'Check' }),
    status: root.getByRole('status'),
    error: root.locator('[data-error]'),
    summary: root.locator('summary', { hasText: 'Show the answer' }),
    answer: root.locator('.exercise-answer-body'),
  };
}

/** Types an answer into a numeric exercise and presses Check. */
async function answer(page: Page, id: string, text: string) {
  await visit(page, id);
  const e = exercise(page, id);
  await e.box.fill(text);
  await e.check.click();
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('check-yourself').withTags(WCAG).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test.describe('with JavaScript', () => {
  test('every exercise accepts its answer and reveals its explanation', async ({ page }) => {
    const console = watchConsole(page);
    const numeric: [string, string, string][] = [
      ['exercise-variance', '5', 'squared deviations from it are 9, 1, 1 and 9'],
      ['exercise-normalized-value', '1.3416', 'Answer: 3/√5 ≈ 1.3416'],
      ['exercise-running-mean', '0.5', 'Keras writes the same update'],
      ['exercise-gradient-sum', '0', 'the mean absorbs the shift'],
      ['exercise-channel-count', '25088', 'one mean per channel, 3 here'],
    ];
    for (const [id, text, explanation] of numeric) {
      await test.step(id, async () => {
        await visit(page, id);
        const e = exercise(page, id);
        await expect(e.answer).toBeHidden();
        await answer(page, id, text);
        await expect(e.status).toHaveText('Correct. The explanation is below.');
        await expect(e.answer).toBeVisible();
        await expect(e.answer).toContainText(explanation); // a string: compared with whitespace normalized
        await expect(e.error).toBeEmpty();
      });
    }
    const choices: [string, string, string][] = [
      ['exercise-identity', 'γ = √5, β = 5', 'the network can undo the normalization'],
      ['exercise-eval-mode', 'The model was left in training mode during evaluation', 'uses its running statistics'],
    ];
    for (const [id, label, explanation] of choices) {
      await test.step(id, async () => {
        await visit(page, id);
        const e = exercise(page, id);
        await expect(e.answer).toBeHidden();
        await e.choices.getByLabel(label).check();
        await e.check.click();
        await expect(e.status).toHaveText('Correct. The explanation is below.');
        await expect(e.answer).toBeVisible();
        await expect(e.answer).toContainText(explanation);
      });
    }
    console.expectNone();
  });

  test('the same value written another way is also right: fractions, exponents, a typographic minus', async ({ page }) => {
    const e = exercise(page, 'exercise-variance');
    for (const text of ['20/4', '5.0', '5e0', ' 5 ', '+5']) {
      await answer(page, 'exercise-variance', text);
      await expect(e.status, text).toHaveText(/^Correct\./);
    }
    await answer(page, 'exercise-gradient-sum', '\u22120');
    await expect(exercise(page, 'exercise-gradient-sum').status).toHaveText(/^Correct\./);
    await answer(page, 'exercise-normalized-value', '1.342');
    await expect(exercise(page, 'exercise-normalized-value').status).toHaveText(/^Correct\./);
  });

  test('a wrong answer says "Not quite" with the hint and keeps the explanation hidden', async ({ page }) => {
    const console = watchConsole(page);
    const wrong: [string, string, string][] = [
      ['exercise-variance', '6.67', 'Not quite. First find the mean of the batch.'], // the unbiased estimate 20/3
      ['exercise-variance', '20/3', 'Not quite. First find the mean of the batch.'],
      ['exercise-running-mean', '4.5', 'Not quite. PyTorch gives the new batch’s mean the weight of the momentum, and the old running mean the rest.'],
      ['exercise-gradient-sum', '0.001', 'Not quite. What happens to the output if you add the same number to every value of the batch?'],
      ['exercise-channel-count', '75264', 'Not quite. Count every value of one channel: in every image of the batch, at every pixel position.'],
      ['exercise-normalized-value', '1.5', 'Not quite. Subtract the batch mean, then divide by the square root of the batch variance.'],
    ];
    for (const [id, text, message] of wrong) {
      await test.step(`${id}: ${text}`, async () => {
        const e = exercise(page, id);
        await answer(page, id, text);
        await expect(e.status).toHaveText(message);
        await expect(e.answer).toBeHidden();
        await expect(e.error).toBeEmpty();
        await expect(e.box).not.toHaveAttribute('aria-invalid');
      });
    }
    console.expectNone();
  });

  test('an answer off only in its last digits is called close, with the digits it needs', async ({ page }) => {
    await visit(page, 'exercise-normalized-value');
    const e = exercise(page, 'exercise-normalized-value');
    await expect(e.root.getByText('Give at least 4 significant digits.')).toBeVisible();
    await answer(page, 'exercise-normalized-value', '1.34');
    await expect(e.status).toHaveText('Not quite, but close: keep at least 4 significant digits.');
    await expect(e.answer).toBeHidden();
    await answer(page, 'exercise-variance', '5.0001');
    await expect(exercise(page, 'exercise-variance').status).toHaveText('Not quite, but close: keep at least 7 significant digits.');
  });

  test('bad input explains itself next to the box, gives no verdict, and a right answer still works', async ({ page }) => {
    const console = watchConsole(page);
    const e = exercise(page, 'exercise-variance');
    const bad: [string, string, RegExp][] = [
      ['a word', 'abc', /^Your answer must be a single number, such as 2\.5, -0\.3, 1e-3 or 20\/3; got 'abc'\.$/],
      ['an empty box', '', /^Enter a value for your answer, such as 2\.5/],
      ['only spaces', '   ', /^Enter a value for your answer/],
      ['a decimal comma', '2,5', /without commas.*got '2,5'/],
      ['a division by zero', '5/0', /The fraction 5\/0 divides by zero/],
      ['half a fraction', '20/', /A fraction needs a number on each side of '\/'/],
      ['an expression', 'sqrt(25)', /got 'sqrt\(25\)'/],
    ];
    // A verdict first, to see that bad input replaces it rather than leaving it in place.
    await answer(page, 'exercise-variance', '4');
    await expect(e.status).toHaveText(/^Not quite/);
    for (const [name, text, message] of bad) {
      await test.step(name, async () => {
        await answer(page, 'exercise-variance', text);
        await expect(e.error).toHaveText(message);
        await expect(e.error).toBeVisible();
        await expect(e.box).toHaveAttribute('aria-invalid', 'true');
        await expect(e.status).toBeEmpty();
        await expect(e.answer).toBeHidden();
      });
    }
    await test.step('the right answer afterwards', async () => {
      await answer(page, 'exercise-variance', '5');
      await expect(e.status).toHaveText(/^Correct\./);
      await expect(e.error).toBeEmpty();
      await expect(e.box).not.toHaveAttribute('aria-invalid');
      await expect(e.answer).toBeVisible();
    });
    console.expectNone();
  });

  test('multiple choice: wrong, nothing chosen, then right', async ({ page }) => {
    const console = watchConsole(page);
    await visit(page, 'exercise-identity');
    const e = exercise(page, 'exercise-identity');
    await e.check.click();
    await expect(e.error).toHaveText('Choose one of the answers first.');
    await expect(e.status).toBeEmpty();
    await expect(e.choices.getByRole('radio').first()).toHaveAttribute('aria-invalid', 'true');
    await e.choices.getByLabel('γ = 1, β = 0').check();
    await e.check.click();
    await expect(e.status).toHaveText('Not quite. Undo the normalization step by step: first the division, then the subtraction.');
    await expect(e.error).toBeEmpty();
    await expect(e.choices.getByRole('radio').first()).not.toHaveAttribute('aria-invalid');
    await expect(e.answer).toBeHidden();
    await e.choices.getByLabel('γ = √5, β = 5').check();
    await expect(e.status, 'a new choice removes the old verdict').toBeEmpty();
    await e.check.click();
    await expect(e.status).toHaveText('Correct. The explanation is below.');
    await expect(e.answer).toContainText('Answer: γ = √5, β = 5');
    console.expectNone();
  });

  test('editing an answer removes the verdict about the old one', async ({ page }) => {
    const e = exercise(page, 'exercise-running-mean');
    await answer(page, 'exercise-running-mean', '0.5');
    await expect(e.status).toHaveText(/^Correct/);
    await e.box.press('End');
    await e.box.press('Backspace');
    await expect(e.status).toBeEmpty();
  });

  test('every step has its exercise, and no page uses an id twice', async ({ page }) => {
    for (const [id, path] of Object.entries(PAGES)) {
      await page.goto(path);
      await expect(page.locator(`check-yourself#${id}`)).toHaveCount(1);
      const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((el) => el.id));
      expect(ids.filter((each, i) => ids.indexOf(each) !== i), `ids used twice on /${path}`).toEqual([]);
    }
  });

  test('"Show the answer" opens and closes on a click, before any answer', async ({ page }) => {
    await visit(page, 'exercise-channel-count');
    const e = exercise(page, 'exercise-channel-count');
    await e.summary.click();
    await expect(e.answer).toBeVisible();
    await expect(e.answer).toContainText('Answer: 25088');
    await e.summary.click();
    await expect(e.answer).toBeHidden();
  });

  test('the keyboard alone: Tab to the box, type, Enter; arrows and Enter for choices; Enter on the disclosure', async ({ page }) => {
    const console = watchConsole(page);
    await visit(page, 'exercise-variance');
    const e = exercise(page, 'exercise-variance');
    await e.root.locator('.exercise-question').click(); // focus navigation starts here
    await page.keyboard.press('Tab');
    await expect(e.box).toBeFocused();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect(e.error).toHaveText(/must be a single number/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect(e.status).toHaveText(/^Correct\./);
    await page.keyboard.press('Tab');
    await expect(e.check).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(e.summary).toBeFocused();

    await visit(page, 'exercise-eval-mode');
    const c = exercise(page, 'exercise-eval-mode');
    await c.root.locator('.exercise-question').click();
    await page.keyboard.press('Tab');
    await expect(c.choices.getByRole('radio').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(c.choices.getByLabel('The model was left in training mode during evaluation')).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(c.status).toHaveText(/^Correct\./);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(c.summary).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(c.summary).toBeFocused();
    await expect(c.answer).toBeHidden(); // it was open after the right answer; Enter closed it
    await page.keyboard.press('Enter');
    await expect(c.answer).toBeVisible();
    console.expectNone();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no accessibility violations after answers and after bad input (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await answer(page, 'exercise-variance', '5');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(exercise(page, 'exercise-variance').status).toHaveText(/^Correct/);
      await expectNoAxeViolations(page);
      await answer(page, 'exercise-variance', 'abc');
      await expect(exercise(page, 'exercise-variance').error).not.toBeEmpty();
      await expectNoAxeViolations(page);
      await visit(page, 'exercise-identity');
      const identity = exercise(page, 'exercise-identity');
      await identity.check.click();
      await expect(identity.error).not.toBeEmpty();
      await expectNoAxeViolations(page);
      await identity.choices.getByLabel('γ = 5, β = √5').check();
      await identity.check.click();
      await expect(identity.status).toHaveText(/^Not quite/);
      await expectNoAxeViolations(page);
    });
  }
});

test('the exercises keep their size when the script starts: no layout jump', async ({ browser, baseURL }) => {
  const heights = async (javaScriptEnabled: boolean) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const result: number[] = [];
    for (const id of ['exercise-variance', 'exercise-identity']) {
      await page.goto(PAGES[id]);
      if (javaScriptEnabled) await expect(exercise(page, id).check).toBeEnabled();
      result.push(await exercise(page, id).root.evaluate((el) => el.getBoundingClientRect().height));
    }
    await context.close();
    return result;
  };
  expect(await heights(true)).toEqual(await heights(false));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the question reads, the controls are disabled, and "Show the answer" works', async ({ page }) => {
    await page.goto(PAGES['exercise-variance']);
    const e = exercise(page, 'exercise-variance');
    await expect(e.root).toContainText('A feature takes the values 2, 4, 6 and 8 in a mini-batch.');
    await expect(e.box).toBeDisabled();
    await expect(e.check).toBeDisabled();
    await expect(e.status).toHaveText('Turn on JavaScript to check your answer.');
    await expect(e.answer).toBeHidden();
    await e.summary.click();
    await expect(e.answer).toBeVisible();
    await expect(e.answer).toContainText('Answer: 5');
    await expect(e.answer).toContainText('unbiased estimate');
    await expect(e.answer.locator('.katex').first()).toBeVisible();

    await page.goto(PAGES['exercise-identity']);
    const c = exercise(page, 'exercise-identity');
    await expect(c.choices.getByRole('radio')).toHaveCount(4);
    for (const radio of await c.choices.getByRole('radio').all()) await expect(radio).toBeDisabled();
    await c.summary.focus();
    await page.keyboard.press('Enter');
    await expect(c.answer).toContainText('Answer: γ = √5, β = 5');
  });
});
