// For load balancers and orchestrators: 200 while this instance can reach its database, 503
// otherwise. Anonymous and cheap; says nothing about any forum.
import { NextResponse } from "next/server";
import { ping } from "@/db/client";
import { errorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await ping();
    return NextResponse.json({ ok: true });
  } catch (error) {
    return errorResponse(error);
  }
}
