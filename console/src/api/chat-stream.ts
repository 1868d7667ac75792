import type { Schemas } from "@fitness-coach/client";

// POST /v1/chat answers with Server-Sent Events. EventSource only does GET, so the console
// reads the response body itself: events are separated by a blank line, each with an
// `event:` name and `data:` lines holding JSON (the Worker ends lines with LF only).

export type ChatStreamEvent = Schemas["ChatStreamEvent"];

export async function* readChatEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ChatStreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) yield event;
      end = buffer.indexOf("\n\n");
    }
  }
}

function parseEvent(block: string): ChatStreamEvent | null {
  let name = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (data.length === 0) return null;
  return { event: name, data: JSON.parse(data.join("\n")) } as ChatStreamEvent;
}
