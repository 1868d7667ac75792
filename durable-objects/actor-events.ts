// What changed in the user's actor, announced once by the module that wrote it. The parts
// that cache or derive from it (the coaching context, the realtime feed, reminders) listen
// here, instead of every writer resetting every cache by hand.

export type ChangedPart =
  | "account"
  | "onboarding"
  | "profile"
  | "program"
  | "adherence"
  | "voice"
  | "health";

type Listener = (part: ChangedPart) => void | Promise<void>;

export class ActorEvents {
  readonly #listeners: Listener[] = [];

  on(listener: Listener): void {
    this.#listeners.push(listener);
  }

  async changed(part: ChangedPart): Promise<void> {
    for (const listener of this.#listeners) await listener(part);
  }
}
