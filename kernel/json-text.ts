// JSON made where its data lives (the actor keeps its hot answers as text, so a read crosses RPC
// as one string and is sent unchanged), typed by the value it encodes, so the edge's route is
// checked against its schema as if it had the object (worker/responses.ts sends it).

declare const encodes: unique symbol;

/** JSON text of a `T`. A string at run time; the type remembers what it encodes. */
export type JsonText<T> = string & { readonly [encodes]?: T };

export const jsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;
