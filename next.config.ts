import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of wasm and data files; bundling it would copy them into the public
  // static folder. pg and the Redis client are server-only too.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
