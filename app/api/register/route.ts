import { open, readJson } from "@/lib/http";
import { registerUser } from "@/lib/users";
import { registerInput } from "@/lib/validation";

export const POST = open(async (req) => registerUser(registerInput.parse(await readJson(req))), 201);
