/**
 * Valid requests for the operations that became stateful with the ClientProfile, documents and onboarding
 * work: the conformance scenario's first section (scripts/conformance/scenario.ts) sends these after the
 * accounts, payments, transactions, ledger reports and currencies, each expecting a success.
 */
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { formText, pdfText } from "../../test/support/multipart.js";
import type { CallOptions, Reply } from "../../test/support/http.js";

/** Sends one request through the validating proxy and expects the status (200 unless said). */
export type SendValid = (method: string, path: string, options?: CallOptions, status?: number) => Promise<Reply>;

const C = DEMO_IDS.clients;
const address = { line1: "Torstrasse 1", line2: null, city: "Berlin", region: null, postalCode: "10119", country: "DE" };
const person = (email: string) => ({ type: "individual", email, phone: "+491701234500", firstName: "Conf", lastName: "Ormance", dateOfBirth: "1990-01-01", country: "DE", address });
const company = { type: "company", email: "office@conformance.example", phone: "+493012345600", companyName: "Conformance GmbH", registrationNumber: "HRB 4242", country: "DE", address };

/** A PDF upload as a form: the file in `field`, then the document type. */
const upload = (field: "file" | "files", ...names: string[]) =>
  formText([...names.map((fileName) => ({ name: field, fileName, contentType: "application/pdf", content: pdfText(100) })), { name: "documentType", content: "bankStatement" }]);

/** The current client's profile and plan, a deletion request, and client records through their statuses. */
export async function validClientRequests(ok: SendValid): Promise<void> {
  const asEmma = { authorization: `Bearer ${C.emmaSchneider}` };
  await ok("GET", "/Client", { headers: asEmma });
  await ok("GET", "/Client/plan", { headers: asEmma });
  await ok("POST", "/Client/deletion-notifications", { body: { reason: "Moving abroad." }, headers: asEmma });
  const made = (await ok("POST", "/internal/Clients", { body: person("conformance.person@example.com") })).json.id as string;
  await ok("POST", "/internal/Clients", { body: { ...company, relatedIndividuals: [{ firstName: "Jonas", lastName: "Becker", dateOfBirth: "1982-11-03", role: "director", ownershipPercentage: 60 }] } });
  await ok("GET", "/internal/Clients", { query: { type: "individual", pageSize: 10 } });
  await ok("GET", `/internal/Clients/${made}`);
  await ok("PUT", `/internal/Clients/${made}`, { body: { phone: "+491701234501" } });
  await ok("PUT", `/internal/Clients/${made}/status`, { body: { status: "pendingVerification" } });
  await ok("PUT", `/internal/Clients/${made}/block`, { body: { reason: "Compliance hold" } });
  await ok("PUT", `/internal/Clients/${made}/unblock`);
}

/** A client's documents and a related individual's: upload (one and several), list, download, delete. */
export async function validDocumentRequests(ok: SendValid): Promise<void> {
  const documents = `/internal/Clients/${C.emmaSchneider}/Documents`;
  const one = (await ok("POST", `${documents}/upload`, upload("file", "statement.pdf"))).json.id as string;
  await ok("POST", `${documents}/upload/bulk`, upload("files", "january.pdf", "february.pdf"));
  await ok("GET", documents, { query: { documentType: "bankStatement" } });
  await ok("GET", `${documents}/${one}/download`);
  await ok("DELETE", `${documents}/${one}`, {}, 204);
  const related = `/internal/Clients/${C.nordlichtDesign}/related-individuals/${DEMO_IDS.relatedIndividuals.nordlichtDirector}/documents`;
  const theirs = (await ok("POST", `${related}/upload`, upload("file", "director.pdf"))).json.id as string;
  await ok("GET", related);
  await ok("GET", `${related}/${theirs}/download`);
}

/** Clients imported from an onboarding system, a simulated verification and a Sumsub webhook for its applicant. */
export async function validOnboardingRequests(ok: SendValid): Promise<void> {
  const imported = await ok("POST", "/integration/ClientsImport/individual", { body: { ...person("imported.person@example.com"), type: undefined, externalId: "conformance-individual-1" } });
  await ok("POST", "/integration/ClientsImport/company", { body: { ...company, type: undefined, email: "imported@conformance.example", externalId: "conformance-company-1" } });
  const verified = await ok("POST", "/integration/sumsub-webhooks/simulate", { body: { clientId: imported.json.id, reviewAnswer: "GREEN" } });
  await ok("POST", "/integration/sumsub-webhooks/update-state", { body: { applicantId: verified.json.applicantId, type: "applicantPending", reviewStatus: "pending" } });
}
