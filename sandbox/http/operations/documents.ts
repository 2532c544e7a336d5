/** Handlers of the ClientProfile Documents (#11-#15) and RelatedIndividualsDocuments (#16-#18) operations. */
import type { DocumentOwner, DocumentType, Ledger, UploadFile } from "../../core/index.js";
import { normalizePage } from "../../core/index.js";
import { documentDto } from "../dto.js";
import { filesOf, type MultipartBody } from "../multipart.js";
import { respond, type HandlerFailure, type HandlerTable } from "./context.js";

/** The text fields every upload form has beside its files. */
interface UploadFields {
  documentType: DocumentType;
  description?: string;
}

/**
 * Stores the files of an upload form's `field` for the owner. `single` forms carry exactly one file part
 * under it; a form whose field holds no file part (a text part instead, or none) is a 400.
 */
function upload(ledger: Ledger, owner: DocumentOwner, body: MultipartBody<UploadFields>, field: "file" | "files") {
  const parts = filesOf(body, field);
  const single = field === "file";
  if (parts.length === 0 || (single && parts.length > 1)) {
    return { fieldErrors: { [field]: [single ? "must be one file part (a part with a filename)" : "must be file parts (parts with a filename)"] } } satisfies HandlerFailure;
  }
  const files: UploadFile[] = parts.map((p, i) => ({ field: single ? field : `${field}[${i}]`, fileName: p.fileName, declaredType: p.contentType, bytes: p.bytes }));
  return ledger.uploadDocuments({ ...owner, documentType: body.fields.documentType, description: body.fields.description ?? null, files });
}

/** A stored file as the download answers it: its bytes, its type and its name as an attachment. */
function download(ledger: Ledger, owner: DocumentOwner, documentId: string) {
  const read = ledger.readDocument(owner, documentId);
  if (!read.ok) return { error: read.error };
  const { document, content } = read.value;
  return { status: 200 as const, contentType: document.contentType, bytes: content, headers: { "content-disposition": attachment(document.fileName) } };
}

/**
 * `attachment; filename="..."` (RFC 6266): the name as it is when it is printable ASCII without quotes or
 * backslashes, else an ASCII stand-in plus the exact name as `filename*` in UTF-8 (RFC 8187).
 */
export function attachment(fileName: string): string {
  const plain = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (plain === fileName) return `attachment; filename="${fileName}"`;
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${plain}"; filename*=UTF-8''${exact}`;
}

function paged(ledger: Ledger, owner: DocumentOwner, query: { documentType?: DocumentType; page?: number; pageSize?: number }) {
  return respond(ledger.listDocuments(owner, query.documentType, normalizePage(query)), (page) => ({ ...page, items: page.items.map(documentDto) }));
}

/** Document handlers by operationId. */
export const documentHandlers: HandlerTable = {
  uploadClientDocument: ({ ledger, params, body }) => {
    const stored = upload(ledger, { clientId: params.path.clientId }, body, "file");
    return "fieldErrors" in stored ? stored : respond(stored, (list) => documentDto(list[0]!));
  },

  uploadClientDocuments: ({ ledger, params, body }) => {
    const stored = upload(ledger, { clientId: params.path.clientId }, body, "files");
    return "fieldErrors" in stored ? stored : respond(stored, (list) => list.map(documentDto));
  },

  uploadRelatedIndividualDocument: ({ ledger, params, body }) => {
    const stored = upload(ledger, { clientId: params.path.clientId, relatedIndividualId: params.path.relatedIndividualId }, body, "file");
    return "fieldErrors" in stored ? stored : respond(stored, (list) => documentDto(list[0]!));
  },

  downloadClientDocument: ({ ledger, params }) => download(ledger, { clientId: params.path.clientId }, params.path.documentId),

  downloadRelatedIndividualDocument: ({ ledger, params }) =>
    download(ledger, { clientId: params.path.clientId, relatedIndividualId: params.path.relatedIndividualId }, params.path.documentId),

  listClientDocuments: ({ ledger, params }) => paged(ledger, { clientId: params.path.clientId }, params.query),

  listRelatedIndividualDocuments: ({ ledger, params }) => paged(ledger, { clientId: params.path.clientId, relatedIndividualId: params.path.relatedIndividualId }, params.query),

  deleteClientDocument: ({ ledger, params }) => {
    const deleted = ledger.deleteDocument(params.path.clientId, params.path.documentId);
    return deleted.ok ? { status: 204 } : { error: deleted.error };
  },
};
