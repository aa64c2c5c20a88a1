import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Reads a file of the shared reference material beside the checkout. */
export function readShared(path: string): string {
  return readFileSync(new URL(`../../shared/${path}`, import.meta.url), 'utf8');
}

/**
 * The site's pages, relative to the base URL (`''`, `code/`), found in the build output; every
 * test that must hold on every page iterates over this list.
 */
export function builtPages(dir = 'dist'): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name === 'index.html') {
        pages.push(relative(dir, folder).replace(/\\/g, '/').replace(/(.)$/, '$1/'));
      }
    }
  };
  walk(dir);
  return pages.sort();
}

/**
 * Records console errors and warnings and uncaught page errors from the moment it is called;
 * `expectNone()` fails the test if there were any.
 */
export function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    problems,
    expectNone: () => expect(problems, 'console errors, warnings or page errors').toEqual([]),
  };
}

/** Makes the page open in the given Starlight theme. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
}

/**
 * Scrolls an island into view, which is when its code loads (see define-when-visible.ts), and
 * waits until its custom element is defined and running.
 */
export async function showIsland(page: Page, tag: string) {
  await page.locator(tag).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((name) => customElements.get(name) !== undefined, tag);
}

/**
 * Waits until Expressive Code's script has made every code block that scrolls sideways focusable
 * (it does so a moment after load, when the browser is idle), so that axe sees the page as a
 * reader who tabs to it does.
 */
export async function waitForCodeBlocks(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
  );
}

/**
 * A printed statistic as a number (the pages write a true minus sign, −), with half a unit of its
 * last digit as tolerance: a number rounded to d decimals is that close to the true value.
 */
export async function numberIn(locator: Locator): Promise<{ value: number; tolerance: number }> {
  const text = ((await locator.textContent()) ?? '').trim().replace('−', '-');
  expect(text, 'a decimal number').toMatch(/^-?\d+(\.\d+)?$/);
  const decimals = text.split('.')[1]?.length ?? 0;
  return { value: Number(text), tolerance: 0.5 * 10 ** -decimals };
}

/** One panel of HistogramPanels.astro inside an island: its chart, statistics and table of counts. */
export function histogramPanel(island: Locator, side: string) {
  const figure = island.locator(`[data-panel="${side}"]`);
  return {
    figure,
    chart: figure.getByRole('img'),
    mean: figure.locator('[data-stats] [data-value="mean"]'),
    std: figure.locator('[data-stats] [data-value="std"]'),
    details: figure.locator('details'),
    summary: figure.locator('summary'),
    table: figure.getByRole('table'),
    rows: figure.locator('tbody tr'),
    totals: figure.locator('tfoot td'),
  };
}

