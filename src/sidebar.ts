/**
 * The sidebar, built from the sections in `sections.ts` and the pages that exist in `content/`:
 * a section appears once its page (`content/<slug>.mdx`) or its folder of pages
 * (`content/<slug>/index.mdx` and others) exists; a folder becomes a group, ordered by each page's
 * `sidebar.order`. (Starlight's autogenerate only reads its default src/content/docs folder.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sections } from './sections.ts';

export type SidebarItem = { slug: string; label: string } | { label: string; items: { slug: string; label: string }[] };

/** A page's sidebar label and order, from its frontmatter. */
function pageEntry(contentRoot: URL, folder: string, file: string): { slug: string; label: string; order: number } {
  const frontmatter = readFileSync(new URL(`${folder}/${file}`, contentRoot), 'utf8').split('---')[1] ?? '';
  const field = (name: string) => frontmatter.match(new RegExp(`^\\s*${name}:\\s*"?(.*?)"?\\s*$`, 'm'))?.[1];
  const name = file.replace(/\.mdx?$/, '');
  return {
    slug: name === 'index' ? folder : `${folder}/${name}`,
    label: field('label') ?? field('title') ?? name,
    order: Number(field('order') ?? Number.POSITIVE_INFINITY),
  };
}

/** The sidebar for the pages under `contentRoot` (a URL ending in `/`). */
export function buildSidebar(contentRoot: URL): SidebarItem[] {
  const exists = (path: string) => existsSync(new URL(path, contentRoot));
  return sections.flatMap(({ slug, label }): SidebarItem[] => {
    if (exists(`${slug}/index.mdx`)) {
      const items = readdirSync(new URL(`${slug}/`, contentRoot))
        .filter((file) => /^[^_].*\.mdx?$/.test(file))
        .map((file) => pageEntry(contentRoot, slug, file))
        .sort((a, b) => a.order - b.order)
        .map(({ slug: page, label: text }) => ({ slug: page, label: text }));
      return [{ label, items }];
    }
    return ['md', 'mdx'].some((ext) => exists(`${slug}.${ext}`)) ? [{ slug, label }] : [];
  });
}
