import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Makes every display equation focusable. A wide equation scrolls sideways on a narrow screen
 * (see site.css), and a scrolling region must be reachable from the keyboard to be scrolled.
 * Runs after rehype-katex, on the `.katex-display` elements it creates.
 */
export function rehypeFocusableMath() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const className = node.properties.className;
      if (Array.isArray(className) && className.includes('katex-display')) node.properties.tabIndex = 0;
    });
  };
}
