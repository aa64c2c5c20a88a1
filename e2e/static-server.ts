/**
 * A plain static file server for the built site, like a typical static host: files from a folder
 * under a base path, `index.html` for directories, `404.html` for anything else, and gzip for text
 * when the browser accepts it (as GitHub Pages, Netlify and Cloudflare do), so that measured
 * transfer sizes are the real ones. Usage: node e2e/static-server.ts <dir> <port> [base]
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { createGzip } from 'node:zlib';

const [dir = 'dist', port = '4400', base = '/'] = process.argv.slice(2);
const root = resolve(dir);
const prefix = base.endsWith('/') ? base : `${base}/`;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
  '.gz': 'application/gzip',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

/** The file for a URL path, or null when there is none. */
function fileFor(pathname: string): string | null {
  if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return null;
  const relative = decodeURIComponent(pathname.slice(prefix.length - 1));
  const path = normalize(join(root, relative));
  if (!path.startsWith(root)) return null;
  for (const candidate of [path, join(path, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there: try the next candidate
    }
  }
  return null;
}

createServer((request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  // Directories without their trailing slash redirect, as static hosts do.
  if (!pathname.endsWith('/') && !extname(pathname) && fileFor(`${pathname}/`)) {
    response.writeHead(301, { location: `${pathname}/` }).end();
    return;
  }
  const file = fileFor(pathname);
  const status = file ? 200 : 404;
  const path = file ?? join(root, '404.html');
  const type = types[extname(path)] ?? 'application/octet-stream';
  const compress = /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  response.writeHead(status, { 'content-type': type, vary: 'accept-encoding', ...(compress ? { 'content-encoding': 'gzip' } : {}) });
  const body = createReadStream(path);
  if (compress) body.pipe(createGzip()).pipe(response);
  else body.pipe(response);
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`Serving ${root} at http://127.0.0.1:${port}${prefix}`);
});
