import { expect, test } from '@playwright/test';
import { builtPages, watchConsole } from './helpers.ts';

/**
 * Visits every page, under whichever base URL the project serves (the root, or the sub-path
 * build), and checks that every link, stylesheet, script and image of the site's own resolves,
 * including #anchors, and that nothing is fetched from another origin.
 */
test('every page, link, anchor and asset of the site works under this base path', { tag: '@subpath' }, async ({ page, baseURL }) => {
  const base = new URL(baseURL!);
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== base.origin && !url.protocol.startsWith('data')) foreign.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const console = watchConsole(page);
  const checked = new Set<string>();
  for (const path of builtPages()) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>('a[href], link[href]')].map((el) => el.href),
    );
    for (const target of targets) {
      const url = new URL(target);
      if (url.origin !== base.origin) continue;
      const withoutHash = url.href.replace(/#.*$/, '');
      expect(url.pathname.startsWith(base.pathname), `${target} on /${path} stays under ${base.pathname}`).toBe(true);
      if (!checked.has(withoutHash)) {
        checked.add(withoutHash);
        const response = await page.request.get(withoutHash);
        expect(response.status(), `${withoutHash} linked from /${path}`).toBe(200);
      }
      if (url.hash.length > 1 && url.pathname.endsWith('/')) {
        const html = await (await page.request.get(withoutHash)).text();
        const id = decodeURIComponent(url.hash.slice(1));
        expect(html.includes(`id="${id}"`), `anchor ${url.hash} on ${withoutHash}, linked from /${path}`).toBe(true);
      }
    }
  }
  expect(checked.size).toBeGreaterThan(builtPages().length);
  expect(foreign, 'requests to other origins').toEqual([]);
  expect(failed, 'failed requests').toEqual([]);
  console.expectNone();
});
