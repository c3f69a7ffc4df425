import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In dev the backend runs separately; everything it serves is proxied so the app uses same-origin URLs.
const backendUrl = process.env.BACKEND_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/hooks', '/healthz', '/readyz'].map((prefix) => [
        prefix,
        { target: backendUrl, changeOrigin: true },
      ]),
    ),
  },
});
