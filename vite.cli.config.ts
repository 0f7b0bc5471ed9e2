import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Builds the `usp-console` command (CLI, headless server, simulator) for plain Node.
// Dependencies stay external: they are loaded from node_modules at run time.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'src/main/cli/index.ts'),
    outDir: 'out/cli',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
});
