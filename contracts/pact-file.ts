/**
 * Reads pact files of any specification version (V2, V3, V4) into one shape: who the consumer and provider
 * are, and each HTTP interaction's provider states, request and expected response as plain values.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isJsonMediaType, mediaTypeOf } from "../sandbox/http/body.js";

/** A provider state as a pact names it, with its parameters. */
export interface PactProviderState {
  name: string;
  params: Record<string, unknown>;
}

/** A request or response body: its media type and the parsed content (JSON parsed, anything else as text). */
export interface PactBody {
  contentType: string | undefined;
  content: unknown;
}

/** One HTTP interaction of a pact, with the example values its matchers were written with. */
export interface PactHttpInteraction {
  description: string;
  providerStates: PactProviderState[];
  /** V4 `pending`: its failures are reported, not counted. */
  pending: boolean;
  request: { method: string; path: string; query: string; headers: Record<string, string>; body: PactBody | undefined };
  response: { status: number; headers: Record<string, string>; body: PactBody | undefined };
}

/** A pact file as read. */
export interface PactDocument {
  file: string;
  consumer: string;
  provider: string;
  specification: string;
  interactions: PactHttpInteraction[];
  /** Interactions that are not HTTP request/response (messages): the FinLego API has none. */
  otherInteractions: { description: string; type: string }[];
}

/** A pact file that cannot be read, named with the reason. */
export class PactFileError extends Error {}

/** The pact files a path names: the file itself, or every `.json` file in a folder (not recursive), sorted. */
export function listPactFiles(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new PactFileError(`${path} does not exist`);
  }
  if (!stats.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new PactFileError(`${path} holds no .json pact files`);
  return files;
}

/** Reads and parses one pact file. */
export function readPactFile(file: string): PactDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PactFileError(`${file} is not a readable JSON file: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new PactFileError(`${file} is not a pact: the document is not a JSON object`);
  const consumer = nameOf(parsed.consumer);
  const provider = nameOf(parsed.provider);
  if (consumer === undefined || provider === undefined || !Array.isArray(parsed.interactions)) {
    throw new PactFileError(`${file} is not a pact: it needs consumer.name, provider.name and interactions`);
  }
  const document: PactDocument = { file, consumer, provider, specification: specificationOf(parsed.metadata), interactions: [], otherInteractions: [] };
  for (const [index, raw] of parsed.interactions.entries()) {
    if (!isRecord(raw)) throw new PactFileError(`${file}: interactions[${index}] is not an object`);
    const description = typeof raw.description === "string" ? raw.description : `interactions[${index}]`;
    const type = typeof raw.type === "string" ? raw.type : "Synchronous/HTTP";
    if (type !== "Synchronous/HTTP" || !isRecord(raw.request) || !isRecord(raw.response)) {
      document.otherInteractions.push({ description, type });
      continue;
    }
    document.interactions.push({
      description,
      providerStates: statesOf(raw),
      pending: raw.pending === true,
      request: {
        method: String(raw.request.method ?? "GET").toUpperCase(),
        path: String(raw.request.path ?? "/"),
        query: queryOf(raw.request.query),
        headers: headersOf(raw.request.headers),
        body: bodyOf(raw.request, headersOf(raw.request.headers)),
      },
      response: {
        status: typeof raw.response.status === "number" ? raw.response.status : 200,
        headers: headersOf(raw.response.headers),
        body: bodyOf(raw.response, headersOf(raw.response.headers)),
      },
    });
  }
  return document;
}

/** Narrows a parsed JSON value to an object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nameOf(party: unknown): string | undefined {
  return isRecord(party) && typeof party.name === "string" ? party.name : undefined;
}

function specificationOf(metadata: unknown): string {
  if (!isRecord(metadata)) return "unknown";
  const spec = metadata.pactSpecification ?? metadata["pact-specification"] ?? metadata.pactSpecificationVersion;
  if (isRecord(spec) && typeof spec.version === "string") return spec.version;
  return typeof spec === "string" ? spec : "unknown";
}

/** V3/V4 `providerStates: [{name, params}]`; V2 `providerState: "name"`. */
function statesOf(raw: Record<string, unknown>): PactProviderState[] {
  if (Array.isArray(raw.providerStates)) {
    return raw.providerStates.filter(isRecord).map((state) => ({ name: String(state.name ?? ""), params: isRecord(state.params) ? state.params : {} }));
  }
  const single = raw.providerState ?? raw.provider_state;
  return typeof single === "string" && single.length > 0 ? [{ name: single, params: {} }] : [];
}

/** V2 writes a query string; V3 and V4 an object of value lists. */
function queryOf(query: unknown): string {
  if (typeof query === "string") return query.replace(/^\?/, "");
  if (!isRecord(query)) return "";
  const search = new URLSearchParams();
  for (const [key, values] of Object.entries(query)) {
    for (const value of Array.isArray(values) ? values : [values]) search.append(key, String(value));
  }
  return search.toString();
}

/** Header names in lower case; V4 lists become one comma-separated value, as HTTP folds them. */
function headersOf(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(headers)) return out;
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(", ") : String(value);
  return out;
}

/** V4 bodies are `{content, contentType, encoded}`; V2 and V3 bodies are the JSON value itself. */
function bodyOf(part: Record<string, unknown>, headers: Record<string, string>): PactBody | undefined {
  const body = part.body;
  if (body === undefined || body === null) return undefined;
  if (isRecord(body) && "content" in body && ("contentType" in body || "encoded" in body)) {
    // The header is what goes over the wire; pact-js records a JSON body as application/json even under a
    // problem+json header.
    const contentType = headers["content-type"] ?? (typeof body.contentType === "string" ? body.contentType : undefined);
    const encoded = body.encoded === "base64" || body.encoded === true;
    const content = encoded && typeof body.content === "string" ? Buffer.from(body.content, "base64").toString("utf8") : body.content;
    return { contentType, content: typeof content === "string" && isJsonMediaType(mediaTypeOf(contentType)) ? parseOrKeep(content) : content };
  }
  return { contentType: headers["content-type"] ?? (typeof body === "string" ? "text/plain" : "application/json"), content: body };
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
