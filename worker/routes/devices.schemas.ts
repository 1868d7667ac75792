import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "./common.schemas";

export const DeviceListQuery = z.object(pageQuery).strict();

export const DeviceBody = z
  .object({
    platform: z.enum(["ios", "android", "web"]),
    provider: z.enum(["expo", "fcm"]),
    token: z.string().trim().min(10).max(4096),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.provider === "expo" && !/^Expo(nent)?PushToken\[.+\]$/.test(body.token))
      ctx.addIssue({
        code: "custom",
        path: ["token"],
        message: "must be an Expo push token (ExponentPushToken[...])",
      });
  })
  .openapi("DeviceRegistration", {
    example: {
      platform: "ios",
      provider: "expo",
      token: "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]",
    },
  });

export const DeviceSchema = z
  .object({
    id: z.string(),
    platform: z.enum(["ios", "android", "web"]),
    provider: z.enum(["expo", "fcm"]),
    token: z.string().openapi({ description: "masked" }),
    created_at: z.string(),
    last_delivered_at: z.string().nullable(),
    last_seen_at: z
      .string()
      .openapi({ description: "when the app last registered it (apps do on every launch)" }),
  })
  .openapi("Device");

export const DeviceListSchema = pageOf(DeviceSchema, "DeviceList");
