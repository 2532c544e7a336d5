/**
 * Crash safety of --data: a sandbox process under concurrent writes is SIGKILLed at seeded moments (the log
 * folds often, so kills also land mid-fold), restarted on the same files, and must hold every payment it
 * answered 2xx, in the state it answered, with the ledger's invariants intact. CRASH_SEED=<n> replays a run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/spec.js";

const SEED = Number(process.env.CRASH_SEED ?? 20260101);
const ROUNDS = 4;
const WORKERS = 8;
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const scratch = mkdtempSync(join(tmpdir(), "finlego-crash-"));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the sandbox process on `file`; resolves with its URL, rejects with its output if it stops first. */
function launch(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/sandbox-process.ts", file, String(16 * 1024)], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const url = /URL (\S+)/.exec(chunk.toString())?.[1];
      if (url) resolve({ child, url });
    });
    child.once("exit", (code) => reject(new Error(`the sandbox exited with ${code} before listening:\n${output}`)));
  });
}

type LegState = "draft" | "pending" | "posted";

/** What the clients were told about a payment, and the step still unanswered when the process died. */
interface Expected {
  answered: LegState;
  inFlight?: LegState;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
async function send(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const answer = await fetch(`${url}${path}`, { method, ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }) });
  const text = await answer.text();
  return { status: answer.status, json: text ? JSON.parse(text) : undefined };
}

/** One client of the sandbox: creates payments and walks some drafts through pend and post, until the process dies. */
async function work(url: string, next: () => number, accounts: { treasury: string; clients: string[] }, expected: Map<string, Expected>): Promise<void> {
  const pick = () => accounts.clients[Math.floor(next() * accounts.clients.length)]!;
  for (;;) {
    if (next() < 0.7) {
      const made = await send(url, "POST", "/internal/Payments", { parentId: PARENT, parentType: "transfer", debtorAccountId: accounts.treasury, creditorAccountId: pick(), currency: "eur", amount: 1 + Math.floor(next() * 100) / 100 });
      if (made.status === 200) expected.set(made.json.paymentId, { answered: "posted" });
      continue;
    }
    const [from, to] = [pick(), pick()];
    if (from === to) continue;
    const draft = await send(url, "POST", "/internal/Payments/draft", { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: from, creditorAccountId: to, currency: "eur", amount: 0.01 }] });
    if (draft.status !== 200) continue;
    const id = draft.json.paymentId as string;
    const state: Expected = { answered: "draft" };
    expected.set(id, state);
    for (const step of next() < 0.5 ? (["pend"] as const) : (["pend", "post"] as const)) {
      state.inFlight = step === "pend" ? "pending" : "posted";
      const moved = await send(url, "POST", `/internal/Payments/${id}/${step}`);
      if (moved.status !== 200) break;
      state.answered = state.inFlight;
      delete state.inFlight;
    }
  }
}

/** Money in, money out: per currency, balances sum to the same total, and what is held equals what is pending incoming. */
function totals(ledger: { accounts: { currency: string; balanceMinor: number; heldMinor: number; pendingIncomingMinor: number }[] }): Record<string, number[]> {
  const sums: Record<string, number[]> = {};
  for (const a of ledger.accounts) {
    const sum = (sums[a.currency] ??= [0, 0, 0]);
    sum[0]! += a.balanceMinor;
    sum[1]! += a.heldMinor;
    sum[2]! += a.pendingIncomingMinor;
  }
  return sums;
}

describe("a sandbox killed under load", () => {
  it("keeps every payment it answered, in the answered state, with the ledger's invariants intact", async () => {
    const file = join(scratch, "state.json");
    const seeded = random(SEED);
    const killAfterMs = Array.from({ length: ROUNDS }, () => 150 + Math.floor(seeded() * 600));
    const expected = new Map<string, Expected>();
    let running = await launch(file);
    const first = (await send(running.url, "GET", "/__sandbox/snapshot")).json.ledger;
    const start = totals(first);
    const eur = first.accounts.filter((a: { currency: string }) => a.currency === "eur");
    const accounts = {
      treasury: eur.find((a: { type: string }) => a.type === "treasury").id as string,
      clients: eur.filter((a: { type: string; status: string }) => a.type === "client" && a.status === "active").map((a: { id: string }) => a.id) as string[],
    };
    let answeredBefore = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const workers = Array.from({ length: WORKERS }, (_, w) => work(running.url, random(SEED * 31 + round * WORKERS + w), accounts, expected).catch(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, killAfterMs[round]));
      running.child.kill("SIGKILL");
      await Promise.all(workers);
      running = await launch(file);

      const snapshot = (await send(running.url, "GET", "/__sandbox/snapshot")).json;
      const { ledger } = snapshot;
      const legs = new Map<string, LegState[]>(ledger.payments.map((p: { id: string; transactions: { state: LegState }[] }) => [p.id, p.transactions.map((t) => t.state)]));
      const lost = [...expected].filter(([id, want]) => !legs.get(id)?.every((state) => state === want.answered || state === want.inFlight));
      expect(lost.map(([id, want]) => `${id}: answered ${want.answered}, found ${legs.get(id)?.join(",") ?? "nothing"}`), `round ${round} (CRASH_SEED=${SEED})`).toEqual([]);
      for (const [currency, [balance, held, incoming]] of Object.entries(totals(ledger))) {
        expect([balance, held], `round ${round} ${currency}`).toEqual([start[currency]![0], incoming]);
      }
      // The control API verifies every invariant of a snapshot before it imports one.
      const check = `check-${round}`;
      const imported = await fetch(`${running.url}/__sandbox/snapshot`, { method: "PUT", headers: { "content-type": "application/json", "x-sandbox-tenant": check }, body: JSON.stringify(snapshot) });
      expect(imported.status, `round ${round}: ${await imported.text()}`).toBe(200);
      expect((await send(running.url, "DELETE", `/__sandbox/tenants/${check}`)).status).toBe(204);
      // Every round must have had answers to lose, or it proves nothing.
      expect(expected.size, `round ${round}`).toBeGreaterThan(answeredBefore);
      answeredBefore = expected.size;
      // What survived is what the next round starts from.
      for (const [id, want] of expected) {
        want.answered = legs.get(id)![0]!;
        delete want.inFlight;
      }
    }
    running.child.kill("SIGKILL");
  }, 60_000);
});
