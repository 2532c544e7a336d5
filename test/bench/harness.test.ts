// The benchmark harness end to end (`npm run bench -- --smoke`): every server and target of the HTTP side
// by side, the heap and the cold-start measurements run for about a second each, and the numbers they print
// are there and sane. Speed targets are checked by `npm run bench`, never here.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

interface HttpTarget {
  key: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  unexpected: number;
  vsFloor?: number;
  vsCeiling?: number;
  vsPrism?: number;
}

interface SmokeOutput {
  mode: string;
  sections: {
    http: { data: { targets: HttpTarget[] }; targets: [string, boolean][] };
    heap: { data: { samples: { stored: number; bytesPerPayment: number }[] } };
    msw: { data: Record<"read" | "create", Record<"entry" | "fetch" | "msw", number>> };
    coldStart: { data: { results: { key: string; medianMs: number }[] } };
  };
}

describe("the benchmark harness", () => {
  it("runs the floor, the ceiling, Prism's mock and five sandbox targets side by side, then heap and cold start, and prints their numbers", () => {
    const run = spawnSync(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", "bench/run.ts", "--smoke"], { encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const line = run.stdout.split("\n").find((l) => l.startsWith("BENCH-JSON "));
    expect(line, run.stdout).toBeDefined();
    const output = JSON.parse(line!.slice("BENCH-JSON ".length)) as SmokeOutput;
    expect(output.mode).toBe("smoke");

    const targets = output.sections.http.data.targets;
    expect(targets.map((t) => t.key)).toEqual(["floor", "ceiling", "prism", "create", "lifecycle", "getAccount", "query", "prefer404"]);
    for (const t of targets) {
      expect(t.rps, t.key).toBeGreaterThan(0);
      expect(t.unexpected, `${t.key} answered another status than expected`).toBe(0);
      expect(t.p50Ms, t.key).toBeGreaterThan(0);
      expect(t.p99Ms, t.key).toBeGreaterThanOrEqual(t.p50Ms);
    }
    for (const t of targets.slice(3)) for (const ratio of [t.vsFloor, t.vsCeiling, t.vsPrism]) expect(ratio, t.key).toBeGreaterThan(0);
    expect(output.sections.http.targets.map(([name]) => name)).toContain("HTTP payment create >= 5× Prism's mock");
    expect(run.stdout).toContain("| sandbox: POST /internal/Payments (create) |");

    // MSW's cost is measured against the entry it wraps: both sides must have answered (each request is checked for 200).
    for (const kind of ["read", "create"] as const) for (const [target, micros] of Object.entries(output.sections.msw.data[kind])) expect(micros, `${kind} ${target}`).toBeGreaterThan(0);
    expect(run.stdout).toContain("| MSW setupServer in Node, payment create:");

    const [heap] = output.sections.heap.data.samples;
    expect(heap!.stored).toBe(10_000);
    expect(heap!.bytesPerPayment).toBeGreaterThan(50);
    const cold = output.sections.coldStart.data.results;
    expect(cold.map((r) => r.key)).toEqual(expect.arrayContaining(["npmStart", "prism"]));
    for (const r of cold) expect(r.medianMs, r.key).toBeGreaterThan(0);
  });
});
