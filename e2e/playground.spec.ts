import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { tutorialOutputs } from '../src/examples/tutorial-outputs.ts';
import { seedExample } from '../src/examples/seed.ts';
import { batchNormalize } from '../src/lib/batchnorm.ts';
import { matrixFromRows } from '../src/lib/matrix.ts';
import { programOutput } from '../src/lib/python-program.ts';
import { sourceRegion } from '../src/lib/source-region.ts';
import { showIsland, useTheme, watchConsole } from './helpers.ts';

const codeSource = readFileSync('src/lib/batchnorm.ts', 'utf8');
const scratchSource = readFileSync('src/lib/tutorial/batchnorm-from-scratch.ts', 'utf8');
const step2Source = sourceRegion(scratchSource, 'step-2');

/** What the Code page's program prints for the seed example with ε = 0 (the library matches NumPy bit for bit). */
const epsilonZeroOutput = programOutput(matrixFromRows(seedExample.data), 'int64', matrixFromRows(batchNormalize(seedExample.data.map((row) => [...row]), 0)));
const seedOutput = programOutput(matrixFromRows(seedExample.data), 'int64', matrixFromRows(batchNormalize(seedExample.data.map((row) => [...row]))));

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * CodeMirror draws only the lines near the viewport; a tall window lets the tests read the whole of
 * batchnorm.ts in the editor.
 */
const TALL = { width: 1280, height: 2400 };

/** The playground's controls (the first on the page). */
function playground(page: Page) {
  const root = page.locator('code-playground').first();
  return {
    root,
    listing: root.locator('[data-listing]'),
    edit: root.getByRole('button', { name: 'Edit' }),
    editor: root.getByRole('textbox', { name: /^Code editor: / }),
    run: root.getByRole('button', { name: 'Run' }),
    reset: root.getByRole('button', { name: 'Reset' }),
    share: root.getByRole('button', { name: 'Share link' }),
    link: root.getByLabel('Link to your code'),
    status: root.getByRole('status'),
    /** The role="alert" line for errors (hidden while empty, so found by its data attribute). */
    alert: root.locator('[data-error]'),
    ownOutput: root.locator('[data-output-text]'),
    printed: root.locator('[data-printed-text]'),
  };
}

async function openEditor(page: Page) {
  const p = playground(page);
  await showIsland(page, 'code-playground');
  await p.edit.click();
  await expect(p.editor).toBeFocused();
  await expect(p.status).toHaveText('Edit the code, then press Run.');
}

/** Replaces the editor's whole text, as a reader pasting code would. */
async function setCode(page: Page, code: string) {
  await playground(page).editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

const FINISHED = /^(Ran your code|Nothing ran|Your code stopped|The page kept working|The run did not finish)/;

async function runAndWait(page: Page, timeout?: number) {
  const p = playground(page);
  await p.run.click();
  await expect(p.status).toHaveText(FINISHED, { timeout });
}

/** Seeded letters and digits, which do not compress. */
function noise(length: number): string {
  let state = 12345;
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return alphabet[state % alphabet.length];
  }).join('');
}

test.describe('the Code page playground', () => {
  test.use({ viewport: TALL });

  test.beforeEach(async ({ page }) => {
    await page.goto('code/');
  });

  test('loads nothing of the editor until Edit, then edits batchnorm.ts and runs it (ε removed: NumPy’s ε = 0 output)', { tag: '@subpath' }, async ({ page }) => {
    const console = watchConsole(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const p = playground(page);
    await showIsland(page, 'code-playground');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => /playground-session|playground\.worker/.test(url)), 'CodeMirror, Sucrase and the worker load only on Edit').toEqual([]);
    await expect(p.root.locator('.cm-editor')).toHaveCount(0);
    await expect(p.edit).toBeEnabled();

    await p.edit.click();
    await expect(p.editor).toBeFocused();
    await expect(p.listing).toBeHidden();
    await expect(p.edit).toBeHidden();
    expect(requests.some((url) => url.includes('playground-session'))).toBe(true);

    await runAndWait(page);
    await expect(p.status).toHaveText(/^Ran your code in [\d,]+ ms; its output is below\.$/);
    expect(await p.ownOutput.textContent()).toBe(seedOutput);

    expect(codeSource).toContain('Math.sqrt(v + epsilon)');
    await setCode(page, codeSource.replace('Math.sqrt(v + epsilon)', 'Math.sqrt(v)'));
    await runAndWait(page);
    expect(await p.ownOutput.textContent()).toBe(epsilonZeroOutput);
    expect(epsilonZeroOutput).toContain('[[-1.41421356 -1.41421356 -1.41421356]');
    await expect(p.alert).toBeEmpty();
    console.expectNone();
  });

  test('console.log and the documented imports work, arrays print as NumPy does', async ({ page }) => {
    const console = watchConsole(page);
    const p = playground(page);
    await openEditor(page);
    const code = `import { seedExample } from 'example';\nimport { BatchNorm1d } from 'batchnorm';\nconsole.log('first row', seedExample.data[0]);\nconsole.log(new BatchNorm1d(3).runningVar);\n${codeSource}`;
    await setCode(page, code);
    await runAndWait(page);
    expect(await p.ownOutput.textContent()).toBe(`first row [1. 2. 3.]\n[1. 1. 1.]\n${seedOutput}`);
    console.expectNone();
  });

  test('a runtime error names its line and column in the reader’s code and keeps the last good output', async ({ page }) => {
    const console = watchConsole(page);
    const p = playground(page);
    await openEditor(page);
    await runAndWait(page);
    const lastGood = await p.ownOutput.textContent();
    const code = `console.log('before the error');\n${codeSource.replace('return matrixToRows(batchNormalizeMatrix(', 'X.nope();\n  return matrixToRows(batchNormalizeMatrix(')}`;
    const line = code.split('\n').findIndex((text) => text.includes('X.nope()')) + 1;
    await setCode(page, code);
    await runAndWait(page);
    await expect(p.alert).toHaveText(`TypeError at line ${line}, column 5: X.nope is not a function`);
    await expect(p.alert).toHaveAttribute('role', 'alert');
    await expect(p.status).toHaveText('Your code stopped with an error. The output below is from your last successful run. Fix the code and press Run again.');
    await expect(p.printed).toHaveText('before the error');
    expect(await p.ownOutput.textContent(), 'the last good output stays').toBe(lastGood);
    await expect(p.root.locator('.pg-error-line')).toHaveCount(1);
    await expect(p.root.locator('.pg-error-line')).toContainText('X.nope();');
    console.expectNone();
  });

  test('the keyboard alone edits and runs; Tab moves on from the editor', async ({ page }) => {
    const p = playground(page);
    await showIsland(page, 'code-playground');
    await p.edit.focus();
    await page.keyboard.press('Enter');
    await expect(p.editor).toBeFocused();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nconsole.log(1 + 1);');
    await page.keyboard.press('Control+Enter');
    await expect(p.status).toHaveText(/^Ran your code/);
    await expect(p.ownOutput).toHaveText(/^2\nOriginal data:/);
    await page.keyboard.press('Tab');
    await expect(p.run).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(p.editor).toBeFocused();
  });

  test('runs under the page’s policy, which keeps eval out: only the worker evaluates code', async ({ page }) => {
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scripts = policy!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '))!;
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    const p = playground(page);
    await openEditor(page);
    await setCode(page, codeSource.replace('Math.sqrt(v + epsilon)', 'Math.sqrt(v)'));
    await runAndWait(page);
    expect(await p.ownOutput.textContent()).toBe(epsilonZeroOutput);
  });
});

test.describe('a Tutorial step playground', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('tutorial/normalize/');
  });

  test('adding γ and β to step 2 prints y in place of the page’s output; Reset restores it', async ({ page }) => {
    const console = watchConsole(page);
    const p = playground(page);
    const output = page.locator('#step-2-output pre');
    const caption = page.locator('#step-2-output figcaption');
    await expect(output).toHaveText(tutorialOutputs.step2, { useInnerText: false });
    await openEditor(page);
    const withGammaBeta = `import { tutorialBatch } from 'tutorial';\n${step2Source.replace(
      '(value - mean[j]) / Math.sqrt(variance[j] + eps)',
      'tutorialBatch.gamma[j] * ((value - mean[j]) / Math.sqrt(variance[j] + eps)) + tutorialBatch.beta[j]',
    )}`;
    expect(withGammaBeta).toContain('tutorialBatch.gamma[j]');
    await setCode(page, withGammaBeta);
    await runAndWait(page);
    await expect(p.status).toHaveText(/^Ran your code in [\d,]+ ms: the output below, “Output: x̂ for the example batch”, is now your code’s\.$/);
    const expected = tutorialOutputs.step3.replace(/^y = /, 'xhat = ').replace(/^ {5}\[/gm, '        [');
    expect(await output.textContent()).toBe(expected);
    await expect(caption).toHaveText('Output: x̂ for the example batch (from your edited code)');

    await p.reset.click();
    await expect(p.status).toHaveText('Reset to the original code and output.');
    expect(await output.textContent()).toBe(tutorialOutputs.step2);
    await expect(caption).toHaveText('Output: x̂ for the example batch');
    await expect(p.editor).toContainText('export function normalize(x: number[][]');
    await expect(p.editor).not.toContainText('tutorialBatch');
    console.expectNone();
  });

  test('a syntax error, a runtime error and an endless loop each explain themselves and leave the page working', async ({ page }) => {
    const console = watchConsole(page);
    const p = playground(page);
    const output = page.locator('#step-2-output pre');
    await openEditor(page);

    await test.step('a syntax error: its line and column, nothing runs', async () => {
      await setCode(page, `${step2Source}\nconst oops = ;`);
      await runAndWait(page);
      const line = step2Source.split('\n').length + 1;
      await expect(p.alert).toHaveText(`Syntax error at line ${line}, column 14: Unexpected token. Nothing ran.`);
      await expect(p.status).toHaveText('Nothing ran. The output below is still the original code’s. Fix the code and press Run again.');
      await expect(p.root.locator('.pg-error-line')).toHaveText('const oops = ;');
      expect(await output.textContent()).toBe(tutorialOutputs.step2);
    });

    await test.step('a runtime error: where in the reader’s lines', async () => {
      await setCode(page, step2Source.replace('return x.map(', 'return x.nope('));
      await runAndWait(page);
      await expect(p.alert).toHaveText('TypeError at line 3, column 12: x.nope is not a function');
      expect(await output.textContent()).toBe(tutorialOutputs.step2);
    });

    await test.step('a missing function the step needs', async () => {
      await setCode(page, step2Source.replace('function normalize(', 'function normalise('));
      await runAndWait(page);
      await expect(p.alert).toHaveText('Step 2’s output calls normalize, which the file no longer exports as a function.');
    });

    await test.step('an endless loop is stopped, with what it printed; meanwhile the page responds', async () => {
      await setCode(page, `${step2Source}\nconsole.log('looping');\nlet turns = 0;\nwhile (true) turns++;`);
      await p.run.click();
      await expect(p.status).toHaveText('Running…');
      await expect(p.root).toHaveAttribute('aria-busy', 'true');
      // The main thread is free: typing in the editor responds while the loop runs.
      await p.editor.focus();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type(' // still typing');
      await expect(p.editor).toContainText('while (true) turns++; // still typing');
      await expect(p.root).toHaveAttribute('aria-busy', 'true');
      await expect(p.alert).toHaveText('Stopped after 5 s: the code did not finish (an infinite loop?).', { timeout: 30_000 });
      await expect(p.status).toHaveText('The page kept working. The output below is still the original code’s. Fix the code and press Run again.');
      await expect(p.root).not.toHaveAttribute('aria-busy');
      await expect(p.root.locator('[data-printed] figcaption')).toHaveText('Printed before it was stopped');
      await expect(p.printed).toHaveText('looping');
    });

    await test.step('a good run afterwards works and clears the error', async () => {
      await setCode(page, step2Source);
      await runAndWait(page);
      await expect(p.status).toHaveText(/^Ran your code/);
      await expect(p.alert).toBeEmpty();
      await expect(p.root.locator('[data-printed]')).toBeHidden();
      await expect(p.root.locator('.pg-error-line')).toHaveCount(0);
      expect(await output.textContent()).toBe(tutorialOutputs.step2);
    });
    console.expectNone();
  });

  test('the edit survives a reload; Reset forgets it', async ({ page }) => {
    const console = watchConsole(page);
    const p = playground(page);
    await openEditor(page);
    await setCode(page, `${step2Source}\nconsole.log('kept');`);
    await page.reload();
    await showIsland(page, 'code-playground');
    await expect(p.status).toHaveText('Your edit from an earlier visit is back. Press Run to run it, or Reset for the original code.');
    await expect(p.editor).toContainText("console.log('kept');");
    await expect(p.listing).toBeHidden();
    expect(await page.locator('#step-2-output pre').textContent(), 'a restored edit does not run by itself').toBe(tutorialOutputs.step2);
    await p.reset.click();
    await expect(p.editor).not.toContainText('kept');
    await page.reload();
    await showIsland(page, 'code-playground');
    await expect(p.edit).toBeVisible();
    await expect(p.edit).toBeEnabled();
    await expect(p.listing).toBeVisible();
    await expect(p.root.locator('.cm-editor')).toHaveCount(0);
    console.expectNone();
  });

  test('has no accessibility violations with the editor open and after an error, in both themes', async ({ page }) => {
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme);
      await page.goto('tutorial/normalize/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const p = playground(page);
      await openEditor(page);
      const open = await new AxeBuilder({ page }).include('code-playground').include('#step-2-output').withTags(AXE_TAGS).analyze();
      expect(open.violations.map((v) => `${theme}, editor open: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
      await setCode(page, `${step2Source}\nconsole.log('x');\nnull.x;`);
      await runAndWait(page);
      await expect(p.alert).toHaveText(/^TypeError at line/);
      const failed = await new AxeBuilder({ page }).include('code-playground').include('#step-2-output').withTags(AXE_TAGS).analyze();
      expect(failed.violations.map((v) => `${theme}, after an error: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
      await p.reset.click();
    }
  });
});

test.describe('share links', () => {
  test.use({ viewport: TALL });

  test('carry the code to another browser, which opens it in the editor without running it', { tag: '@subpath' }, async ({ page, browser, baseURL }) => {
    const console = watchConsole(page);
    await page.goto('code/');
    const p = playground(page);
    await openEditor(page);
    const edited = codeSource.replace('Math.sqrt(v + epsilon)', 'Math.sqrt(v)');
    await setCode(page, edited);
    await p.share.click();
    await expect(p.status).toHaveText(/^(Link copied to the clipboard; it is also in the box below\.|Copy the link to your code from the box below\.)$/);
    await expect(p.link).toBeFocused();
    const link = await p.link.inputValue();
    expect(link.startsWith(`${baseURL}code/#example=code&code=`)).toBe(true);
    expect(link).toMatch(/#example=code&code=[A-Za-z0-9_-]+$/);
    console.expectNone();

    const other = await browser.newContext({ viewport: TALL });
    const reader = await other.newPage();
    const readerConsole = watchConsole(reader);
    await reader.goto(link);
    const q = playground(reader);
    await expect(q.status).toHaveText('Loaded the code from the link. Read it before you press Run: it runs in your browser.');
    await expect(q.editor).toContainText('const std = variance.map((v) => Math.sqrt(v));');
    await expect(q.root.locator('[data-own-output]'), 'not run until the reader presses Run').toBeHidden();
    await runAndWait(reader);
    expect(await q.ownOutput.textContent()).toBe(epsilonZeroOutput);
    await q.reset.click();
    expect(new URL(reader.url()).hash, 'Reset drops the shared code from the address').toBe('');
    readerConsole.expectNone();
    await other.close();
  });

  test('past the size limit give a clear message instead of a link; a damaged link says so', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('code/');
    const p = playground(page);
    await openEditor(page);
    await setCode(page, `${codeSource}\n// ${noise(12_000)}\n`);
    await p.share.click();
    await expect(p.status).toHaveText(
      /^Your code is too long to share as a link: it takes \d+\.\d KB in the address, and a link carries at most 8\.0 KB\. Shorten it, or copy the code itself\.$/,
    );
    await expect(p.link).toBeHidden();

    await page.goto('about:blank');
    await page.goto('code/#example=code&code=AAAA');
    await expect(p.status).toHaveText(/^The link’s code is damaged: .* The editor shows the original code\.$/);
    await expect(p.editor).toContainText('export function batchNormalize(X: number[][], epsilon = 1e-5)');
    console.expectNone();
  });
});

test('the worker runs under the policies of _headers, which give only it eval', async ({ page }) => {
  // The static server sends no policy headers; serve each file with its policy from _headers, as Netlify or Cloudflare would.
  const policies = new Map<string, string>();
  for (const block of readFileSync('dist/_headers', 'utf8').split('\n\n')) {
    const [path, ...lines] = block.trim().split('\n');
    const csp = lines.map((line) => line.trim()).find((line) => line.startsWith('Content-Security-Policy: '));
    if (csp) policies.set(path, csp.slice('Content-Security-Policy: '.length));
  }
  const workerPolicies = [...policies].filter(([path]) => /\/_astro\/playground\.worker-/.test(path));
  expect(workerPolicies).toHaveLength(1);
  expect(workerPolicies[0][1]).toBe("default-src 'none'; script-src 'self' 'unsafe-eval'");
  expect(policies.get('/code/')).not.toContain("'unsafe-eval'");

  const served: string[] = [];
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const path = new URL(route.request().url()).pathname;
    const policy = policies.get(path);
    if (policy) served.push(path);
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !['content-encoding', 'content-length'].includes(name)));
    await route.fulfill({ response, headers: policy ? { ...headers, 'content-security-policy': policy } : headers });
  });
  await page.goto('code/');
  // The page's policy has no 'unsafe-eval'; its worker, with a policy of its own, runs the reader's code.
  const p = playground(page);
  await openEditor(page);
  await setCode(page, codeSource.replace('Math.sqrt(v + epsilon)', 'Math.sqrt(v)'));
  await runAndWait(page);
  expect(await p.ownOutput.textContent()).toBe(epsilonZeroOutput);
  expect(served).toContain('/code/');
  expect(served.some((path) => path.includes('playground.worker-')), 'the worker script got its own policy').toBe(true);
  // The page starts a spare worker after each run: its request must not reach a handler after the test.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a host that sends the pages’ policy to the worker too gets a clear message, not a crash', async ({ page }) => {
  const console = watchConsole(page);
  await page.route('**/_astro/playground.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'" } });
  });
  await page.goto('code/');
  const p = playground(page);
  await openEditor(page);
  await runAndWait(page);
  await expect(p.alert).toHaveText(/^This copy of the site is served with a security policy that forbids running code in the playground’s worker/);
  await expect(p.status).toHaveText('The run did not finish. There is no output yet.');
  console.expectNone();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the listings read as before, without an Edit button that cannot work', async ({ page }) => {
    for (const path of ['code/', 'tutorial/normalize/']) {
      await page.goto(path);
      const p = playground(page);
      await expect(p.listing).toBeVisible();
      await expect(p.edit).toBeHidden();
      await expect(p.root.locator('[data-panel]')).toBeHidden();
      await expect(p.root.locator('[data-editor]')).toBeHidden();
    }
    await expect(page.getByText('export function normalize(x: number[][], mean: number[], variance: number[], eps: number): number[][] {')).toBeVisible();
  });
});
