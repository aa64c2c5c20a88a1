import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slideAnchor, slideById, slideNumberFromHash, slides } from '../slides.ts';

/** A page of the site, as the MDX source text. */
function page(name: string): string {
  return readFileSync(new URL(`../../../content/${name}.mdx`, import.meta.url), 'utf8');
}

/** The literal ids of every `<Tag id="…">` in the text, in order; fails if a tag has no literal id. */
function tagIds(text: string, tag: string): string[] {
  const opening = new RegExp(`<${tag}[\\s>/]`, 'g');
  const withId = new RegExp(`<${tag}\\s+id="([^"]+)"`, 'g');
  const ids = [...text.matchAll(withId)].map((match) => match[1]);
  expect(ids.length, `every <${tag}> has a literal id="…" as its first attribute`).toBe(text.match(opening)?.length ?? 0);
  return ids;
}

const ids = slides.map((slide) => slide.id);

describe('the list of slides', () => {
  it('has 14 to 18 slides with unique, URL-friendly ids and titles', () => {
    expect(slides.length).toBeGreaterThanOrEqual(14);
    expect(slides.length).toBeLessThanOrEqual(18);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id, title } of slides) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      // A slide id is its explanation's anchor, so it must not look like a deck anchor.
      expect(id).not.toMatch(/^slide-\d+$/);
      expect(title.trim()).toBe(title);
      expect(title.length).toBeGreaterThan(0);
    }
  });

  it('numbers the slides from 1 in list order', () => {
    slides.forEach(({ id, title }, i) => {
      expect(slideById(id)).toEqual({ id, title, number: i + 1, anchor: `slide-${i + 1}` });
    });
    expect(slideAnchor(7)).toBe('slide-7');
  });

  it('refuses an unknown id, so a typo in a page fails the build', () => {
    expect(() => slideById('algoritm-1')).toThrow(/Unknown slide id 'algoritm-1'/);
  });

  it('reads a slide number from a URL hash, and nothing else', () => {
    expect(slideNumberFromHash('#slide-1', 17)).toBe(1);
    expect(slideNumberFromHash('#slide-17', 17)).toBe(17);
    expect(slideNumberFromHash('slide-3', 17)).toBe(3);
    for (const hash of ['', '#', '#slide-0', '#slide-18', '#slide-07', '#slide-2x', '#slide--1', '#slide-', '#notes-2', '#Slide-2', '#slide-1e1']) {
      expect(slideNumberFromHash(hash, 17), hash).toBeNull();
    }
  });
});

describe('the two presentation pages', () => {
  const deck = page('presentation');
  const notes = page('presentation-explained');

  it('the deck has exactly the listed slides, in order', () => {
    expect(tagIds(deck, 'Slide')).toEqual(ids);
  });

  it('the explanations have exactly the listed slides, in order', () => {
    expect(tagIds(notes, 'SlideNotes')).toEqual(ids);
  });

  it('cross-references name listed slides', () => {
    const references = [...tagIds(deck, 'SlideRef'), ...tagIds(notes, 'SlideRef')];
    expect(references.length).toBeGreaterThan(0);
    for (const id of references) expect(ids).toContain(id);
  });

  it('neither page writes a slide number by hand', () => {
    // Numbers come from the list: no "slide 7" or "#slide-7" typed into the text.
    for (const text of [deck, notes]) expect(text).not.toMatch(/#slide-\d|\bslides? \d+\b/i);
  });
});
