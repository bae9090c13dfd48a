import { registerUser } from "@/lib/auth/users";
import { registerInput } from "@/lib/core/validation";
import { publicRoute } from "@/lib/http/route";

export const POST = publicRoute({ body: registerInput, status: 201 }, ({ body }) => registerUser(body));
