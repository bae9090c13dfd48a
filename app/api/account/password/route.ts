import { changePassword } from "@/lib/auth/account";
import { changePasswordInput } from "@/lib/core/validation";
import { clientAddress } from "@/lib/http/client-address";
import { route } from "@/lib/http/route";
import { disconnectSessions } from "@/lib/live/realtime";

export const PUT = route({ body: changePasswordInput }, async ({ user, sessionId, body, req }) => {
  const ended = await changePassword({ user, keep: sessionId, address: clientAddress(req.headers) }, body);
  disconnectSessions(ended);
  return { endedSessions: ended.length };
});
