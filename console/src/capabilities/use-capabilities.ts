import type { Schemas } from "@fitness-coach/client";
import { useEffect, useState } from "react";
import { api } from "../api/client";

// What this server has configured (GET /v1/capabilities, public), asked once per page load:
// screens say what is unavailable, and how to enable it, before anyone tries.

export type Capabilities = Schemas["Capabilities"];

let asked: Promise<Capabilities | null> | null = null;

function ask(): Promise<Capabilities | null> {
  asked ??= api
    .GET("/v1/capabilities")
    .then(({ data }) => data ?? null)
    .catch(() => null);
  return asked;
}

/** The server's capabilities, or null until they arrive (or when they cannot be read). */
export function useCapabilities(): Capabilities | null {
  const [capabilities, setCapabilities] = useState<Capabilities | null>(null);
  useEffect(() => {
    let current = true;
    void ask().then((answer) => {
      if (current) setCapabilities(answer);
    });
    return () => {
      current = false;
    };
  }, []);
  return capabilities;
}
