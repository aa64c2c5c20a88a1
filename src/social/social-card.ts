/**
 * The image that link previews show for every page (drawn by record-social-card.ts into public/),
 * and the head tags that point to it. Previews need an absolute address, so the tags are only
 * added when the site's origin is known (SITE_URL).
 */

export const SOCIAL_CARD = {
  file: 'social-card.png',
  width: 1200,
  height: 630,
  alt: 'Batch Normalization: the formula x̂ = (x − μ) / √(σ² + ε), and a histogram of a feature before and after Batch Norm.',
} as const;

/** A `<meta>` element as Starlight's `head` option takes it. */
interface MetaTag {
  tag: 'meta';
  attrs: Record<string, string>;
}

/** The Open Graph and Twitter tags for the card at `site` + `base`, or none without a site. */
export function socialCardTags(site: string | undefined, base: string): MetaTag[] {
  if (!site) return [];
  const image = new URL(`${base.replace(/\/?$/, '/')}${SOCIAL_CARD.file}`, site).href;
  const meta = (attrs: Record<string, string>): MetaTag => ({ tag: 'meta', attrs });
  return [
    meta({ property: 'og:image', content: image }),
    meta({ property: 'og:image:width', content: String(SOCIAL_CARD.width) }),
    meta({ property: 'og:image:height', content: String(SOCIAL_CARD.height) }),
    meta({ property: 'og:image:alt', content: SOCIAL_CARD.alt }),
    meta({ name: 'twitter:image', content: image }),
    meta({ name: 'twitter:image:alt', content: SOCIAL_CARD.alt }),
  ];
}
