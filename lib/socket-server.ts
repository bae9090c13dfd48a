import "server-only";
// The Socket.IO side of server.ts: authenticates each connection from the next-auth session
// cookie and lets a socket into a forum's room only when its user is a member.
import type { Server as HttpServer } from "node:http";
import { getToken } from "next-auth/jwt";
import { Server } from "socket.io";
import { getDb } from "@/db/client";
import { forums } from "@/db/schema";
import { eq } from "drizzle-orm";
import { sessionCookieName } from "./auth";
import { forumRoom } from "./events";
import { isMember } from "./members";
import { setIo, type ConcordIo } from "./realtime";
import { getUser } from "./users";
import { joinRoomPayload } from "./validation";

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie is not ours; ignore it.
    }
  }
  return cookies;
}

export function attachSocketServer(httpServer: HttpServer): ConcordIo {
  const io: ConcordIo = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

  io.use(async (socket, next) => {
    try {
      const cookies = parseCookies(socket.handshake.headers.cookie);
      // next-auth's getToken reads req.cookies, never the raw header.
      const token = await getToken({
        req: { cookies, headers: socket.handshake.headers } as never,
        secret: process.env.NEXTAUTH_SECRET,
        cookieName: sessionCookieName(),
      });
      const user = token?.sub ? await getUser(token.sub) : null;
      if (!user) return next(new Error("unauthenticated"));
      socket.data.userId = user.id;
      next();
    } catch (error) {
      console.error("Socket authentication failed", error);
      next(new Error("unauthenticated"));
    }
  });

  io.on("connection", (socket) => {
    socket.on("forum:join", async (payload, ack) => {
      if (typeof ack !== "function") return;
      const parsed = joinRoomPayload.safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: "forumId must be a forum id." });
      try {
        const { forumId } = parsed.data;
        if (!(await isMember(getDb(), forumId, socket.data.userId))) {
          return ack({ ok: false, error: "Forum was not found." });
        }
        await socket.join(forumRoom(forumId));
        const [forum] = await getDb().select({ seq: forums.seq }).from(forums).where(eq(forums.id, forumId));
        ack({ ok: true, seq: forum?.seq ?? 0 });
      } catch (error) {
        console.error("forum:join failed", error);
        ack({ ok: false, error: "The server could not join you to the forum; try again." });
      }
    });
    socket.on("forum:leave", (payload) => {
      const parsed = joinRoomPayload.safeParse(payload);
      if (parsed.success) void socket.leave(forumRoom(parsed.data.forumId));
    });
  });

  setIo(io);
  return io;
}
