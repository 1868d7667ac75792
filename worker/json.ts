/** A JSON value. Durable Object RPC can carry it (unlike `unknown`, which its types reject). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
