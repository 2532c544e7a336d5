/**
 * Routes a method and path to a spec operation. Paths match case-insensitively (as ASP.NET's do); a
 * literal segment wins over a template parameter, and a path that matches with another method gives the
 * allowed methods for a 405.
 */
import type { OpenApiDocument, OpenApiOperation } from "./openapi-types.js";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** One operation of the spec, ready to be dispatched. */
export interface Route {
  method: string;
  template: string;
  operationId: string;
  operation: OpenApiOperation;
}

/** A routing answer: the route and its decoded path parameters, or the methods the path allows. */
export type RouteMatch =
  | { kind: "found"; route: Route; pathParams: Record<string, string> }
  | { kind: "methodNotAllowed"; allowed: string[] }
  | { kind: "notFound" };

interface Node {
  literals: Map<string, Node>;
  param?: { name: string; node: Node };
  routes: Map<string, Route>;
}

const newNode = (): Node => ({ literals: new Map(), routes: new Map() });

/** A compiled router over every operation of a spec. */
export interface Router {
  match(method: string, path: string): RouteMatch;
  routes: Route[];
}

/** True when the operation acts on the current client (FrontOffice): its security names the bearer token. */
export function requiresBearer(operation: OpenApiOperation): boolean {
  return operation.security?.some((requirement) => "bearerAuth" in requirement) ?? false;
}

/** Compiles the spec's paths into a segment tree; done once per spec. */
export function createRouter(spec: OpenApiDocument): Router {
  const root = newNode();
  const routes: Route[] = [];
  const literal = new LiteralRoutes();
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (!operation?.operationId) continue;
      const route = { method: method.toUpperCase(), template, operationId: operation.operationId, operation };
      insert(root, splitPath(template), route);
      literal.add(route);
      routes.push(route);
    }
  }
  return {
    routes,
    match: (method, path) => {
      const upper = method.toUpperCase();
      // Most requests name a path without parameters: one lookup instead of walking the tree.
      const found = literal.find(upper === "HEAD" ? "GET" : upper, path);
      return found ? { kind: "found", route: found, pathParams: {} } : match(root, upper, path);
    },
  };
}

/**
 * The routes whose templates have no parameter, by path, as the spec writes it and in lower case. A path
 * that names one of them with the request's method is the walk's first answer too (literal segments are
 * tried before parameters all the way down), so finding it here changes no answer; anything else (another
 * method, parameters, empty segments, a trailing slash) is left to the walk.
 */
class LiteralRoutes {
  private readonly asWritten = new Map<string, Map<string, Route>>();
  private readonly lowerCase = new Map<string, Map<string, Route>>();

  add(route: Route): void {
    if (route.template.includes("{")) return;
    for (const [paths, key] of [[this.asWritten, route.template], [this.lowerCase, route.template.toLowerCase()]] as const) {
      let byMethod = paths.get(key);
      if (!byMethod) paths.set(key, (byMethod = new Map()));
      byMethod.set(route.method, route);
    }
  }

  find(method: string, path: string): Route | undefined {
    return (this.asWritten.get(path) ?? this.lowerCase.get(path.toLowerCase()))?.get(method);
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function insert(root: Node, segments: string[], route: Route): void {
  let node = root;
  for (const segment of segments) {
    const param = /^\{(.+)\}$/.exec(segment);
    if (param) {
      node.param ??= { name: param[1] ?? "", node: newNode() };
      node = node.param.node;
    } else {
      const key = segment.toLowerCase();
      let next = node.literals.get(key);
      if (!next) node.literals.set(key, (next = newNode()));
      node = next;
    }
  }
  node.routes.set(route.method, route);
}

function match(root: Node, method: string, path: string): RouteMatch {
  const segments = splitPath(path);
  const params: [string, string][] = [];
  const allowed = new Set<string>();
  // HEAD is answered wherever GET is, by the GET operation (the entry drops the body).
  const found = walk(root, segments, 0, method === "HEAD" ? "GET" : method, params, allowed);
  if (found) return { kind: "found", route: found, pathParams: Object.fromEntries(params) };
  if (allowed.has("GET")) allowed.add("HEAD");
  return allowed.size > 0 ? { kind: "methodNotAllowed", allowed: [...allowed].sort() } : { kind: "notFound" };
}

/** Depth-first, literals before parameters, so `/Accounts/send-otp` beats `/Accounts/{id}` for POST. */
function walk(node: Node, segments: string[], index: number, method: string, params: [string, string][], allowed: Set<string>): Route | undefined {
  if (index === segments.length) {
    const route = node.routes.get(method);
    if (!route) for (const m of node.routes.keys()) allowed.add(m);
    return route;
  }
  const segment = segments[index] ?? "";
  const literal = node.literals.get(segment.toLowerCase());
  if (literal) {
    const route = walk(literal, segments, index + 1, method, params, allowed);
    if (route) return route;
  }
  if (node.param) {
    params.push([node.param.name, safeDecode(segment)]);
    const route = walk(node.param.node, segments, index + 1, method, params, allowed);
    if (route) return route;
    params.pop();
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
