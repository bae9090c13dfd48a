import { limitRegistration } from "@/lib/auth/throttle";
import { signUp } from "@/lib/auth/users";
import { registerInput } from "@/lib/core/validation";
import { publicRoute } from "@/lib/http/route";

export const POST = publicRoute({ body: registerInput, status: 201, limit: limitRegistration }, ({ body }) => signUp(body));
