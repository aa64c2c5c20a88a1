/**
 * The Lighthouse gate: every page of the built site (dist/, served by the plain static server with
 * gzip, like a real host) is audited with Lighthouse's default mobile preset in Chromium, and must
 * score 100 in performance, accessibility, best practices and SEO. Prints the four scores with LCP,
 * CLS, TBT and the bytes transferred, per page. Machines are noisy, so a page gets up to five runs
 * and keeps its best; a score under 100 in every run fails the gate (exit code 1).
 * Usage: node e2e/lighthouse.ts   (after `npm run build:test`; run by `npm run test:lighthouse`)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { builtPages } from './helpers.ts';

const PORT = Number(process.env.LIGHTHOUSE_PORT ?? 4490);
const RUNS = 5;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const chromePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

interface Audit {
  scores: Record<(typeof CATEGORIES)[number], number>;
  lcp: number;
  cls: number;
  tbt: number;
  bytes: number;
  failing: string[];
}

function summarize(lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']): Audit {
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)])) as Audit['scores'];
  const failing = CATEGORIES.flatMap((id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${id}: ${ref.id} ${lhr.audits[ref.id]?.displayValue ?? ''}`.trim()),
  );
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return { scores, lcp: numeric('largest-contentful-paint'), cls: numeric('cumulative-layout-shift'), tbt: numeric('total-blocking-time'), bytes: numeric('total-byte-weight'), failing };
}

const perfect = (audit: Audit) => CATEGORIES.every((id) => audit.scores[id] === 100);
const total = (audit: Audit) => CATEGORIES.reduce((sum, id) => sum + audit.scores[id], 0);

async function main(): Promise<number> {
  const server = spawn(process.execPath, ['e2e/static-server.ts', 'dist', String(PORT), '/'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  const chrome = await launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows: string[] = [];
  let failures = 0;
  try {
    for (const path of builtPages()) {
      let best: Audit | null = null;
      for (let run = 0; run < RUNS && !(best && perfect(best)); run++) {
        const result = await lighthouse(`http://127.0.0.1:${PORT}/${path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
        if (!result) throw new Error(`Lighthouse returned nothing for /${path}`);
        const audit = summarize(result.lhr);
        if (!best || total(audit) > total(best)) best = audit;
      }
      const a = best!;
      rows.push(
        `| /${path} | ${CATEGORIES.map((id) => a.scores[id]).join(' | ')} | ${(a.lcp / 1000).toFixed(2)} s | ${a.cls.toFixed(3)} | ${Math.round(a.tbt)} ms | ${(a.bytes / 1024).toFixed(0)} KB |`,
      );
      if (!perfect(a)) {
        failures++;
        rows.push(...a.failing.map((line) => `|   ↳ ${line} |`));
      }
    }
  } finally {
    chrome.kill();
    server.kill();
  }
  console.log(['| page | performance | accessibility | best practices | SEO | LCP | CLS | TBT | transferred |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n'));
  console.log(failures === 0 ? 'Lighthouse: every page scores 100 in all four categories.' : `Lighthouse: ${failures} page(s) below 100.`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
