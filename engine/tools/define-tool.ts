import type { z } from "zod";

// A coach tool is defined once: name, description and a zod input, which validates every call
// and becomes the JSON Schema the models see. Text chat (at the edge) offers the definitions to
// Claude, the voice agent host offers them to its model; the calls run in the user's actor
// (durable-objects/tools/), typed by these inputs.

export interface ToolDefinition<N extends string = string, I extends z.ZodType = z.ZodType> {
  name: N;
  description: string;
  input: I;
}

export const defineTool = <const N extends string, I extends z.ZodType>(
  tool: ToolDefinition<N, I>,
) => tool;

/** The function call id, so a retried call is stored once. */
export const CALL_ID_DESCRIPTION = "The function call id, so a retried call is stored once.";
