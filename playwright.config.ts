import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium where it is installed (CI and this machine); Playwright's own browser elsewhere. */
const debianChromium = '/usr/bin/chromium';
const executablePath = existsSync(debianChromium) ? debianChromium : undefined;

/** The built site is served twice by a plain static server: at the root, and under a sub-path. */
/** E2E_PORT lets several checkouts run their browser tests at once without sharing servers. */
const ROOT_PORT = Number(process.env.E2E_PORT ?? 4400);
const SUBPATH_PORT = ROOT_PORT + 1;
export const SUBPATH = '/batchnorm/';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath,
      // Without these, Chromium keeps trying to reach Google's services, which this network refuses.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` } },
    // Under the sub-path, the tests tagged @subpath: what depends on the base path. That is every
    // page, link and asset (the crawl), the addresses in metadata and the sitemap, a page without
    // JavaScript, and the workers of the Code page and its playground, which are loaded by URL.
    {
      name: 'subpath',
      grep: /@subpath/,
      use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}` },
    },
  ],
  webServer: [
    { command: `node e2e/static-server.ts dist ${ROOT_PORT} /`, port: ROOT_PORT, reuseExistingServer: !process.env.CI },
    { command: `node e2e/static-server.ts dist-subpath ${SUBPATH_PORT} ${SUBPATH}`, port: SUBPATH_PORT, reuseExistingServer: !process.env.CI },
  ],
});
