import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Attributes whose value is a URL that the site itself serves. */
const urlAttributes: Record<string, string> = { a: 'href', img: 'src', source: 'src', link: 'href' };

/**
 * Prefixes root-relative links in Markdown (`/code/`) with the site's base path, so that pages
 * written with plain `/…` links keep working when the site is served under a sub-path.
 */
export function rehypeBaseLinks(options: { base: string }) {
  const base = options.base.replace(/\/+$/, '');
  return (tree: Root) => {
    if (base === '') return;
    visit(tree, 'element', (node: Element) => {
      const attribute = urlAttributes[node.tagName];
      if (!attribute) return;
      const value = node.properties[attribute];
      if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return;
      if (value === base || value.startsWith(`${base}/`)) return;
      node.properties[attribute] = base + value;
    });
  };
}
