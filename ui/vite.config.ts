import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// The Tauri shell embeds ui/dist and serves it under a strict CSP
// (default-src 'self'; font-src 'self' data:; img-src 'self' data:), so:
// relative base, every asset emitted as a file (no inlining), no preload polyfill script.
export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  server: {
    // The string catalogues live in ../assets/i18n, shared with the Rust side.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
