/**
 * The Class Presentation's slides in order: the one source of their numbers, anchors and titles.
 * The deck (`content/presentation.mdx`) and its notes (`content/presentation-explained.mdx`) both
 * look their slides up here by id, so inserting or moving a slide renumbers both pages at once.
 */

export interface SlideEntry {
  /** A stable name for the slide, also the anchor of its explanation: `algorithm-1`. */
  id: string;
  title: string;
}

export const slides = [
  { id: 'title', title: 'Batch Normalization' },
  { id: 'hard-to-train', title: 'Why deep networks are hard to train' },
  { id: 'internal-covariate-shift', title: 'Internal covariate shift' },
  { id: 'the-idea', title: 'The idea: normalize each feature over the mini-batch' },
  { id: 'algorithm-1', title: 'Algorithm 1: the Batch Normalizing Transform' },
  { id: 'gamma-beta', title: 'γ and β: the layer can undo the normalization' },
  { id: 'numpy-code', title: 'The original NumPy code' },
  { id: 'in-a-network', title: 'Where it goes in a network' },
  { id: 'inference', title: 'Training vs. inference' },
  { id: 'backward', title: 'The backward pass' },
  { id: 'convolutional', title: 'Convolutional layers: one mean per channel' },
  { id: 'results', title: 'What the paper reports' },
  { id: 'why-it-works', title: 'Why does it work? An open debate' },
  { id: 'pitfalls', title: 'Pitfalls' },
  { id: 'alternatives', title: 'Alternatives: Layer, Group and RMS Norm' },
  { id: 'summary', title: 'Summary' },
  { id: 'references', title: 'References' },
] as const satisfies readonly SlideEntry[];

export type SlideId = (typeof slides)[number]['id'];

/** A slide with its place in the deck. */
export interface NumberedSlide extends SlideEntry {
  /** 1 for the first slide. */
  number: number;
  /** The id of the slide's section in the deck, also its URL hash there: `slide-5`. */
  anchor: string;
}

/** The anchor of slide number `n` in the deck: `slide-5`. */
export function slideAnchor(n: number): string {
  return `slide-${n}`;
}

/** The slide number in a deck URL hash (`#slide-5` → 5), or null if it names none of the `count` slides. */
export function slideNumberFromHash(hash: string, count: number): number | null {
  const match = /^#?slide-([1-9][0-9]*)$/.exec(hash);
  if (!match) return null;
  const n = Number(match[1]);
  return n <= count ? n : null;
}

/** Looks a slide up by id; an unknown id is a typo in a page and fails the build. */
export function slideById(id: string): NumberedSlide {
  const index = slides.findIndex((slide) => slide.id === id);
  if (index < 0) throw new Error(`Unknown slide id '${id}': add it to src/presentation/slides.ts, or fix the typo.`);
  return { ...slides[index], number: index + 1, anchor: slideAnchor(index + 1) };
}
