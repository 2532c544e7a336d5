/**
 * A server in a child process of its own, for the benchmark and the conformance run: spawned, read line by
 * line until it says where it listens, and stopped by its own PID (SIGTERM, then SIGKILL if it lingers).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";

/** How long a server may take to say where it listens before the start counts as failed. */
export const LISTEN_TIMEOUT_MS = 60_000;
/** How long a stopped server may take to exit before it is killed. */
const STOP_GRACE_MS = 5_000;

/** A running child server. */
export interface ListeningServer {
  child: ChildProcess;
  /** Its PID: the process that serves, never a wrapper's (stop() signals exactly this one). */
  pid: number;
  /** Where it listens, as its start line said. */
  url: string;
  /** The lines it printed on stdout after that one (none kept with `keepLines: false`). */
  lines: string[];
  /** Stops it and resolves once it has exited. */
  stop(): Promise<void>;
}

/** What to run and how to tell that it listens. */
export interface ListenOptions {
  command: string;
  args: string[];
  /** Matches the start line; its first group is the URL, or a bare port on 127.0.0.1. */
  listening: RegExp;
  /** Named in errors. */
  name: string;
  env?: NodeJS.ProcessEnv;
  /** Where the child's stderr goes (default: this process's stderr). */
  stderr?: "inherit" | "ignore";
  /** Keep the lines printed after the start line (default true); a chatty server's log is read and dropped with false. */
  keepLines?: boolean;
}

/** Spawns the server and resolves once it prints its start line; its stdout keeps being read (a full pipe would block it). */
export function startListening(options: ListenOptions): Promise<ListeningServer> {
  const spawnOptions: SpawnOptions = { stdio: ["ignore", "pipe", options.stderr ?? "inherit"], ...(options.env && { env: options.env }) };
  const child = spawn(options.command, options.args, spawnOptions);
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout! });
  return new Promise<ListeningServer>((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => fail(new Error(`${options.name} did not start listening within ${LISTEN_TIMEOUT_MS} ms`)), LISTEN_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      reject(error);
    };
    reader.on("line", (line) => {
      const found = started ? null : options.listening.exec(line);
      if (!found) {
        if (started && options.keepLines !== false) lines.push(line);
        return;
      }
      started = true;
      clearTimeout(timer);
      const where = found[1] ?? "";
      resolve({ child, pid: child.pid!, url: /^\d+$/.test(where) ? `http://127.0.0.1:${where}` : where, lines, stop: () => stopChild(child) });
    });
    child.once("error", fail);
    child.once("exit", (code, signal) => {
      if (!started) fail(new Error(`${options.name} exited (${signal ?? code}) before it listened`));
    });
  });
}

/** Sends SIGTERM to the child itself and waits for its exit; SIGKILL after a grace period. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Stops a child that runs the server in a process of its own (`npm start` runs `sh -c node ...`, and a
 * SIGTERM to npm does not reach that node): SIGTERM to the child and to each of its descendants, each by
 * its PID as /proc lists it (Linux; elsewhere only the child itself), then waits until all have exited.
 */
export async function stopProcessTree(child: ChildProcess): Promise<void> {
  const descendants = child.pid === undefined ? [] : descendantsOf(child.pid);
  await stopChild(child);
  for (const pid of descendants) signal(pid, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (descendants.some(isAlive)) {
    if (Date.now() > deadline) descendants.filter(isAlive).forEach((pid) => signal(pid, "SIGKILL"));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every descendant's PID, children before grandchildren, from /proc/<pid>/task/<tid>/children. */
function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const tasks = `/proc/${parent}/task`;
    if (!existsSync(tasks)) continue;
    for (const tid of readdirSync(tasks)) {
      const children = readChildren(`${tasks}/${tid}/children`);
      found.push(...children);
      queue.push(...children);
    }
  }
  return found;
}

function readChildren(file: string): number[] {
  try {
    return readFileSync(file, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    // The thread ended between listing and reading.
    return [];
  }
}

function isAlive(pid: number): boolean {
  // A zombie is gone for our purposes; /proc/<pid>/stat says "Z" for one.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
