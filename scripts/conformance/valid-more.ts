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

/** A control API request, sent straight to the sandbox. */
export type SendControl = (method: string, path: string, options?: CallOptions) => Promise<Reply>;

/**
 * Every transfer operation with a success: an outgoing transfer through its whole lifecycle by hand (manual
 * processing), a canceled one, an fx transfer, incoming transfers and requests, integration transfers.
 */
export async function validTransferRequests(ok: SendValid, control: SendControl): Promise<void> {
  const A = DEMO_IDS.accounts;
  const asNordlicht = { authorization: `Bearer ${C.nordlichtDesign}` };
  const manual = await control("PUT", "/__sandbox/transfers/processing", { body: { mode: "manual", processingDelayMs: 0, completionDelayMs: 0 } });
  if (manual.status !== 200) throw new Error(`the transfer processing mode could not be set: ${manual.text}`);
  const iban = "DE44500105175407324931";
  const payee = (await ok("POST", "/Recipients", { body: { name: "Conformance Payee", accountNumber: iban, country: "DE", currency: "eur" }, headers: asNordlicht })).json.id as string;
  await ok("GET", "/Transfers/type", { query: { recipientAccount: iban, currency: "eur" }, headers: asNordlicht });
  const send = async () =>
    (await ok("POST", "/Transfers/outgoing", { body: { accountId: A.nordlichtEur, recipientId: payee, amount: 10, currency: "eur", reference: "Conformance" }, headers: asNordlicht })).json.id as string;
  const done = await send();
  await ok("POST", `/Confirmations/${done}`, { headers: asNordlicht });
  await ok("PUT", `/Transfers/outgoing/${done}/confirm`, { body: { code: "000000" }, headers: asNordlicht });
  await ok("POST", `/internal/Transfers/outgoing/${done}/continue`);
  await ok("POST", `/internal/Transfers/${done}/execute`);
  await ok("GET", `/Documents/${done}.pdf`, { headers: asNordlicht });
  await ok("GET", `/internal/Documents/${C.nordlichtDesign}/${done}.pdf`);
  const confirmed = await send();
  await ok("PUT", `/v2/Transfers/outgoing/${confirmed}/confirm`, { body: { code: "000000" }, headers: asNordlicht });
  await ok("PUT", `/Transfers/outgoing/${confirmed}/cancel`, { headers: asNordlicht });
  await ok("PUT", `/v2/Transfers/outgoing/${await send()}/cancel`, { headers: asNordlicht });
  for (const path of [`/Transfers/${done}`, `/v2/Transfers/${done}`, `/Transfers/outgoing/${done}`, `/v2/Transfers/outgoing/${done}`]) await ok("GET", path, { headers: asNordlicht });
  await ok("GET", "/Transfers", { query: { direction: "outgoing", status: "completed", currency: "eur", fromDate: "2020-01-01T00:00:00Z", pageSize: 5 }, headers: asNordlicht });
  await ok("GET", "/v2/Transfers", { query: { accountId: A.nordlichtEur }, headers: asNordlicht });
  await ok("GET", `/internal/Transfers/outgoing/${done}`);
  await ok("GET", "/internal/Transfers/outgoing", { query: { clientId: C.nordlichtDesign, status: "completed" } });

  const fx = (await ok("POST", "/v2/Transfers/fx", { body: { accountId: A.nordlichtEur, targetAccountId: A.nordlichtChf, amount: 100, currency: "eur", targetCurrency: "chf", reference: "Exchange" }, headers: asNordlicht })).json.id as string;
  for (const path of [`/Transfers/fx/${fx}`, `/v2/Transfers/fx/${fx}`]) await ok("GET", path, { headers: asNordlicht });
  await ok("GET", `/internal/Transfers/fx/${fx}`);
  await ok("GET", "/internal/Transfers/fx", { query: { currency: "eur" } });
  await ok("GET", "/internal/Transfers/internal", { query: { direction: "fx" } });

  const arriving = { amount: 75, currency: "eur", senderName: "Max Mustermann", senderAccountNumber: "DE75512108001245126199", reference: "Conformance" };
  const lost = await control("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, recipientAccountNumber: "FL100000000000009999" } });
  const unrecognized = lost.json.transfer.id as string;
  await ok("GET", `/internal/Transfers/incoming/${unrecognized}`);
  await ok("PUT", `/internal/Transfers/incoming/${unrecognized}/assign`, { body: { clientId: C.nordlichtDesign, accountId: A.nordlichtEur } });
  for (const path of [`/Transfers/incoming/${unrecognized}`, `/v2/Transfers/incoming/${unrecognized}`]) await ok("GET", path, { headers: asNordlicht });
  await ok("GET", "/internal/Transfers/incoming", { query: { clientId: C.nordlichtDesign } });
  const waiting = await control("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, recipientAccountNumber: "FL100000000000000301", outcome: "pending" } });
  await ok("GET", "/internal/IncomingRequests", { query: { status: "pending", currency: "eur" } });
  await ok("POST", `/internal/IncomingRequests/${String(waiting.json.requestId)}/process`);

  const utility = (await ok("POST", "/internal/integration/Recipients", { body: { name: "Conformance Utility", accountNumber: "DE02500105170137075030", country: "DE", currency: "eur" } })).json.id as string;
  const integration = { clientId: C.nordlichtDesign, accountId: A.nordlichtEur, recipientId: utility, amount: 20, currency: "eur" };
  await ok("POST", "/internal/integration/Transfers/outgoing", { body: integration });
  await ok("POST", "/internal/integration/Transfers/outgoing/payment-request", { body: { ...integration, paymentRequestId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" } });
}
