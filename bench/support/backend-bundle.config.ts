import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The backend bundled as the app's main process is (electron-vite's main
// build: dependencies external, our code in one bundle), with a bench driver
// as its entry instead of the Electron shell: bench/memory.bench.ts and
// bench/startup.bench.ts.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(__dirname, '../../out/bench'),
      emptyOutDir: true,
      rollupOptions: {
        input: { 'memory-backend': resolve(__dirname, 'memory-backend.ts'), 'startup-backend': resolve(__dirname, 'startup-backend.ts') },
      },
    },
  },
});
