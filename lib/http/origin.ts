import "server-only";
import { headers } from "next/headers";

/** This site's origin as the browser sees it, for links people copy (join links). */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return process.env.NEXTAUTH_URL ?? "";
  const proto = h.get("x-forwarded-proto") ?? (process.env.NEXTAUTH_URL?.startsWith("https") ? "https" : "http");
  return `${proto}://${host}`;
}
