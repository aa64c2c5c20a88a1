import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { builtPages } from './helpers.ts';

/** The origin the test builds are made for (SITE_URL in package.json's build:test and build:subpath). */
const SITE = 'https://batchnorm.test';

for (const path of builtPages()) {
  test(`/${path} has a description, Open Graph tags and a canonical address`, { tag: '@subpath' }, async ({ page, baseURL }) => {
    await page.goto(path);
    const base = new URL(baseURL!).pathname;
    const address = `${SITE}${base}${path}`;
    const meta = (selector: string) => page.locator(selector).first().getAttribute('content');
    await expect(page).toHaveTitle(/\S.* \| Batch Normalization|^Batch Normalization$/);
    const description = await meta('meta[name="description"]');
    expect(description?.length ?? 0, 'a meta description of useful length').toBeGreaterThan(50);
    expect(await meta('meta[property="og:title"]')).toBeTruthy();
    expect(await meta('meta[property="og:description"]')).toBe(description);
    expect(await meta('meta[property="og:type"]')).toBe('article');
    expect(await meta('meta[property="og:site_name"]')).toBe('Batch Normalization');
    expect(await meta('meta[property="og:url"]')).toBe(address);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(address);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await meta('meta[property="og:image"]')).toBe(`${SITE}${base}social-card.png`);
    expect(await meta('meta[name="twitter:image"]')).toBe(`${SITE}${base}social-card.png`);
    expect(await meta('meta[property="og:image:alt"]')).toMatch(/^Batch Normalization: /);
  });
}

test('the link-preview image is served, 1200 × 630 as Open Graph asks', { tag: '@subpath' }, async ({ page, baseURL }) => {
  const response = await page.request.get(new URL('social-card.png', baseURL).href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  const png = await response.body();
  // A PNG's width and height are the first two fields of its IHDR chunk, at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('the sitemap lists every page at its public address', { tag: '@subpath' }, async ({ page, baseURL }) => {
  const base = new URL(baseURL!).pathname;
  const index = await page.request.get('sitemap-index.xml');
  expect(index.status()).toBe(200);
  expect(await index.text()).toContain(`${SITE}${base}sitemap-0.xml`);
  const sitemap = await (await page.request.get('sitemap-0.xml')).text();
  const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]).sort();
  expect(listed).toEqual(builtPages().map((path) => `${SITE}${base}${path}`).sort());
});

test('an unknown address answers 404 with a page that leads home', { tag: '@subpath' }, async ({ page, baseURL }) => {
  const response = await page.goto('no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
  await page.getByRole('link', { name: 'Go to the introduction' }).click();
  await expect(page).toHaveURL(baseURL!);
  await expect(page.getByRole('heading', { level: 1, name: 'Batch Normalization' })).toBeVisible();
});

test('_headers carries each page’s Content Security Policy for hosts that read it', { tag: '@subpath' }, ({ baseURL }) => {
  const base = new URL(baseURL!).pathname;
  const headers = readFileSync(base === '/' ? 'dist/_headers' : 'dist-subpath/_headers', 'utf8');
  for (const path of builtPages()) expect(headers).toContain(`${base}${path}\n  Content-Security-Policy: default-src 'self';`);
  expect(headers).toContain("frame-ancestors 'none'");
});
