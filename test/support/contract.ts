import { Validator } from "@cfworker/json-schema";

// Checks a response against the committed OpenAPI documents: a documented operation must
// answer a documented status, an error its listed `code`s, and a JSON body its schema. The
// Worker test helper runs it on every response, so the whole suite proves the contract.

interface MediaType {
  schema?: object;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: object;
}

interface Route {
  method: string;
  pattern: RegExp;
  template: string;
  operation: Operation;
  components: object | undefined;
}

export class Contract {
  readonly #routes: Route[];
  readonly #validators = new Map<string, Validator>();

  constructor(documents: Document[]) {
    this.#routes = documents.flatMap((document) =>
      Object.entries(document.paths).flatMap(([template, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          // Literal segments win over {params}: longer literal prefixes are tried first.
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
          operation,
          components: document.components,
        })),
      ),
    );
    this.#routes.sort((a, b) => literalLength(b.template) - literalLength(a.template));
  }

  /** What is wrong with this response for this request; empty when it keeps the contract. */
  async violations(method: string, url: string, response: Response): Promise<string[]> {
    const path = new URL(url).pathname;
    const route = this.#routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return [];
    const where = `${route.operation.operationId} (${method} ${path}) answered ${response.status}`;
    const documented = route.operation.responses[String(response.status)];
    if (!documented) return [`${where}: status not documented`];
    const media = documented.content?.["application/json"];
    const type = response.headers.get("content-type") ?? "";
    if (!media?.schema || !type.includes("application/json")) return [];
    const body = await response.clone().text();
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: body is not JSON`];
    }
    const key = `${route.operation.operationId} ${response.status}`;
    let validator = this.#validators.get(key);
    if (!validator) {
      validator = new Validator(
        { ...media.schema, components: route.components },
        "2020-12",
        false,
      );
      this.#validators.set(key, validator);
    }
    const result = validator.validate(value);
    if (result.valid) return [];
    const detail = result.errors
      .filter((error) => error.keyword !== "allOf" && error.keyword !== "properties")
      .slice(0, 3)
      .map((error) => `${error.instanceLocation}: ${error.error}`)
      .join("; ");
    return [
      `${where}: body does not match its schema: ${detail || result.errors[0]?.error} ${body.slice(0, 300)}`,
    ];
  }
}

const literalLength = (template: string) => template.replace(/\{[^}]+\}/g, "").length;
