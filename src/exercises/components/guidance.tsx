import type { GuidanceBlock } from "../schemas";

/** The exercise's guidance as plain paragraphs and lists: no HTML from content files. */
export function Guidance({ blocks }: { blocks: readonly GuidanceBlock[] }) {
  return (
    <div className="space-y-3 text-base leading-relaxed text-ink">
      {blocks.map((block, i) =>
        block.type === "p" ? (
          <p key={i}>{block.text}</p>
        ) : (
          <ul key={i} className="list-disc space-y-1 ps-5">
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
