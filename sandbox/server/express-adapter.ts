/**
 * The express adapter: one middleware that reads the raw request, hands it to the HTTP entry and writes
 * the answer back. No per-route express code: routing, validation and errors all live in sandbox/http.
 */
import express, { type Express, type Request, type RequestHandler, type Response } from "express";
import { carriesBytes, MAX_BODY_BYTES, requestBodyLimitBytes, type HttpEntry, type SandboxResponse } from "../http/index.js";

/** The middleware that serves every request through the entry. */
export function sandboxMiddleware(entry: HttpEntry): RequestHandler {
  return (req, res) => {
    readBody(req, (body, bytes) => {
      const url = req.url;
      const q = url.indexOf("?");
      const request = { method: req.method, path: q < 0 ? url : url.slice(0, q), query: q < 0 ? "" : url.slice(q + 1), headers: req.headers as Record<string, string | undefined>, body, bytes };
      let answer: SandboxResponse | Promise<SandboxResponse>;
      try {
        answer = entry.respond(request);
      } catch (error) {
        res.destroy(error as Error);
        return;
      }
      // Most answers are ready at once and written in this tick; one that waits (a commit to the log, a delay) when it is ready.
      if (answer instanceof Promise) answer.then((ready) => write(res, ready), (error: unknown) => res.destroy(error as Error));
      else write(res, answer);
    });
  };
}

/** An express app that is nothing but the sandbox middleware, after the handlers given (the pages). */
export function createExpressApp(entry: HttpEntry, before: RequestHandler[] = []): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  for (const handler of before) app.use(handler);
  app.use(sandboxMiddleware(entry));
  return app;
}

/**
 * Reads the body as text, or as bytes for the media types whose bytes text would not keep (multipart uploads),
 * keeping at most one chunk over the operation's limit so the entry can answer 413. The limit is looked up only
 * for bodies larger than the common one (snapshot imports and uploads may be larger).
 */
function readBody(req: Request, done: (body: string | undefined, bytes?: Uint8Array) => void): void {
  // No length and no chunked encoding: HTTP/1.1 says there is no body, so there is nothing to wait for.
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return done(undefined);
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let limitBytes = MAX_BODY_BYTES;
  let limitKnown = false;
  req.on("data", (chunk: Buffer) => {
    if (size + chunk.length > limitBytes && !limitKnown) {
      limitKnown = true;
      limitBytes = requestBodyLimitBytes(req.method, req.url.split("?")[0] ?? "/");
    }
    if (size <= limitBytes) {
      if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
    }
    size += chunk.length;
  });
  // Most bodies arrive in one chunk: decode it directly, without a concatenated copy.
  req.on("end", () => {
    const whole = first === undefined ? undefined : more ? Buffer.concat(more) : first;
    if (whole !== undefined && carriesBytes(req.headers["content-type"])) done(undefined, whole);
    else done(whole?.toString("utf8"));
  });
}

function write(res: Response, answer: SandboxResponse): void {
  if (answer.fault === "connectionReset") {
    // A TCP reset, as a dropped connection or a crashed upstream shows it to the client.
    res.socket?.resetAndDestroy();
    return;
  }
  if (answer.fault === "emptyResponse") {
    // The connection closes without a byte of answer ("empty reply from server").
    res.socket?.end();
    return;
  }
  // A known length spares Node the chunked encoding it would otherwise use after writeHead.
  const body = answer.bytes ?? answer.body;
  if (body !== undefined) answer.headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.length);
  res.writeHead(answer.status, answer.headers);
  res.end(body);
}
