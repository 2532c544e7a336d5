// Every reference in the code, tests, specs and docs resolves to a file and heading inside the repository, so a
// maintainer (or a user of the package) can always follow it; nothing cites a document outside it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inventory } from "../spec/inventory.js";
import { repoRoot } from "../support/spec.js";
import { anchors, markdownHeadings, referenceProblems, repositoryProblems, slug, type Repo } from "../support/references.js";

const show = (problems: { file: string; line: number; reference: string; why: string }[]) =>
  problems.map((p) => `${p.file}:${p.line}: ${p.reference} (${p.why})`);

describe("references in the repository", () => {
  const { files, problems } = repositoryProblems(repoRoot);

  it("reads the code, tests, specs and docs (a check that read nothing would pass)", () => {
    expect(files).toBeGreaterThan(100);
  });

  it("resolve, every one, to a file and heading inside the repository", () => {
    expect(show(problems)).toEqual([]);
  });
});

describe("the reference check", () => {
  // A small fake repository: one decisions page and one domain page.
  const pages: Record<string, string> = {
    "docs/domain/decisions.md": "# Decisions\n\n## Decision 6: idempotent create\n\n## Decision 12: one paging shape\n",
    "docs/domain/payments.md": "# Payments\n\n## State machine\n\n```\n## not a heading\n```\n\n## Worked example\n",
  };
  const repo: Repo = {
    exists: (path) => path in pages || path === "docs" || path === "docs/domain" || path === "sandbox/core/types.ts",
    headings: (path) => (path in pages ? markdownHeadings(pages[path]!) : undefined),
  };
  const check = (file: string, text: string) => referenceProblems(repo, file, text).map((p) => p.reference);

  it("accepts paths, anchors, decisions and § citations that exist", () => {
    const text = [
      "// docs/domain/payments.md#state-machine, strict (docs/domain/decisions.md#decision-6-idempotent-create).",
      "// Decision 12, and docs/domain/payments.md §Worked example, step by step.",
      'import { x } from "../core/types.js"; // see docs/domain/.',
    ].join("\n");
    expect(check("sandbox/http/x.ts", text)).toEqual([]);
  });

  it("refuses a missing file, a missing anchor, an unknown decision and a § with no document or heading", () => {
    const text = [
      "// docs/domain/missing.md and docs/domain/payments.md#funds and docs/domain/payments.md#not-a-heading",
      "// Decision 7 and Decision 1",
      "// §5.2, and docs/domain/payments.md §Incoming limits",
    ].join("\n");
    expect(check("sandbox/core/x.ts", text)).toEqual([
      "docs/domain/missing.md",
      "docs/domain/payments.md#funds",
      "docs/domain/payments.md#not-a-heading",
      "Decision 7",
      "Decision 1",
      "§5.2, and docs/domain/payments.md",
      "§Incoming limits",
    ]);
  });

  it("refuses references that leave the repository", () => {
    const text = "// shared/api-reference.md, ../../../notes.md and /work/shared/x.md";
    expect(new Set(check("sandbox/core/x.ts", text))).toEqual(
      new Set(["shared/api-reference.md", "api-reference.md", "../../../notes.md", "/work/shared/x.md", "shared/x.md"]),
    );
  });

  it("checks Markdown links relative to the page, anchors within the page included", () => {
    const text = "[ok](payments.md#worked-example) [self](#decisions) [gone](payments.md#gone) [up](../../../x.md) [web](https://example.com/a)";
    expect(check("docs/domain/decisions.md", text)).toEqual(["payments.md#gone", "../../../x.md", "../../../x.md"]);
  });

  it("makes anchors the way GitHub does", () => {
    expect(slug("Decision 6: idempotent create")).toBe("decision-6-idempotent-create");
    expect(slug("The bulk-pend example's currency")).toBe("the-bulk-pend-examples-currency");
    expect([...anchors(["Notes", "Notes"])]).toEqual(["notes", "notes-1"]);
  });
});

describe("docs/domain/inventory.md", () => {
  it("lists the same 106 rows as test/spec/inventory.ts: number, method and path", () => {
    const rows = readFileSync(`${repoRoot}/docs/domain/inventory.md`, "utf8")
      .split("\n")
      .map((line) => /^\| (\d+) \| ([A-Z]+) \| `([^`]+)` \|/.exec(line))
      .filter((m) => m !== null)
      .map((m) => `#${m[1]} ${m[2]} ${m[3]}`);
    expect(rows).toEqual(inventory.map((r) => `#${r.n} ${r.method} ${r.path}`));
  });
});
