/**
 * The web front end's build. The app lives in web/ and is served by the API server from dist/web in
 * production; in development `vite` serves it and forwards /api to the API server on port 3000.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Pages (and the signed-in layout) are split per route by React.lazy (web/src/routes.ts), and
        // antd's components follow the pages that use them, so the sign-in page loads no table code.
        // React and the router change rarely: one long-cached chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000' },
    },
  },
});
