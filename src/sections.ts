/**
 * The site's sections in the order of the original page. The sidebar shows a section only
 * once its page exists in `content/`, so there are never placeholder pages.
 */
export interface Section {
  /** Content entry id: the file name in `content/` without its extension (`index` is the home page). */
  slug: string;
  label: string;
}

export const sections: readonly Section[] = [
  { slug: 'index', label: 'Introduction' },
  { slug: 'internal-covariate-shift', label: 'Internal Covariate Shift' },
  { slug: 'history', label: 'History' },
  { slug: 'code', label: 'Code' },
  { slug: 'presentation', label: 'Class Presentation' },
  { slug: 'presentation-explained', label: 'Presentation Explained' },
  { slug: 'tutorial', label: 'Tutorial' },
  { slug: 'github', label: 'GitHub' },
];
