// The one global the API reference page uses: Swagger UI's bundle (swagger-ui-dist) defines it when loaded.

/** What docs.js passes to Swagger UI (a part of its options). */
interface SwaggerUiOptions {
  spec: object;
  domNode: HTMLElement;
  validatorUrl: null;
  deepLinking: boolean;
  tryItOutEnabled: boolean;
  docExpansion: "list" | "full" | "none";
  defaultModelsExpandDepth: number;
  filter: boolean;
}

declare function SwaggerUIBundle(options: SwaggerUiOptions): unknown;
