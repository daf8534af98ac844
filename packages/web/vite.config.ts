// Builds the approver console into dist/; the API's address comes from VITE_API_URL at build time.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset paths: the same build works at the API's origin root and behind a CDN.
  base: "./",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
