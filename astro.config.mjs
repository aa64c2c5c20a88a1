// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { buildSidebar } from './src/sidebar.ts';
import { rehypeBaseLinks } from './src/markdown/rehype-base-links.ts';
import { rehypeFocusableMath } from './src/markdown/rehype-focusable-math.ts';
import { editBaseUrl, repository } from './src/repository.ts';
import { contentSecurityPolicy } from './src/integrations/content-security-policy.ts';
import { chunkOrigins } from './src/integrations/chunk-origins.ts';
import { socialCardTags } from './src/social/social-card.ts';

/**
 * Where the site is deployed, from the environment, so one source tree builds for any host:
 *   SITE_URL   the origin, e.g. https://example.github.io (used for canonical URLs and the sitemap)
 *   BASE_PATH  the sub-path the site is served under, e.g. /batchnorm/ (default: /)
 */
const site = process.env.SITE_URL || undefined;
const base = process.env.BASE_PATH || '/';

/** Only sections whose pages exist appear in the sidebar (see src/sidebar.ts). */
const sidebar = buildSidebar(new URL('./content/', import.meta.url));

export default defineConfig({
  site,
  base,
  build: { inlineStylesheets: 'always' },
  vite: {
    plugins: [chunkOrigins()],
    // The playground imports these only on Edit; listed here, `npm run dev` prepares them at start
    // instead of discovering them on the first Edit and reloading the page.
    optimizeDeps: {
      include: ['@codemirror/commands', '@codemirror/lang-javascript', '@codemirror/language', '@codemirror/state', '@codemirror/view', '@lezer/highlight', 'sucrase'],
    },
  },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }], rehypeFocusableMath, [rehypeBaseLinks, { base }]],
    }),
  },
  integrations: [
    contentSecurityPolicy(),
    starlight({
      title: 'Batch Normalization',
      description:
        'Learn Batch Normalization (Ioffe & Szegedy, 2015) with examples that run in the page: the math, the code, its history and a tutorial.',
      sidebar,
      social: [{ icon: 'github', label: 'Source code on GitHub', href: repository.url }],
      editLink: { baseUrl: editBaseUrl },
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css', './src/styles/islands.css'],
      lastUpdated: false,
      head: socialCardTags(site, base),
    }),
  ],
});
