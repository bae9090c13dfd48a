import "server-only";
// PGlite on a data directory, made to keep what it commits through a power loss or an OS crash.
//
// PGlite runs PostgreSQL compiled to WebAssembly; Emscripten's NODEFS maps its files onto real
// ones, and NODEFS has no fsync, so PostgreSQL's fsync calls end there (electric-sql/pglite#1107).
// PGlite also starts PostgreSQL with fsync off (-F). A commit thus reached the OS's page cache
// only: it survived a kill of the process, not a power cut. Here NODEFS's fsync flushes the real
// file (Node's fsyncSync), and PostgreSQL runs with fsync on and wal_sync_method=fsync (its Linux
// default, fdatasync, is a no-op in Emscripten that never reaches NODEFS). PostgreSQL then does
// what it does on a real server: it flushes the WAL before a commit returns, and the data files at
// each checkpoint. tests/durability.test.ts checks that a commit reaches fsync.
import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

type EmscriptenOptions = Parameters<NodeFS["init"]>[1];
type Nodefs = {
  stream_ops: { fsync?: (stream: { nfd: number }) => void };
  tryFSOperation<T>(operation: () => T): T;
};

class DurableNodeFS extends NodeFS {
  override async init(pg: Parameters<NodeFS["init"]>[0], options: EmscriptenOptions) {
    const { emscriptenOpts } = await super.init(pg, options);
    const flushing = (mod: { NODEFS: unknown }) => {
      const nodefs = mod.NODEFS as Nodefs;
      nodefs.stream_ops.fsync = (stream) => nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd));
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), flushing] } };
  }
}

/** PGlite's options for a durable data directory. */
export function durableOptions(dataDir: string): PGliteOptions {
  return {
    fs: new DurableNodeFS(dataDir),
    startParams: [...PGlite.defaultStartParams.filter((param) => param !== "-F"), "-c", "wal_sync_method=fsync"],
  };
}

/**
 * Flushes a data directory PGlite has just made to disk, every file and folder of it and its entry
 * in its parent, as initdb does: PGlite writes it without flushing, and PostgreSQL's checkpoints
 * flush only the files it changed since.
 */
export function flushNewDataDir(dataDir: string) {
  flushTree(dataDir);
  flush(path.dirname(dataDir));
}

function flushTree(dir: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) flushTree(entryPath);
    else if (entry.isFile()) flush(entryPath);
  }
  flush(dir);
}

function flush(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
