/**
 * The site's source repository, set in this one place: the GitHub page, Starlight's social link
 * and every "Edit page" link read it. REPOSITORY_URL overrides it; in GitHub Actions the
 * repository the build runs in (GITHUB_REPOSITORY) is used, so forks link to themselves.
 */
const defaultUrl = 'https://github.com/learn-batchnorm/batchnorm';

function fromEnvironment(): string | undefined {
  if (typeof process === 'undefined') return undefined;
  if (process.env.REPOSITORY_URL) return process.env.REPOSITORY_URL;
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  return process.env.GITHUB_REPOSITORY ? `${server}/${process.env.GITHUB_REPOSITORY}` : undefined;
}

export const repository = {
  url: (fromEnvironment() ?? defaultUrl).replace(/\/+$/, ''),
  /** The branch that "Edit page" links open. */
  branch: 'main',
};

/** Where Starlight's "Edit page" links start: the page's file path is appended. */
export const editBaseUrl = `${repository.url}/edit/${repository.branch}/`;
