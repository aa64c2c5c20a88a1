import { expect, test } from '@playwright/test';
import { builtPages, watchConsole } from './helpers.ts';

/** The policy a page declares in its <meta http-equiv="Content-Security-Policy">. */
async function policyOf(page: import('@playwright/test').Page): Promise<Map<string, string[]>> {
  const content = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(content, 'the page declares a Content Security Policy').toBeTruthy();
  return new Map(
    content!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

for (const path of builtPages()) {
  test(`/${path} runs under a strict Content Security Policy`, async ({ page }) => {
    const console = watchConsole(page);
    await page.goto(path);
    const policy = await policyOf(page);
    const scripts = policy.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.every((source) => ["'self'", "'wasm-unsafe-eval'"].includes(source) || source.startsWith("'sha256-"))).toBe(true);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    // The policy comes before every script, so it governs them all.
    const order = await page.evaluate(() => {
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
      return [...document.querySelectorAll('script')].every((script) => meta.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    await page.waitForLoadState('networkidle');
    console.expectNone();
  });
}

test('search works under the policy', async ({ page }) => {
  const console = watchConsole(page);
  await page.goto('');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill('epsilon');
  await expect(dialog.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
  console.expectNone();
});
