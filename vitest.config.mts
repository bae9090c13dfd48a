import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // lib/ marks itself server-only; tests run it in plain Node, where that marker throws.
      "server-only": path.join(import.meta.dirname, "scripts/server-only-noop.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
