import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
/** Fonts (woff2 is compressed already) and images gain nothing from a second pass. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this the headers cost more than the saving. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` next to every text file of the build, at the highest
 * levels: it runs once per build, and the server (apps/api/src/lib/web-delivery.ts) then
 * sends the bytes as they are instead of compressing each response.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'dialdeck-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
        .filter((f) => f.isFile() && COMPRESSIBLE.test(f.name))
        .map((f) => path.join(f.parentPath, f.name));
      await Promise.all(
        files.map(async (file) => {
          const data = await readFile(file);
          if (data.length < MIN_BYTES) return;
          const [br, gzipped] = await Promise.all([
            brotli(data, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gz(data, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        // Only what every page (the login page included) needs is grouped; the other libraries
        // stay with the lazily loaded route chunks that use them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            {
              name: 'vendor',
              // zod's messages per language stay out: i18n-setup.ts loads only the active one.
              // src/lib/zod-jitless.ts goes with zod itself: chunks shared between routes are
              // evaluated before main.tsx's own code, and zod must be told before any parse.
              test: (id: string) =>
                (/node_modules[\\/](@tanstack|i18next|react-i18next|zod|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/.test(
                  id,
                ) &&
                  !/[\\/]zod[\\/]v4[\\/]locales[\\/]/.test(id)) ||
                /[\\/]src[\\/]lib[\\/]zod-jitless\.ts$/.test(id),
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      // The API lives on the same origin in production; in dev we forward to it.
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
