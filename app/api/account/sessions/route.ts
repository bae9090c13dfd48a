import { endSessionsOf, listSessions } from "@/lib/auth/sessions";
import { route } from "@/lib/http/route";
import { disconnectSessions } from "@/lib/live/realtime";

export const GET = route({}, async ({ user, sessionId }) => ({ sessions: await listSessions(user.id, sessionId) }));

/** Sign out everywhere: every session of the account ends, this one included. API tokens are not sessions. */
export const DELETE = route({ status: 204 }, async ({ user }) => {
  disconnectSessions(await endSessionsOf(user.id));
});
