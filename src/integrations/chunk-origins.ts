/**
 * Records, for every JavaScript file of the client build, whether it contains code from this
 * project's `src/` ("ours") or only from dependencies (Starlight, Pagefind, Expressive Code). The
 * weight-budget test reads it to count only our JavaScript. Written to `.astro/chunk-origins.json`,
 * outside the deployed site.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const chunkOriginsFile = fileURLToPath(new URL('../../.astro/chunk-origins.json', import.meta.url));
const sourceRoot = fileURLToPath(new URL('../', import.meta.url));

/** File name (relative to the site's root) → the project modules bundled into it. */
export type ChunkOrigins = Record<string, string[]>;

export function readChunkOrigins(): ChunkOrigins {
  return JSON.parse(readFileSync(chunkOriginsFile, 'utf8')) as ChunkOrigins;
}

export function chunkOrigins(): Plugin {
  // One map for every bundle of the build (page scripts, and any other client bundle).
  const origins: ChunkOrigins = {};
  return {
    name: 'chunk-origins',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk' || !output.fileName.startsWith('_astro/')) continue;
        origins[output.fileName] = output.moduleIds
          .filter((id) => id.startsWith(sourceRoot) && !id.includes('/node_modules/'))
          .map((id) => id.slice(sourceRoot.length).replace(/\?.*$/, ''));
      }
      if (Object.keys(origins).length === 0) return; // the server build so far: nothing the browser loads
      mkdirSync(fileURLToPath(new URL('.', `file://${chunkOriginsFile}`)), { recursive: true });
      writeFileSync(chunkOriginsFile, `${JSON.stringify(origins, null, 1)}\n`);
    },
  };
}
