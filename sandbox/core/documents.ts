/**
 * Client documents: files of a client or of one of its related individuals, held by the ledger with their
 * bytes, within named limits (docs/domain/clients.md#documents). Uploads are atomic.
 */
import { encodeBase64, decodeBase64 } from "./base64.js";
import { fail, invalid, ok, OK_VOID } from "./errors.js";
import { findClient } from "./clients.js";
import { isUuid } from "./ids.js";
import { paginate } from "./paging.js";
import { getById } from "./refs.js";
import { freshUuid, readClock } from "./state.js";
import type { DocumentRec, LedgerState } from "./state.js";
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_TYPES } from "./types.js";
import type { Client, ClientDocument, DocumentContentType, DocumentType, Page, Paged, Result } from "./types.js";
import { documentView } from "./views.js";

/** Largest file a document may have: 10 MiB (larger ones are 413 fileTooLarge). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/**
 * Most bytes of documents one ledger (tenant) holds: 32 MiB (then 422 documentStorageFull). Documents are part
 * of the ledger's snapshot, base64 in JSON, and persistence writes every tenant's snapshot as one JSON text
 * (docs/decisions/014-bytes-bodies-and-documents.md).
 */
export const MAX_TENANT_DOCUMENT_BYTES = 32 * 1024 * 1024;
/** Most files one upload may carry. */
export const MAX_FILES_PER_UPLOAD = 10;
/** Longest file name kept, in characters. */
export const MAX_FILE_NAME_LENGTH = 255;
/** Longest description of a document. */
export const MAX_DOCUMENT_DESCRIPTION_LENGTH = 500;

const DOCUMENT_TYPE_SET: ReadonlySet<unknown> = new Set(DOCUMENT_TYPES);
const CONTENT_TYPE_SET: ReadonlySet<unknown> = new Set(DOCUMENT_CONTENT_TYPES);

/** The first bytes each accepted file type starts with. */
const SIGNATURES: readonly [DocumentContentType, readonly number[]][] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
];

/** One file of an upload: the request field it came in (`file`, `files[2]`), its name, declared type and bytes. */
export interface UploadFile {
  field: string;
  fileName: string;
  /** The part's Content-Type; absent or application/octet-stream means "tell from the bytes". */
  declaredType: string | undefined;
  bytes: Uint8Array;
}

/** What to store: files of one type for a client or one of its related individuals. */
export interface UploadInput {
  clientId: string;
  relatedIndividualId?: string;
  documentType: DocumentType;
  description?: string | null;
  files: UploadFile[];
}

/** Whose documents a request is about: a client's own, or one of its related individuals'. */
export interface DocumentOwner {
  clientId: string;
  relatedIndividualId?: string | undefined;
}

/**
 * Stores every file as a document, all or none: the owner must exist and the client not be closed; each file
 * must be non-empty, at most MAX_DOCUMENT_BYTES and a PDF, JPEG or PNG by its bytes; the ledger's total must
 * stay within MAX_TENANT_DOCUMENT_BYTES.
 */
export function uploadDocuments(state: LedgerState, input: UploadInput): Result<ClientDocument[]> {
  const owner = findOwner(state, input);
  if (!owner.ok) return owner;
  if (owner.value.status === "closed") return fail("clientClosed", `Client ${owner.value.id} is closed; it takes no new documents`);
  if (!DOCUMENT_TYPE_SET.has(input.documentType)) return invalid("documentType", `documentType must be one of ${DOCUMENT_TYPES.join(", ")}`);
  const description = input.description ?? null;
  if (!(description === null || (typeof description === "string" && description.length <= MAX_DOCUMENT_DESCRIPTION_LENGTH))) {
    return invalid("description", `description must be at most ${MAX_DOCUMENT_DESCRIPTION_LENGTH} characters`);
  }
  if (input.files.length === 0 || input.files.length > MAX_FILES_PER_UPLOAD) return invalid("files", `an upload carries 1-${MAX_FILES_PER_UPLOAD} files`);
  const checked: { file: UploadFile; fileName: string; contentType: DocumentContentType }[] = [];
  let total = 0;
  for (const file of input.files) {
    const accepted = checkFile(file);
    if (!accepted.ok) return accepted;
    checked.push({ file, ...accepted.value });
    total += file.bytes.length;
  }
  if (state.documentBytes + total > MAX_TENANT_DOCUMENT_BYTES) {
    return fail("documentStorageFull", `The sandbox holds ${state.documentBytes} bytes of documents; ${total} more would pass its limit of ${MAX_TENANT_DOCUMENT_BYTES} (delete documents or reset the tenant)`);
  }
  const at = readClock(state);
  const stored = checked.map(({ file, fileName, contentType }) =>
    storeDocument(state, {
      id: freshUuid(state, state.documents),
      clientId: owner.value.id,
      relatedIndividualId: input.relatedIndividualId === undefined ? null : input.relatedIndividualId.toLowerCase(),
      documentType: input.documentType,
      fileName,
      contentType,
      size: file.bytes.length,
      description,
      uploadedAt: at,
      // A copy: the ledger owns its bytes, whatever the caller does with the request's buffer.
      content: file.bytes.slice(),
    }),
  );
  return ok(stored.map(documentView));
}

/** One page of an owner's documents, oldest first, optionally of one type. */
export function listDocuments(state: LedgerState, owner: DocumentOwner, documentType: DocumentType | undefined, page: Page): Result<Paged<ClientDocument>> {
  const found = findOwner(state, owner);
  if (!found.ok) return found;
  const all = state.ownerDocuments.get(ownerKey(found.value.id, owner.relatedIndividualId)) ?? [];
  return ok(paginate(documentType === undefined ? all : all.filter((d) => d.documentType === documentType), page, documentView));
}

/** A document of the owner with a copy of its bytes; another owner's document is not found. */
export function readDocument(state: LedgerState, owner: DocumentOwner, documentId: string): Result<{ document: ClientDocument; content: Uint8Array<ArrayBuffer> }> {
  const found = findOwner(state, owner);
  if (!found.ok) return found;
  const d = getById(state.documents, documentId);
  const related = owner.relatedIndividualId?.toLowerCase() ?? null;
  if (d === undefined || d.clientId !== found.value.id || d.relatedIndividualId !== related) return fail("documentNotFound", `Document ${documentId} was not found`);
  return ok({ document: documentView(d), content: d.content.slice() });
}

/** Deletes a document of the client or of one of its related individuals (there is no other route that deletes theirs). */
export function deleteDocument(state: LedgerState, clientId: string, documentId: string): Result<void> {
  const found = findClient(state, clientId);
  if (!found.ok) return found;
  const d = getById(state.documents, documentId);
  if (d === undefined || d.clientId !== found.value.id) return fail("documentNotFound", `Document ${documentId} was not found`);
  state.documents.delete(d.id);
  const list = state.ownerDocuments.get(ownerKey(d.clientId, d.relatedIndividualId))!;
  list.splice(list.indexOf(d), 1);
  state.documentBytes -= d.size;
  return OK_VOID;
}

/** A document as a snapshot carries it: its metadata and its bytes in base64. */
export interface DocumentSnapshot extends ClientDocument {
  contentBase64: string;
}

/** Every stored document with its bytes, oldest first. */
export function exportDocuments(state: LedgerState): DocumentSnapshot[] {
  return [...state.documents.values()].map((d) => ({ ...documentView(d), contentBase64: encodeBase64(d.content) }));
}

/** Restores a snapshot's document after its clients; returns what is wrong with it, or undefined once stored. */
export function restoreDocument(state: LedgerState, d: DocumentSnapshot): string | undefined {
  if (!isUuid(d.id) || d.id !== d.id.toLowerCase() || state.documents.has(d.id)) return "has no lower-case uuid id or is duplicated";
  const client = state.clients.get(d.clientId);
  if (client === undefined) return "names a client that does not exist";
  if (!(d.relatedIndividualId === null || client.relatedIndividuals.some((r) => r.id === d.relatedIndividualId))) return "names a related individual its client does not have";
  if (!DOCUMENT_TYPE_SET.has(d.documentType) || !CONTENT_TYPE_SET.has(d.contentType)) return "has an unknown documentType or contentType";
  if (!isFileName(d.fileName) || !(d.description === null || (typeof d.description === "string" && d.description.length <= MAX_DOCUMENT_DESCRIPTION_LENGTH))) return "has a bad fileName or description";
  const content = decodeBase64(d.contentBase64);
  if (content === undefined || content.length !== d.size || content.length === 0 || content.length > MAX_DOCUMENT_BYTES) return "has contentBase64 that is not base64 of size bytes (1 to MAX_DOCUMENT_BYTES)";
  if (sniff(content) !== d.contentType) return `has bytes that are not a ${d.contentType} file`;
  if (!Number.isSafeInteger(d.uploadedAt)) return "has an uploadedAt that is not epoch ms";
  if (state.documentBytes + content.length > MAX_TENANT_DOCUMENT_BYTES) return `passes the ledger's document limit of ${MAX_TENANT_DOCUMENT_BYTES} bytes`;
  storeDocument(state, { ...documentView(d), content });
  return undefined;
}

function storeDocument(state: LedgerState, d: DocumentRec): DocumentRec {
  state.documents.set(d.id, d);
  const key = ownerKey(d.clientId, d.relatedIndividualId);
  const list = state.ownerDocuments.get(key);
  if (list === undefined) state.ownerDocuments.set(key, [d]);
  else list.push(d);
  state.documentBytes += d.size;
  return d;
}

function ownerKey(clientId: string, relatedIndividualId: string | null | undefined): string {
  return relatedIndividualId == null ? clientId : `${clientId}/${relatedIndividualId.toLowerCase()}`;
}

/** The client of an owner; a related individual must be one of that client's. */
function findOwner(state: LedgerState, owner: DocumentOwner): Result<Client> {
  const found = findClient(state, owner.clientId);
  if (!found.ok || owner.relatedIndividualId === undefined) return found;
  const id = owner.relatedIndividualId.toLowerCase();
  if (!found.value.relatedIndividuals.some((r) => r.id === id)) return fail("relatedIndividualNotFound", `Client ${found.value.id} has no related individual ${owner.relatedIndividualId}`);
  return found;
}

/** The name to keep and the type of one file, or why it is refused (400, 413 fileTooLarge, 415 unsupportedFileType). */
function checkFile(file: UploadFile): Result<{ fileName: string; contentType: DocumentContentType }> {
  // Browsers send a bare name, some clients a path: only the last segment is the file's name.
  const fileName = file.fileName.slice(Math.max(file.fileName.lastIndexOf("/"), file.fileName.lastIndexOf("\\")) + 1);
  if (!isFileName(fileName)) return invalid(file.field, `the file name must be 1-${MAX_FILE_NAME_LENGTH} characters without control characters`);
  if (file.bytes.length === 0) return invalid(file.field, `${fileName} is empty`);
  if (file.bytes.length > MAX_DOCUMENT_BYTES) return fail("fileTooLarge", `${fileName} has ${file.bytes.length} bytes; a document may have at most ${MAX_DOCUMENT_BYTES} (10 MiB)`, file.field);
  const sniffed = sniff(file.bytes);
  const declared = file.declaredType?.toLowerCase();
  const unspecified = declared === undefined || declared === "application/octet-stream";
  if (!unspecified && !CONTENT_TYPE_SET.has(declared)) return fail("unsupportedFileType", `${fileName} is ${declared}; a document must be a PDF, JPEG or PNG file`, file.field);
  if (sniffed === undefined) return fail("unsupportedFileType", `${fileName} is not a PDF, JPEG or PNG file: its bytes do not start as one does`, file.field);
  if (!unspecified && sniffed !== declared) return fail("unsupportedFileType", `${fileName} is declared ${declared} but its bytes are a ${sniffed} file`, file.field);
  return ok({ fileName, contentType: sniffed });
}

/** The accepted type whose signature the bytes start with. */
function sniff(bytes: Uint8Array): DocumentContentType | undefined {
  return SIGNATURES.find(([, signature]) => signature.every((b, i) => bytes[i] === b))?.[0];
}

function isFileName(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return typeof value === "string" && value.length > 0 && value.length <= MAX_FILE_NAME_LENGTH && !/[\u0000-\u001f\u007f]/.test(value);
}
