// Starts the production server (dist/server.js) as a child process on its own port and data
// directory, for tests about the process itself: restarts, locks, signals.
import { spawn, type ChildProcess } from "node:child_process";

export type RunningServer = { child: ChildProcess; url: string; output: () => string };
export type ServerProcess = RunningServer & {
  /** Resolves once the server has printed `text`; rejects if it exits first or takes over a minute. */
  printed(text: string): Promise<void>;
};

/** Spawns the server without waiting for it: for tests that act while it starts. */
export function spawnServer(env: Record<string, string>, port: number): ServerProcess {
  let output = "";
  const child = spawn(process.execPath, ["dist/server.js"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  async function printed(text: string) {
    const deadline = Date.now() + 60_000;
    while (!output.includes(text)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before printing "${text}":\n${output}`);
      }
      if (Date.now() > deadline) throw new Error(`server did not print "${text}" within a minute:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { child, url: `http://localhost:${port}`, output: () => output, printed };
}

export async function startServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const server = spawnServer(env, port);
  try {
    await server.printed("Concord is listening");
  } catch (error) {
    server.child.kill("SIGKILL");
    throw error;
  }
  return server;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
