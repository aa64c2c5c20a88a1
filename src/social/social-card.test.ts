import { describe, expect, it } from 'vitest';
import { socialCardTags } from './social-card.ts';

describe('socialCardTags', () => {
  it('adds no tags when the site’s origin is unknown, since previews need an absolute address', () => {
    expect(socialCardTags(undefined, '/')).toEqual([]);
  });

  it('points at the card under the base path, with or without its trailing slash', () => {
    for (const base of ['/batchnorm/', '/batchnorm']) {
      const image = socialCardTags('https://example.org', base).find((tag) => tag.attrs.property === 'og:image');
      expect(image?.attrs.content).toBe('https://example.org/batchnorm/social-card.png');
    }
    const twitter = socialCardTags('https://example.org/', '/').find((tag) => tag.attrs.name === 'twitter:image');
    expect(twitter?.attrs.content).toBe('https://example.org/social-card.png');
  });
});
