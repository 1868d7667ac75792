import type { Cursor } from "../../kernel/pages";
import { pageJson } from "../../kernel/pages";
import { ConcernApi } from "../front-door";
import type { Device } from "./devices";
import { maskToken } from "./mask-token";

/** A device as the API shows it: the token's ends only. */
const deviceJson = (device: Device): Device => ({ ...device, token: maskToken(device.token) });

/** `actor.devices(userId)`: the devices pushes go to. */
export class DevicesApi extends ConcernApi {
  /** Registers a token (every app launch): a known one is marked seen and answered as is. */
  register(input: Pick<Device, "platform" | "provider" | "token">) {
    const { device, created } = this.modules.devices.register(input);
    return { device: deviceJson(device), created };
  }

  list(page: { limit: number; after?: Cursor }) {
    return pageJson(this.modules.devices.page(page), deviceJson);
  }

  /** Removes a device; answers its token (the edge releases its claim), null when none. */
  remove(deviceId: string) {
    return this.modules.devices.remove(deviceId);
  }
}
