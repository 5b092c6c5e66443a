import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    // The API (Hono) runs on :8080 in development (GRIDATLAS_API_URL to point elsewhere);
    // the built app is served by the API itself.
    proxy: { '/api': process.env.GRIDATLAS_API_URL ?? 'http://localhost:8080' },
  },
  build: {
    outDir: 'dist',
    // MapLibre alone is ~1 MB minified; the warning would only repeat that.
    chunkSizeWarningLimit: 2500,
  },
});
