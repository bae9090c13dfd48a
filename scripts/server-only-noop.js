// server.ts and vitest load lib/ outside Next's "react-server" build, where the real
// `server-only` marker throws; they resolve it to this empty module instead.
