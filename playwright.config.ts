import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download its browser here: use CHROMIUM_PATH, else the system Chromium, else
// Playwright's own (where one is installed).
const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1360, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The production build (npm run test:e2e builds it first) on a fresh embedded database.
    command: "node dist/server.js",
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "concord-e2e-")),
      NEXTAUTH_URL: baseURL,
      SEED_DEMO: "true",
      // The suite registers a few hundred people, all from 127.0.0.1: far more than one network's
      // real share. The sign-in limits stay at their defaults; e2e/auth/throttle.spec.ts checks
      // every limit at its default on a server of its own.
      REGISTRATIONS_PER_ADDRESS: "1000",
    },
  },
});
