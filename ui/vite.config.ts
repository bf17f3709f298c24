/// <reference types="vitest/config" />
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// Tauri serves the built `dist/` in production and this dev server (port 1420,
// as `devUrl` in tauri.conf.json says) in development.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_"],
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**"] },
  },
  build: {
    // Tauri renders with WebKit on macOS and Linux.
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
  },
  // Vitest runs in mode "test": load Svelte's browser build, or `mount` is
  // unavailable in component tests.
  resolve: mode === "test" ? { conditions: ["browser"] } : {},
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
    restoreMocks: true,
  },
}));
