/**
 * Draws public/social-card.png, the 1200 × 630 image that link previews (Open Graph, Twitter/X,
 * chats) show for every page: the site's name, the transform in one formula, and a batch of values
 * before and after Batch Norm, normalized by the library itself. Rendered in Chromium from markup
 * made here. Run it after changing the card: `npm run record:social-card`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import katex from 'katex';
import { batchNormalize } from '../lib/batchnorm.ts';
import { histogram } from '../lib/histogram.ts';
import { normalGenerator } from '../lib/random.ts';
import { SOCIAL_CARD } from './social-card.ts';

const { width, height } = SOCIAL_CARD;
const target = new URL(`../../public/${SOCIAL_CARD.file}`, import.meta.url);
const katexCss = new URL('../../node_modules/katex/dist/katex.min.css', import.meta.url);

/** One feature of a mini-batch, far from 0 and wide, as a layer's inputs often are, and its normalized values. */
function batch(): { raw: number[]; normalized: number[] } {
  const normal = normalGenerator(2015);
  const raw = Array.from({ length: 600 }, () => 60 + 18 * normal());
  const normalized = batchNormalize(raw.map((value) => [value])).map(([value]) => value);
  return { raw, normalized };
}

/** Bars of a histogram of `values` over `[low, high]`, in a box of the given size. */
function bars(values: number[], low: number, high: number, box: { width: number; height: number }, colour: string): string {
  const { counts } = histogram(values, { domain: [low, high], bins: 24 });
  const top = Math.max(...counts);
  const barWidth = box.width / counts.length;
  return counts
    .map((count, i) => {
      const h = (count / top) * box.height;
      return `<rect x="${(i * barWidth + 1).toFixed(1)}" y="${(box.height - h).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" rx="2" fill="${colour}"/>`;
    })
    .join('');
}

/** Room on either side of a chart for its first and last tick labels. */
const PAD = 24;

/** A small chart: the histogram, a baseline with tick labels, and a caption. */
function chart(values: number[], low: number, high: number, ticks: number[], colour: string, caption: string): string {
  const box = { width: 420, height: 150 };
  const x = (value: number) => ((value - low) / (high - low)) * box.width;
  const labels = ticks
    .map((tick) => `<text x="${x(tick).toFixed(1)}" y="${box.height + 28}" text-anchor="middle">${tick < 0 ? `−${-tick}` : tick}</text>`)
    .join('');
  return `<figure>
    <svg width="${box.width + 2 * PAD}" height="${box.height + 36}" viewBox="${-PAD} 0 ${box.width + 2 * PAD} ${box.height + 36}">
      ${bars(values, low, high, box, colour)}
      <line x1="0" x2="${box.width}" y1="${box.height + 0.5}" y2="${box.height + 0.5}" stroke="#8b93a7"/>
      ${labels}
    </svg>
    <figcaption>${caption}</figcaption>
  </figure>`;
}

function cardHtml(): string {
  const { raw, normalized } = batch();
  const formula = katex.renderToString(String.raw`\hat{x}_i = \frac{x_i - \mu_\mathcal{B}}{\sqrt{\sigma_\mathcal{B}^2 + \epsilon}}`, { displayMode: true, output: 'html' });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="${katexCss.href}">
<style>
  * { box-sizing: border-box; margin: 0; }
  body { width: ${width}px; height: ${height}px; overflow: hidden; font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; color: #e6e9f2; background: #17181c; }
  main { display: grid; grid-template-columns: 600px 1fr; align-items: center; height: 100%; padding: 64px 72px; gap: 24px; }
  .site { font-size: 26px; color: #a8b4ff; letter-spacing: 0.02em; }
  h1 { font-size: 68px; line-height: 1.05; margin-top: 18px; font-weight: 700; }
  p { font-size: 28px; line-height: 1.4; margin-top: 26px; color: #c7cbd6; }
  .katex-display { margin: 36px 0 0; text-align: left; }
  .katex-display > .katex { font-size: 44px; text-align: left; color: #ffffff; }
  .charts { display: flex; flex-direction: column; justify-content: center; gap: 20px; }
  figure { display: flex; flex-direction: column; align-items: center; }
  svg text { font-size: 18px; fill: #c7cbd6; }
  figcaption { font-size: 21px; color: #c7cbd6; margin-top: 4px; }
</style>
</head>
<body>
<main>
  <div>
    <div class="site">Examples that run in the page</div>
    <h1>Batch Normalization</h1>
    <p>The math, the code, its history and a tutorial, after Ioffe &amp; Szegedy (2015).</p>
    ${formula}
  </div>
  <div class="charts">
    ${chart(raw, 0, 120, [0, 30, 60, 90, 120], '#f29e5f', 'a feature of the mini-batch')}
    ${chart(normalized, -4, 4, [-4, -2, 0, 2, 4], '#8d9bff', 'after Batch Norm: mean 0, variance 1')}
  </div>
</main>
</body>
</html>`;
}

const directory = mkdtempSync(join(tmpdir(), 'social-card-'));
const page = join(directory, 'card.html');
writeFileSync(page, cardHtml());
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
// The card and KaTeX's fonts are local files: let the one load the other.
const browser = await chromium.launch({ executablePath, args: ['--allow-file-access-from-files'] });
try {
  const tab = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(page).href);
  await tab.evaluate(() => document.fonts.ready);
  await tab.screenshot({ path: target.pathname, type: 'png' });
} finally {
  await browser.close();
  rmSync(directory, { recursive: true, force: true });
}
console.log(`Wrote ${target.pathname} (${(readFileSync(target).length / 1024).toFixed(0)} KB).`);
