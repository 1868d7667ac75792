import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every relative link in README.md and docs/ leads somewhere: the file exists and, for a
// link into a Markdown file, the #anchor is one of its headings (GitHub's slugs). Moving a
// section from one page to another breaks here, not for the next reader.

const pages = [
  "README.md",
  ...readdirSync("docs", { recursive: true })
    .map((name) => path.join("docs", String(name)))
    .filter((name) => name.endsWith(".md")),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? "")));
}

function brokenLinks(page: string): string[] {
  const text = readFileSync(page, "utf8").replace(/```[\s\S]*?```/g, "");
  const broken: string[] = [];
  for (const [, target = ""] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue; // http(s):, mailto:
    const [file = "", anchor] = target.split("#");
    const resolved = file ? path.join(path.dirname(page), file) : page;
    if (!existsSync(resolved)) broken.push(`${target} (no ${resolved})`);
    else if (anchor && statSync(resolved).isFile() && resolved.endsWith(".md")) {
      if (!anchors(resolved).has(anchor)) broken.push(`${target} (no heading #${anchor})`);
    }
  }
  return broken;
}

describe("links in README.md and docs/", () => {
  it.each(pages)("%s links only to files and headings that exist", (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});
