import type { ReactNode } from "react";

/**
 * The small part of Markdown the methods documents under docs/ use, turned into elements: headings
 * (#, ##, ###, with ids for links), paragraphs, bullet and numbered lists (continuation lines
 * indented), fenced code, and inline `code`, **bold** and *italic*. Anything else shows as text:
 * the documents are ours, and a counselor reads the same words as a developer on GitHub.
 */
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string; id: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "code"; text: string };

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) body.push(lines[i]!);
      i++;
      blocks.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      const text = heading[2]!.trim();
      blocks.push({ kind: "heading", level: heading[1]!.length as 1 | 2 | 3, text, id: slug(text) });
      i++;
      continue;
    }
    const item = /^(-|\d+\.)\s+/;
    if (item.test(line)) {
      const ordered = line[0] !== "-";
      const items: string[] = [];
      while (i < lines.length && (item.test(lines[i]!) || (/^\s+\S/.test(lines[i]!) && items.length > 0))) {
        if (item.test(lines[i]!)) items.push(lines[i]!.replace(item, ""));
        else items[items.length - 1] += ` ${lines[i]!.trim()}`;
        i++;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    const text: string[] = [];
    for (; i < lines.length && lines[i]!.trim() !== "" && !/^(#{1,3}\s|```|-\s|\d+\.\s)/.test(lines[i]!); i++) text.push(lines[i]!.trim());
    blocks.push({ kind: "paragraph", text: text.join(" ") });
  }
  return blocks;
}

/** `code`, **bold** and *italic* inside a line of text. */
export function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g).map((part, i) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) return <code key={i} className="rounded bg-canvas px-1 text-[0.9em]">{part.slice(1, -1)}</code>;
    if (part.startsWith("**") && part.endsWith("**") && part.length > 3) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith("*") && part.endsWith("*") && part.length > 2) return <em key={i}>{part.slice(1, -1)}</em>;
    return part;
  });
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="max-w-3xl space-y-3 text-sm leading-6">
      {parseMarkdown(source).map((b, i) => {
        if (b.kind === "heading") {
          const H = b.level === 1 ? "h1" : b.level === 2 ? "h2" : "h3";
          const size = b.level === 1 ? "text-2xl font-semibold tracking-tight" : b.level === 2 ? "pt-4 text-lg font-semibold" : "pt-2 text-base font-semibold";
          return (
            <H key={i} id={b.id} className={size}>
              {inline(b.text)}
            </H>
          );
        }
        if (b.kind === "code") return <pre key={i} className="overflow-x-auto rounded-md border border-line bg-canvas p-3 text-xs">{b.text}</pre>;
        if (b.kind === "list") {
          const L = b.ordered ? "ol" : "ul";
          return (
            <L key={i} className={`${b.ordered ? "list-decimal" : "list-disc"} space-y-1 pl-6`}>
              {b.items.map((item, j) => (
                <li key={j}>{inline(item)}</li>
              ))}
            </L>
          );
        }
        return <p key={i}>{inline(b.text)}</p>;
      })}
    </div>
  );
}
