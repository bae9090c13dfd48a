import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/core/markdown";

const hostile: [string, string][] = [
  ["a script tag", "<script>alert(1)</script>"],
  ["a script tag inside Markdown", "**bold** <script src=//evil.example/x.js></script>"],
  ["a javascript: link", "[click](javascript:alert(1))"],
  ["an encoded javascript: link", "[click](jav&#x09;ascript:alert(1))"],
  ["an event handler attribute", '<img src=x onerror="alert(1)">'],
  ["an SVG with onload", '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ["an SVG with a script", "<svg><script>alert(1)</script></svg>"],
  ["an iframe", '<iframe src="https://evil.example"></iframe>'],
  ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["a style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
  ["an image", "![tracker](https://evil.example/pixel.png)"],
];

describe("renderMarkdown", () => {
  it("renders the Markdown a delegate writes", () => {
    const html = renderMarkdown("A **policy** and a *technical* contact:\n\n- one\n- two\n\n[OSCE](https://www.osce.org)");
    expect(html).toContain("<strong>policy</strong>");
    expect(html).toContain("<em>technical</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://www.osce.org" rel="nofollow noopener noreferrer">OSCE</a>');
  });

  it.each(hostile)("leaves nothing executable from %s", (_, input) => {
    const html = renderMarkdown(input);
    expect(html).not.toMatch(/<(script|svg|iframe|img|style)\b/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/style=/i);
  });
});
