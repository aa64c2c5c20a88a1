import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { readChunkOrigins } from '../src/integrations/chunk-origins.ts';
import { builtPages } from './helpers.ts';

/** The most of our JavaScript, gzipped, a page may load before the reader interacts. */
const ISLAND_PAGE_BUDGET = 25 * 1024;

const origins = readChunkOrigins('dist');
const rows: string[] = [];

test.afterAll(() => {
  console.log(['JavaScript loaded before interaction (gzipped):', 'page | ours | all', ...rows].join('\n'));
});

for (const path of builtPages()) {
  test(`/${path} stays within the JavaScript budget`, async ({ page, baseURL }) => {
    const scripts = new Map<string, Buffer>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.set(new URL(response.url()).pathname, await response.body());
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const base = new URL(baseURL!).pathname;
    let ours = 0;
    let all = 0;
    const ourFiles: string[] = [];
    for (const [pathname, body] of scripts) {
      const size = gzipSync(body).length;
      all += size;
      const file = pathname.slice(base.length);
      // Files the bundler did not build (Expressive Code's script, Pagefind) hold none of our code.
      const modules = origins[file] ?? [];
      if (modules.length > 0) {
        ours += size;
        ourFiles.push(file);
      }
    }
    // Inline scripts are Starlight's (theme, sidebar), hashed by the Content Security Policy.
    const hasIslands = ourFiles.length > 0;
    rows.push(`/${path} | ${(ours / 1024).toFixed(1)} KB | ${(all / 1024).toFixed(1)} KB`);
    test.info().annotations.push({ type: 'our JavaScript (gzipped bytes)', description: `${ours} in ${ourFiles.join(', ') || 'no files'}` });
    const prose = ['', 'history/', 'github/', 'presentation-explained/', 'tutorial/'].includes(path);
    if (prose) expect(ourFiles, 'a prose page ships none of our JavaScript').toEqual([]);
    if (hasIslands) expect(ours).toBeLessThanOrEqual(ISLAND_PAGE_BUDGET);
  });
}
