/**
 * Records, for every JavaScript file of the client build, whether it contains code from this
 * project's `src/` ("ours") or only from dependencies (Starlight, Pagefind, Expressive Code). The
 * weight-budget test reads it to count only our JavaScript. Written per build output folder to
 * `.astro/chunk-origins/<folder>.json`, outside the deployed site.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const originsFolder = fileURLToPath(new URL('../../.astro/chunk-origins/', import.meta.url));
const sourceRoot = fileURLToPath(new URL('../', import.meta.url));

/** File name (relative to the site's root) → the project modules bundled into it. */
export type ChunkOrigins = Record<string, string[]>;

/** The map for a build output folder such as `dist` or `dist-subpath`. */
export function readChunkOrigins(outputFolder: string): ChunkOrigins {
  return JSON.parse(readFileSync(join(originsFolder, `${basename(outputFolder)}.json`), 'utf8')) as ChunkOrigins;
}

export function chunkOrigins(): Plugin {
  // One map for every bundle of the build (page scripts, and any other client bundle).
  const origins: ChunkOrigins = {};
  let file = '';
  return {
    name: 'chunk-origins',
    apply: 'build',
    configResolved(config) {
      // Astro's client build writes to dist/ (or --outDir); the server build to a folder inside .astro.
      file = join(originsFolder, `${basename(config.build.outDir)}.json`);
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk' || !output.fileName.startsWith('_astro/')) continue;
        origins[output.fileName] = output.moduleIds
          .filter((id) => id.startsWith(sourceRoot) && !id.includes('/node_modules/'))
          .map((id) => id.slice(sourceRoot.length).replace(/\?.*$/, ''));
      }
      if (Object.keys(origins).length === 0) return; // the server build so far: nothing the browser loads
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(origins, null, 1)}\n`);
    },
  };
}
