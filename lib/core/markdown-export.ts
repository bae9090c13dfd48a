// User Markdown made safe to copy into another document (the outcome report's Markdown export):
// the same formatting, but raw HTML becomes text that shows as written, and a link or image that
// does not point to http, https or mailto keeps only its words. Another Markdown renderer, which
// may not sanitise as lib/core/markdown.ts does, then has nothing to run.
import type { Html, Nodes, Parents, PhrasingContent, Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";

/** Absolute URLs only on these schemes; a URL without a scheme (a fragment, a path) is harmless text. */
const safeUrl = (url: string) => /^(https?:|mailto:)/i.test(url.trim()) || !/^\s*[a-z][a-z0-9+.-]*:|^\s*\/\//i.test(url);

function neutralise() {
  return (tree: Root) => {
    visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
      if (!parent || index === undefined) return;
      const replace = (nodes: RootContent[]) => {
        parent.children.splice(index, 1, ...(nodes as never[]));
        const next: [typeof SKIP, number] = [SKIP, index + nodes.length];
        return next;
      };
      if (node.type === "html") {
        const text = { type: "text", value: (node as Html).value } as const;
        // HTML between blocks stands in a paragraph of its own; inline HTML is text in its line.
        return replace([parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem" ? { type: "paragraph", children: [text] } : text]);
      }
      if ((node.type === "link" || node.type === "image" || node.type === "definition") && !safeUrl(node.url)) {
        if (node.type === "definition") return replace([]);
        const words: PhrasingContent[] = node.type === "link" ? node.children : [{ type: "text", value: node.alt ?? "" }];
        return replace(words);
      }
    });
  };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(neutralise).use(remarkStringify, { bullet: "-", emphasis: "*" });

export function safeMarkdown(markdown: string): string {
  return String(processor.processSync(markdown)).trimEnd();
}
