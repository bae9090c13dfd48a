// User text is Markdown; this turns it into HTML that is safe to put on a page. marked parses,
// sanitize-html removes everything outside a small allow-list (no raw HTML, scripts, event
// handlers, styles or javascript: links survive).
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }),
  },
};
policy.allowedAttributes = { ...policy.allowedAttributes, a: ["href", "title", "rel"] };

export function renderMarkdown(text: string): string {
  return sanitizeHtml(marked.parse(text) as string, policy);
}
