/**
 * Finds the references in the repository's text and checks that each resolves inside it: `docs/...` paths with
 * an optional `#anchor`, "Decision N", "§ Heading" citations, relative Markdown links, and nothing that points
 * outside the repository. Used by test/docs/references.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, isAbsolute, join, resolve } from "node:path";

/** The folders and root files whose text is checked. */
export const SCANNED = ["sandbox", "client", "scripts", "test", "bench", "openapi", "docs", "contracts", "examples", "README.md", "package.json"];
/** Files whose text is read: code, specs, docs. */
const EXTENSIONS = new Set([".ts", ".mts", ".mjs", ".js", ".json", ".yaml", ".yml", ".md"]);
/** Never read: installed and built files, and the checker itself, which spells out the patterns it looks for. */
const SKIPPED = ["node_modules", "dist", "test/support/references.ts", "test/docs/references.test.ts"];

/** Where the numbered decisions live; "Decision N" must name one of its headings. */
export const DECISIONS_DOC = "docs/domain/decisions.md";

/** A reference that does not resolve, with where it was found. */
export interface Problem {
  file: string;
  line: number;
  reference: string;
  why: string;
}

/** What the checks need to know about the repository (a real one, or a fake in a unit test). */
export interface Repo {
  /** True when the repository-relative path is a file or a folder. */
  exists(path: string): boolean;
  /** The headings of a Markdown file (repository-relative), or undefined when it is not one. */
  headings(path: string): string[] | undefined;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a list of headings, numbered as GitHub numbers repeated ones (`-1`, `-2`, ...). */
export function anchors(headings: string[]): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const heading of headings) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    result.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return result;
}

/** The ATX headings of Markdown text, outside fenced code blocks. */
export function markdownHeadings(text: string): string[] {
  const headings: string[] = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (match) headings.push(match[1]!);
  }
  return headings;
}

/** A file system view of the repository at `root`. */
export function repoAt(root: string): Repo {
  const cache = new Map<string, string[] | undefined>();
  return {
    exists: (path) => existsSync(join(root, path)),
    headings: (path) => {
      if (!cache.has(path)) {
        const full = join(root, path);
        const isMarkdown = extname(path) === ".md" && existsSync(full) && statSync(full).isFile();
        cache.set(path, isMarkdown ? markdownHeadings(readFileSync(full, "utf8")) : undefined);
      }
      return cache.get(path);
    },
  };
}

/** Every file the checks read, repository-relative, in a stable order. */
export function scannedFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (path: string) => {
    if (SKIPPED.some((s) => path === s || path.split("/").includes(s))) return;
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(`${path}/${entry}`);
    } else if (EXTENSIONS.has(extname(path))) {
      files.push(path);
    }
  };
  for (const entry of SCANNED) visit(entry);
  return files;
}

/** Checks a path (and anchor) cited as repository-relative; returns why it fails, or undefined. */
function checkTarget(repo: Repo, path: string, anchor: string | undefined): string | undefined {
  if (!repo.exists(path)) return `${path} does not exist`;
  if (anchor === undefined) return undefined;
  const headings = repo.headings(path);
  if (headings === undefined) return `${path} is not a Markdown file, so it has no #${anchor}`;
  return anchors(headings).has(anchor) ? undefined : `${path} has no heading with the anchor #${anchor}`;
}

/** True when the text after a "§" starts with one of the headings (the whole heading, case aside). */
function startsWithHeading(text: string, headings: string[]): boolean {
  const lower = text.toLowerCase();
  return headings.some((h) => {
    const heading = h.toLowerCase();
    return lower.startsWith(heading) && !/^[\p{L}\p{N}]/u.test(lower.slice(heading.length));
  });
}

const DOCS_PATH = /(?<![\w./-])docs\/[\w./-]*(?:#[\w-]+)?/g;
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;
const DECISION = /\bDecision (\d+)\b/g;
const SECTION = /§\s*([^\n§]*)/g;
const UP_PATH = /(?:\.\.\/)+[\w.-]*/g;
const OUTSIDE = [
  { pattern: /(?<![\w.-])shared\/[\w./-]*/g, why: "the shared/ folder is outside the repository" },
  { pattern: /\bapi-reference(?:\.md)?\b/g, why: "the API reference lives outside the repository; cite docs/domain/ instead" },
  { pattern: /\/work\/[\w./-]*/g, why: "an absolute path on one machine" },
];

/** Every reference in one file's text that does not resolve. */
export function referenceProblems(repo: Repo, file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split("\n");
  const isMarkdown = extname(file) === ".md";
  const decisionAnchors = anchors(repo.headings(DECISIONS_DOC) ?? []);
  lines.forEach((line, index) => {
    const report = (reference: string, why: string) => problems.push({ file, line: index + 1, reference: reference.trim(), why });
    for (const match of line.matchAll(DOCS_PATH)) {
      const [path, anchor] = match[0].replace(/[.]+$/, "").split("#") as [string, string | undefined];
      const why = checkTarget(repo, path.replace(/\/$/, ""), anchor);
      if (why) report(match[0], why);
    }
    if (isMarkdown) {
      for (const match of line.matchAll(MARKDOWN_LINK)) {
        const target = match[1]!;
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split("#") as [string, string | undefined];
        const resolved = path === "" ? file : join(dirname(file), path);
        if (resolved.startsWith("..") || isAbsolute(resolved)) report(target, "the link leaves the repository");
        else {
          const why = checkTarget(repo, resolved, anchor);
          if (why) report(target, why);
        }
      }
    }
    for (const match of line.matchAll(DECISION)) {
      const n = match[1]!;
      if (![...decisionAnchors].some((a) => a.startsWith(`decision-${n}-`) || a === `decision-${n}`)) {
        report(match[0], `${DECISIONS_DOC} has no heading for Decision ${n}`);
      }
    }
    for (const match of line.matchAll(SECTION)) {
      const before = line.slice(0, match.index);
      const cited = [...before.matchAll(/(?<![\w./-])docs\/[\w./-]*\.md/g)].pop()?.[0] ?? (isMarkdown ? file : undefined);
      const headings = cited === undefined ? undefined : repo.headings(cited);
      if (cited === undefined) report(match[0], "a § citation must follow the docs/ file it cites");
      else if (headings === undefined) report(match[0], `${cited} is not a Markdown file of the repository`);
      else if (!startsWithHeading(match[1]!.trim(), headings)) report(match[0], `${cited} has no such heading`);
    }
    for (const match of line.matchAll(UP_PATH)) {
      if (join(dirname(file), match[0]).startsWith("..")) report(match[0], "the path leaves the repository");
    }
    for (const { pattern, why } of OUTSIDE) for (const match of line.matchAll(pattern)) report(match[0], why);
  });
  return problems;
}

/** Every unresolved reference in the repository at `root`. */
export function repositoryProblems(root: string): { files: number; problems: Problem[] } {
  const repo = repoAt(root);
  const files = scannedFiles(root);
  const problems = files.flatMap((file) => referenceProblems(repo, file, readFileSync(resolve(root, file), "utf8")));
  return { files: files.length, problems };
}
