import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './src/main/shell/content-security-policy';

// The CSP meta tag is filled from the same constant the shell sends as a
// header, so the two cannot disagree.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'countersign-csp',
    transformIndexHtml: (html) => html.replace('%COUNTERSIGN_CSP%', META_CONTENT_SECURITY_POLICY),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [contentSecurityPolicy()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: {
      outDir: 'out/renderer',
      // Minified: the renderer's size is load time (see bench/renderer-load.bench.ts).
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
