import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The UI lives in ui/; Tauri serves ui/dist (tauri.conf.json build.frontendDist).
export default defineConfig({
  root: "ui",
  plugins: [svelte({ configFile: "../svelte.config.js" }), svelteTesting()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "safari15" },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
