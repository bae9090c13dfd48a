// Runs before every page (Next 16's successor of middleware.ts): each page gets a
// Content-Security-Policy with a fresh nonce. Next puts the nonce on its own scripts when it
// finds it in the request's policy, so the page's scripts run and nothing injected does: user
// text is sanitised already (lib/core/markdown.ts), and this is the second wall.
import { NextResponse, type NextRequest } from "next/server";

function policy(nonce: string, secure: boolean): string {
  const production = process.env.NODE_ENV === "production";
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts that Next's nonced scripts load are trusted too. React needs
    // eval only in development, for its error overlay.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    // Charts and bars size their parts with inline style attributes, which nonces do not cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The live room's Socket.IO connection is to this same origin.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = policy(nonce, request.nextUrl.protocol === "https:");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: the API answers JSON with a policy that allows nothing (lib/http/edge.ts), and
  // static files carry no script of their own.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      // Prefetches of a page are not rendered as documents, so they need no nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
