import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config';

// Dev-only build of the UI with a fake backend (src/dev/fakeBackend.ts installed through mockIPC),
// so the screens can be looked at in a plain browser. Never shipped: output goes to dist-preview/.
export default mergeConfig(
  base,
  defineConfig({
    build: {
      outDir: 'dist-preview',
      rollupOptions: { input: 'preview.html' },
    },
  }),
);
