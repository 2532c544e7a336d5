/** The small part of the OpenAPI 3.1 object model that the HTTP entry reads. */

/** A JSON Schema (2020-12) as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

/** A parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  $ref?: string;
}

/** A media type entry of a request body or response. */
export interface OpenApiMedia {
  schema?: JsonSchema;
}

/** A request body or a response. */
export interface OpenApiBody {
  $ref?: string;
  required?: boolean;
  content?: Record<string, OpenApiMedia>;
}

/** One operation. */
export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiBody;
  responses?: Record<string, OpenApiBody>;
  security?: Record<string, string[]>[];
  [extension: string]: unknown;
}

/** A whole document. */
export interface OpenApiDocument {
  openapi: string;
  paths?: Record<string, Record<string, OpenApiOperation | OpenApiParameter[] | unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
