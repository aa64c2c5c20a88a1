/** Links to the site's own pages that keep working when the site is served under a sub-path (`BASE_PATH`). */

/** The site's base path, always ending in `/`: `/` or `/batchnorm/`. */
export const basePath = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** The URL of a content page by its id: `index` → `/batchnorm/`, `code` → `/batchnorm/code/`. */
export function pageHref(slug: string, hash = ''): string {
  return `${basePath}${slug === 'index' ? '' : `${slug}/`}${hash ? `#${hash}` : ''}`;
}
