/**
 * A strict Content Security Policy for the built site. After the build, every page gets a
 * `<meta http-equiv="Content-Security-Policy">` as the first element of its head, whose
 * `script-src` allows the site's own script files and, by SHA-256 hash, exactly the inline scripts
 * that page contains (Starlight's theme and sidebar scripts, among others): no 'unsafe-inline', no
 * 'unsafe-eval'. The same policies go into `_headers` for hosts that read it (Netlify, Cloudflare
 * Pages), with the directives a <meta> cannot carry.
 *
 * Styles may be inline ('unsafe-inline' in style-src): the charts set theme colours in style
 * attributes, and styles cannot run code.
 *
 * A dedicated worker does not follow its page's policy: it follows the one delivered with its own
 * script (plain static hosts send none). `_headers` gives the playground's worker, which runs the
 * reader's edited code with `new Function`, a policy of its own that allows exactly that and
 * nothing else: 'unsafe-eval' for its script, and no network.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Directives every page shares; `script-src` is added per page. */
export const baseDirectives = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** Policies for worker scripts in `_astro/`, by file name: the playground's worker evaluates code. */
export const workerPolicies: { file: RegExp; policy: string }[] = [
  { file: /^playground\.worker-[\w-]+\.js$/, policy: "default-src 'none'; script-src 'self' 'unsafe-eval'" },
];

/** Directives that only work as an HTTP header, not in a <meta> element. */
const headerOnlyDirectives = ["frame-ancestors 'none'"];

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The `script-src` sources for a page: the site itself plus the hash of every inline script in it. */
export function scriptSources(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
    if (body.trim() === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return ["'self'", ...[...hashes].sort()];
}

/** The policy for a page, as a <meta> carries it. */
export function pagePolicy(html: string): string {
  return [...baseDirectives, `script-src ${scriptSources(html).join(' ')}`].join('; ');
}

/**
 * Adds the page's policy at the top of its <head> (after the charset, which must come first),
 * before any script it governs, replacing any earlier one.
 */
export function withPolicyMeta(html: string): string {
  const cleaned = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(cleaned)}">`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (charset.test(cleaned)) return cleaned.replace(charset, (tag) => `${tag}${meta}`);
  return cleaned.replace(/<head>/i, `<head>${meta}`);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The URL path a built file is served at, under the base path: `code/index.html` → `/base/code/`. */
function servedPath(file: string, root: string, base: string): string {
  const path = relative(root, file).replace(/\\/g, '/').replace(/(^|\/)index\.html$/, '$1');
  return `${base.replace(/\/?$/, '/')}${path}`;
}

export function contentSecurityPolicy(): AstroIntegration {
  let base = '/';
  return {
    name: 'content-security-policy',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const rules: string[] = [];
        const files = htmlFiles(root).sort();
        for (const file of files) {
          const html = withPolicyMeta(readFileSync(file, 'utf8'));
          writeFileSync(file, html);
          const policy = pagePolicy(html);
          rules.push(
            `${servedPath(file, root, base)}\n  Content-Security-Policy: ${[policy, ...headerOnlyDirectives].join('; ')}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin`,
          );
        }
        const assets = join(root, '_astro');
        for (const name of existsSync(assets) ? readdirSync(assets).sort() : []) {
          const worker = workerPolicies.find(({ file }) => file.test(name));
          if (worker) rules.push(`${base.replace(/\/?$/, '/')}_astro/${name}\n  Content-Security-Policy: ${worker.policy}\n  X-Content-Type-Options: nosniff`);
        }
        writeFileSync(join(root, '_headers'), `${rules.join('\n\n')}\n`);
        logger.info(`Content Security Policy added to ${files.length} pages and written to _headers.`);
      },
    },
  };
}
