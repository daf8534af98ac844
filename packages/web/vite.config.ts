// Builds the approver console into dist/; the API's address comes from VITE_API_URL at build time.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where `npm run dev` forwards API calls when VITE_API_URL is empty: the local system (`npm start`). */
const LOCAL_API = process.env.CONSOLE_DEV_API ?? "http://127.0.0.1:3000";
// Written out, not read from core's route table: Vite loads this file with Node, which cannot import core's
// TypeScript sources. src/api/devProxy.test.ts checks the list against the route table.
const API_PATHS = [
  "/health",
  "/patterns",
  "/alerts",
  "/approvals",
  "/approve",
  "/stats",
  "/bars",
  "/keys",
  "/openapi.json",
  "/docs",
];

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset paths: the same build works at the API's origin root and behind a CDN.
  base: "./",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: { proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: LOCAL_API }])) },
});
