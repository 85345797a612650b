import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The bundler moves code that both the first page and the lazily loaded admin pages use
        // into a common chunk and names it after its first module. Call it what it is.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => /node_modules[\\/]react-dom[\\/]/.test(id)) ? "assets/common-[hash].js" : "assets/[name]-[hash].js",
      },
    },
  },
  server: {
    // The web app imports the zod schemas from ../schemas, which is outside the Vite root.
    fs: { allow: [repoRoot] },
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
