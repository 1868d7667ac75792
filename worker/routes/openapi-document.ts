// Splits the generated OpenAPI document into the app's, the internal and the operators' one,
// each with only its own paths, the tags it uses (with descriptions) and the components it
// references.

export const DOCUMENT_NAMES = ["app", "internal", "admin"] as const;
export type DocumentName = (typeof DOCUMENT_NAMES)[number];

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string; description?: string }>;
  tags?: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
}

interface Operation {
  tags?: string[];
  security?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

interface SplitOptions {
  documentOf: (tags: string[]) => DocumentName;
  tags: Record<string, string>;
  titles: Record<DocumentName, string>;
  descriptions: Record<DocumentName, string>;
}

/** Every `#/components/...` reference reachable from `root`, following components too. */
function referencedComponents(root: unknown, components: OpenApiDocument["components"] = {}) {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
        if (seen.has(value)) continue;
        seen.add(value);
        const [, , kind, name] = value.split("/");
        visit(components[kind as string]?.[name as string]);
      } else visit(value);
    }
  };
  visit(root);
  return seen;
}

function subset(
  document: OpenApiDocument,
  which: DocumentName,
  options: SplitOptions,
): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const usedTags = new Set<string>();
  const schemes = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (options.documentOf(operation.tags ?? []) !== which) continue;
      paths[path] = { ...paths[path], [method]: operation };
      for (const tag of operation.tags ?? []) usedTags.add(tag);
      for (const requirement of operation.security ?? [])
        for (const scheme of Object.keys(requirement)) schemes.add(scheme);
    }
  }
  const refs = referencedComponents(paths, document.components);
  const components: Record<string, Record<string, unknown>> = {};
  for (const [kind, entries] of Object.entries(document.components ?? {})) {
    for (const [name, value] of Object.entries(entries)) {
      const used =
        kind === "securitySchemes" ? schemes.has(name) : refs.has(`#/components/${kind}/${name}`);
      if (used) components[kind] = { ...components[kind], [name]: value };
    }
  }
  return {
    openapi: document.openapi,
    info: {
      ...document.info,
      title: options.titles[which],
      description: options.descriptions[which],
    },
    tags: Object.entries(options.tags)
      .filter(([name]) => usedTags.has(name))
      .map(([name, description]) => ({ name, description })),
    paths,
    components,
  };
}

export function splitDocument(
  document: OpenApiDocument,
  options: SplitOptions,
): Record<DocumentName, OpenApiDocument> {
  return {
    app: subset(document, "app", options),
    internal: subset(document, "internal", options),
    admin: subset(document, "admin", options),
  };
}
