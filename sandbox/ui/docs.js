// @ts-check
/** The API reference: Swagger UI over one of the two specs, with "Try it out" sent to this sandbox. */
import { byId } from "./dom.js";

/** The specs by the `spec` query value, as this sandbox serves them. */
const SPECS = { finlego: "/openapi.json", control: "/sandbox-control.json" };

const asked = new URLSearchParams(location.search).get("spec") ?? "finlego";
const target = byId("reference", HTMLElement);
if (asked !== "finlego" && asked !== "control") {
  target.textContent = `There is no spec "${asked}": ask for ?spec=finlego (the FinLego API) or ?spec=control (the control API).`;
  target.className = "error";
} else {
  for (const link of document.querySelectorAll(".spec-switch a")) if (link.getAttribute("href")?.endsWith(asked)) link.setAttribute("aria-current", "page");
  /** @type {unknown} */
  const openapi = await (await fetch(SPECS[asked])).json();
  if (!isRecord(openapi)) throw new Error(`${SPECS[asked]} is not an OpenAPI document`);
  // The specs name the default address; "Try it out" goes to wherever this sandbox listens.
  const spec = { ...openapi, servers: [{ url: location.origin, description: "this sandbox" }] };
  // Swagger UI fills a header with its first example, which for Prefer is a simulated error: put "none" first, so
  // that "Try it out" gives the real answer unless a simulated one is picked.
  const parameters = isRecord(openapi.components) && isRecord(openapi.components.parameters) ? openapi.components.parameters : {};
  const prefer = parameters.Prefer;
  if (isRecord(prefer) && isRecord(prefer.examples)) prefer.examples = { none: { summary: "None: the real answer", value: "" }, ...prefer.examples };
  SwaggerUIBundle({ spec, domNode: target, validatorUrl: null, deepLinking: true, tryItOutEnabled: true, docExpansion: "none", defaultModelsExpandDepth: 0, filter: true });
}
document.body.dataset.ready = "true";

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
