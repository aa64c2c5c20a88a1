import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { slides } from '../src/presentation/slides.ts';
import { useTheme, waitForCodeBlocks, watchConsole } from './helpers.ts';

const COUNT = slides.length;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The deck's parts on the Class Presentation page. */
function deck(page: Page) {
  const root = page.locator('slide-deck');
  return {
    root,
    slides: root.locator('[data-slide]'),
    active: root.locator('[data-slide][data-active]'),
    counter: root.locator('[data-counter]'),
    bar: root.locator('[data-bar]'),
    status: root.getByRole('status'),
    previous: root.getByRole('button', { name: 'Previous' }),
    next: root.getByRole('button', { name: 'Next' }),
    fullscreen: root.locator('[data-action="fullscreen"]'),
    toolbar: root.locator('.deck-toolbar'),
  };
}

/** Checks that slide `n` (from 1) is the one shown, everywhere the deck says so. */
async function expectSlide(page: Page, n: number) {
  const d = deck(page);
  const { title } = slides[n - 1];
  await expect(d.active).toHaveAttribute('id', `slide-${n}`);
  await expect(d.active).toBeVisible();
  await expect(d.active.getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(d.counter).toHaveText(`${n} / ${COUNT}`);
  await expect(d.status).toHaveText(`Slide ${n} of ${COUNT}: ${title}`);
  expect(parseFloat(await d.bar.evaluate((el) => el.style.inlineSize))).toBeCloseTo((100 * n) / COUNT, 3);
  expect(await d.slides.evaluateAll((all) => all.filter((el) => el.checkVisibility()).length), 'only one slide shows').toBe(1);
  await expect(d.previous).toHaveAttribute('aria-disabled', String(n === 1));
  await expect(d.next).toHaveAttribute('aria-disabled', String(n === COUNT));
}

/** Loads the deck page afresh (a real load, even when only the hash differs) and waits for its script. */
async function openDeck(page: Page, hash = '') {
  const before = page.url();
  await page.goto(`presentation/${hash}`);
  if (before !== 'about:blank' && new URL(before).pathname === new URL(page.url()).pathname) await page.reload();
  await expect(page.locator('slide-deck[data-ready]')).toBeAttached();
}

test.describe('the slide deck', () => {
  test('opens on the first slide, with the controls enabled and a live status', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page);
    const d = deck(page);
    await expect(d.slides).toHaveCount(COUNT);
    await expectSlide(page, 1);
    await expect(d.status).toHaveAttribute('aria-live', 'polite');
    await expect(page.locator('slide-deck')).toHaveAttribute('data-ready', '');
    expect(new URL(page.url()).hash, 'no hash until the reader moves').toBe('');
    console.expectNone();
  });

  test('every key moves as expected, and the hash and progress follow', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page);
    const historyLength = await page.evaluate(() => history.length);
    const steps: [string, number][] = [
      ['ArrowLeft', 1], // nothing before the first slide
      ['ArrowRight', 2],
      ['ArrowRight', 3],
      ['ArrowLeft', 2],
      ['PageDown', 3],
      ['PageUp', 2],
      [' ', 3],
      ['Shift+ ', 2],
      ['End', COUNT],
      ['ArrowRight', COUNT], // nothing after the last slide
      ['Space', COUNT],
      ['PageUp', COUNT - 1],
      ['Home', 1],
      ['PageUp', 1],
    ];
    for (const [key, n] of steps) {
      await test.step(`${key} → slide ${n}`, async () => {
        await page.keyboard.press(key === ' ' ? 'Space' : key === 'Shift+ ' ? 'Shift+Space' : key);
        await expectSlide(page, n);
        if (n > 1 || key !== 'ArrowLeft') await expect(page).toHaveURL(new RegExp(`#slide-${n}$`));
      });
    }
    expect(await page.evaluate(() => history.length), 'moving replaces the history entry instead of adding one').toBe(historyLength);
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
    console.expectNone();
  });

  test('keys typed in a text field, or with Ctrl, Alt or Meta, are left alone', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page, '#slide-3');
    await expectSlide(page, 3);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML =
        '<label>Note <input id="test-input"></label><label>Text <textarea id="test-textarea"></textarea></label><div id="test-editable" contenteditable="true" aria-label="Editable">x</div>';
      document.querySelector('main')!.prepend(box);
    });
    for (const field of ['#test-input', '#test-textarea', '#test-editable']) {
      await page.locator(field).focus();
      for (const key of ['ArrowRight', 'ArrowLeft', 'PageDown', 'PageUp', 'Space', 'Shift+Space', 'Home', 'End']) {
        await page.keyboard.press(key);
        await expectSlide(page, 3);
      }
    }
    await expect(page.locator('#test-input')).toHaveValue('  ');
    await page.locator('#test-input').blur();
    for (const key of ['Control+ArrowRight', 'Control+End', 'Meta+ArrowRight']) {
      await page.keyboard.press(key);
      await expectSlide(page, 3);
    }
    await expect(page).toHaveURL(/#slide-3$/);
    console.expectNone();
  });

  test('the site search box keeps its keys', async ({ page }) => {
    await openDeck(page, '#slide-4');
    await page.getByRole('button', { name: 'Search' }).click();
    const search = page.getByRole('dialog', { name: 'Search' }).locator('input').first();
    await search.focus();
    await page.keyboard.type('gamma');
    for (const key of ['ArrowLeft', 'Home', 'End', 'Space']) await page.keyboard.press(key);
    await page.keyboard.press('Escape');
    await expectSlide(page, 4);
  });

  test('Space on a focused button presses the button, once', async ({ page }) => {
    await openDeck(page);
    const d = deck(page);
    await d.next.focus();
    await page.keyboard.press('Space');
    await expectSlide(page, 2);
    await page.keyboard.press('Enter');
    await expectSlide(page, 3);
    await d.previous.focus();
    await page.keyboard.press('Space');
    await expectSlide(page, 2);
    await expect(d.previous).toBeFocused();
  });

  test('the Previous and Next buttons move one slide and stop at the ends', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page);
    const d = deck(page);
    // At either end the button stays focusable but is marked aria-disabled, which Playwright's click would wait out.
    await d.previous.click({ force: true });
    await expectSlide(page, 1);
    await d.next.click();
    await d.next.click();
    await expectSlide(page, 3);
    await expect(page).toHaveURL(/#slide-3$/);
    await d.previous.click();
    await expectSlide(page, 2);
    await page.keyboard.press('End');
    await d.next.click({ force: true });
    await expectSlide(page, COUNT);
    console.expectNone();
  });

  test('focus inside a slide that goes away moves to the slide that comes', async ({ page }) => {
    await openDeck(page);
    const d = deck(page);
    await d.active.getByRole('link', { name: /^Explained/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, 2);
    await expect(d.active).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toBeVisible();
  });

  test('a link to #slide-N opens slide N: the first, second, a middle and the last slide', async ({ page }) => {
    const console = watchConsole(page);
    // Every slide is reached by its hash in the hashchange test below; real page loads for a sample.
    for (const n of [1, 2, Math.ceil(COUNT / 2), COUNT]) {
      await openDeck(page, `#slide-${n}`);
      await expectSlide(page, n);
      expect(await deck(page).active.evaluate((el) => el.getBoundingClientRect().top), 'the slide is in view').toBeLessThan(400);
    }
    for (const hash of ['#slide-0', `#slide-${COUNT + 1}`, '#slide-x', '#_top']) {
      await openDeck(page, hash);
      await expectSlide(page, 1);
    }
    console.expectNone();
  });

  test('hashchange, and back and forward through in-page links, show the right slide', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page);
    for (let n = COUNT; n >= 1; n--) {
      await page.evaluate((hash) => (location.hash = hash), `#slide-${n}`);
      await expectSlide(page, n);
    }
    await page.evaluate(() => (location.hash = '#slide-5'));
    await expectSlide(page, 5);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, 3);
    // Slide 3 refers to the debate slide; following the link adds a history entry.
    const target = slides.findIndex((s) => s.id === 'why-it-works') + 1;
    await deck(page).active.getByRole('link', { name: `slide ${target}` }).click();
    await expectSlide(page, target);
    await expect(page).toHaveURL(new RegExp(`#slide-${target}$`));
    await page.goBack();
    await expectSlide(page, 3);
    await page.goForward();
    await expectSlide(page, target);
    console.expectNone();
  });

  test.describe('on a touch screen', () => {
    test.use({ hasTouch: true });

    /** Drags one finger across the stage, through the browser's own touch input. */
    async function swipe(page: Page, dx: number, dy: number) {
      const box = (await deck(page).active.boundingBox())!;
      const x = box.x + box.width / 2;
      const y = box.y + Math.min(box.height / 2, 150);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      for (let i = 1; i <= 5; i++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + (dx * i) / 5, y: y + (dy * i) / 5 }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await cdp.detach();
    }

    test('swiping left and right moves forward and back; short or vertical swipes do not', async ({ page }) => {
      const console = watchConsole(page);
      await openDeck(page, '#slide-2');
      await swipe(page, -160, 10);
      await expectSlide(page, 3);
      await swipe(page, -160, 0);
      await expectSlide(page, 4);
      await swipe(page, 160, -5);
      await expectSlide(page, 3);
      await swipe(page, -20, 0);
      await expectSlide(page, 3);
      await swipe(page, -60, 140);
      await expectSlide(page, 3);
      await expect(page).toHaveURL(/#slide-3$/);
      console.expectNone();
    });
  });

  test('the full-screen button shows the deck full screen and back, and says which', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page, '#slide-6');
    const d = deck(page);
    await expect(d.fullscreen).toHaveText('Full screen');
    await d.fullscreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName)).toBe('SLIDE-DECK');
    await expect(d.fullscreen).toHaveText('Exit full screen');
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, 7);
    await d.fullscreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
    await expect(d.fullscreen).toHaveText('Full screen');
    await expectSlide(page, 7);
    console.expectNone();
  });

  test('the full-screen button is hidden where the browser cannot go full screen', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false }));
    await openDeck(page);
    await expect(deck(page).fullscreen).toBeHidden();
    await expect(deck(page).next).toBeVisible();
  });

  test('printed, every slide gets its own page and the controls and site chrome are gone', async ({ page }) => {
    await openDeck(page, '#slide-5');
    await page.emulateMedia({ media: 'print' });
    const d = deck(page);
    const layout = await d.slides.evaluateAll((all) =>
      all.map((el) => {
        const style = getComputedStyle(el);
        return { id: el.id, visible: el.checkVisibility(), breakAfter: style.breakAfter, pageBreakAfter: style.getPropertyValue('page-break-after'), breakInside: style.breakInside };
      }),
    );
    expect(layout.map((s) => s.id)).toEqual(slides.map((_, i) => `slide-${i + 1}`));
    layout.forEach((s, i) => {
      expect(s.visible, `${s.id} prints`).toBe(true);
      expect(s.breakInside, `${s.id} is not split`).toBe('avoid');
      if (i < layout.length - 1) {
        expect(s.breakAfter, `a page break after ${s.id}`).toBe('page');
        expect(s.pageBreakAfter).toBe('always');
      } else {
        expect(s.breakAfter, 'no empty page after the last slide').toBe('auto');
      }
    });
    await expect(d.toolbar).toBeHidden();
    await expect(d.root.locator('.deck-hint')).toBeHidden();
    await expect(page.locator('header.header')).toBeHidden();
    await expect(page.locator('nav.sidebar')).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'About these slides' })).toBeHidden();
    // Saved as PDF, the handout has exactly one page per slide.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(COUNT);
  });

  test('on a desktop screen every slide fits its 16:9 stage', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openDeck(page);
    for (let n = 1; n <= COUNT; n++) {
      if (n > 1) await page.keyboard.press('ArrowRight');
      await expectSlide(page, n);
      const size = await deck(page).active.evaluate((el) => ({ width: el.clientWidth, height: el.getBoundingClientRect().height, scroll: el.scrollHeight, client: el.clientHeight }));
      expect(size.width, 'a stage as wide as the column').toBeGreaterThan(800);
      expect(Math.abs(size.height - (size.width * 9) / 16), `slide ${n} is 16:9`).toBeLessThan(2);
      expect(size.scroll, `slide ${n} holds all its content`).toBeLessThanOrEqual(size.client + 1);
    }
    const stage = (await deck(page).active.boundingBox())!;
    const toolbar = (await deck(page).toolbar.boundingBox())!;
    const nav = (await page.locator('header.header').boundingBox())!;
    expect(toolbar.y + toolbar.height - stage.y, 'the slide and its controls fit on screen together').toBeLessThanOrEqual(800 - nav.height);
  });

  /** Axe on the slide shown and the deck's controls. */
  async function slideViolations(page: Page): Promise<string[]> {
    await waitForCodeBlocks(page);
    const results = await new AxeBuilder({ page }).include('slide-deck [data-active]').include('slide-deck .deck-toolbar').withTags(WCAG).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  // The dark theme is checked slide by slide on the phone below; the page's first slide in both themes by accessibility.spec.ts.
  for (const theme of ['light'] as const) {
    test(`every slide, once shown, has no violations in the ${theme} theme`, async ({ page }) => {
      test.slow();
      await useTheme(page, theme);
      await openDeck(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (let n = 1; n <= COUNT; n++) {
        if (n > 1) await page.keyboard.press('ArrowRight');
        await expectSlide(page, n);
        expect(await slideViolations(page), `slide ${n}`).toEqual([]);
      }
    });
  }

  test('on a 390 px phone every slide fits the width and has no violations', async ({ page }) => {
    test.slow();
    const console = watchConsole(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await useTheme(page, 'dark');
    await openDeck(page);
    for (let n = 1; n <= COUNT; n++) {
      if (n > 1) await deck(page).next.click();
      await expectSlide(page, n);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `slide ${n}: no sideways scrolling`).toBeLessThanOrEqual(390);
      const { y } = (await deck(page).active.boundingBox())!;
      expect(y, `slide ${n} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(await slideViolations(page), `slide ${n}`).toEqual([]);
    }
    console.expectNone();
  });
});

test.describe('slides and their explanations', () => {
  test('every slide links to its explanation, and every explanation back to its slide', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('presentation/');
    const explained = await page.locator('[data-slide]').evaluateAll((all) =>
      all.map((slide) => ({ slide: slide.id, href: (slide.querySelector('a.slide-explained') as HTMLAnchorElement).href })),
    );
    await page.goto('presentation-explained/');
    const explainedPage = new URL(page.url());
    const back = await page.locator('.slide-notes').evaluateAll((all) =>
      all.map((notes) => ({ id: notes.id, heading: notes.querySelector('h2')!.textContent, href: notes.querySelector<HTMLAnchorElement>('.slide-notes-back a')!.href })),
    );
    expect(explained).toHaveLength(COUNT);
    expect(back).toHaveLength(COUNT);
    for (const [i, { id, title }] of slides.entries()) {
      const n = i + 1;
      const there = new URL(explained[i].href);
      expect(explained[i].slide).toBe(`slide-${n}`);
      expect(there.pathname, `slide ${n} links to the explanations page`).toBe(explainedPage.pathname);
      expect(there.hash).toBe(`#${id}`);
      await expect(page.locator(`[id="${id}"]`), `#${id} exists once`).toHaveCount(1);
      expect(back[i]).toEqual({ id, heading: `${n}. ${title}`, href: expect.stringMatching(new RegExp(`/presentation/#slide-${n}$`)) });
    }
    await page.goto('presentation/');
    for (const [i, { title }] of slides.entries()) {
      const target = new URL(back[i].href);
      expect(target.pathname).toBe(new URL(page.url()).pathname);
      const slide = page.locator(`[id="${target.hash.slice(1)}"]`);
      await expect(slide).toHaveCount(1);
      await expect(slide.locator('h2'), 'the slide is shown in the deck, hidden or not').toHaveText(title);
    }
    console.expectNone();
  });

  test('following the links goes to the explanation and back to the same slide', async ({ page }) => {
    const console = watchConsole(page);
    await openDeck(page, '#slide-7');
    await deck(page).active.getByRole('link', { name: /^Explained/ }).click();
    await expect(page).toHaveURL(new RegExp(`/presentation-explained/#${slides[6].id}$`));
    const notes = page.locator(`[id="${slides[6].id}"]`);
    await expect(notes.getByRole('heading', { level: 2 })).toHaveText(`7. ${slides[6].title}`);
    await expect(notes.getByRole('heading', { level: 2 })).toBeInViewport();
    await notes.getByRole('link', { name: /^← Slide 7/ }).click();
    await expect(page).toHaveURL(/\/presentation\/#slide-7$/);
    await expect(page.locator('slide-deck[data-ready]')).toBeAttached();
    await expectSlide(page, 7);
    console.expectNone();
  });

  test('the list of slides links to every explanation', async ({ page }) => {
    await page.goto('presentation-explained/');
    const links = page.getByRole('navigation', { name: `The ${COUNT} slides` }).getByRole('link');
    await expect(links).toHaveText(slides.map((s) => s.title));
    for (const [i, { id }] of slides.entries()) await expect(links.nth(i)).toHaveAttribute('href', `#${id}`);
  });

  test('the math holds no MDX expression left unevaluated', async ({ page }) => {
    for (const path of ['presentation/', 'presentation-explained/']) {
      await page.goto(path);
      const tex = await page.locator('annotation[encoding="application/x-tex"]').allTextContents();
      expect(tex.length, `${path} has math`).toBeGreaterThan(20);
      // `{minus(f.first)}` or `{f.mean}` inside $…$ would reach KaTeX as TeX instead of as a number.
      expect(tex.filter((t) => /\{[A-Za-z_]+[.(]/.test(t)), path).toEqual([]);
    }
  });

  test('the explanations read on a 390 px phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('presentation-explained/');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wide = await page.locator('.katex-display').evaluateAll((all) => all.filter((el) => el.scrollWidth > el.clientWidth).length);
    expect(wide, 'formulas wider than the phone').toBe(0);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every slide reads in order, one after another, with its heading and id', async ({ page }) => {
    await page.goto('presentation/');
    const d = deck(page);
    await expect(d.slides).toHaveCount(COUNT);
    for (const [i, { title }] of slides.entries()) {
      const slide = d.slides.nth(i);
      await expect(slide).toHaveAttribute('id', `slide-${i + 1}`);
      await expect(slide).toBeVisible();
      await expect(slide.getByRole('heading', { level: 2 })).toHaveText(title);
    }
    const tops = await d.slides.evaluateAll((all) => all.map((el) => el.getBoundingClientRect().top));
    tops.slice(1).forEach((top, i) => expect(top, `slide ${i + 2} comes below slide ${i + 1}`).toBeGreaterThan(tops[i]));
    await expect(d.toolbar).toBeHidden();
    await expect(d.root.locator('.katex').first()).toBeVisible();
  });

  test('a link to #slide-N still lands on slide N', async ({ page }) => {
    await page.goto('presentation/#slide-9');
    const slide = page.locator('#slide-9');
    await expect(slide).toBeInViewport();
    const top = await slide.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(150);
  });
});
