import type { PlateDraft } from "../../engine/foods/plate-photo";
import { fail, ok } from "../../kernel/result";
import { ConcernApi } from "../front-door";
import { mealJson } from "../tracking/json";
import { logMeal } from "../tracking/rules";
import { photoJson, planJson } from "./json";

type MealInput = Parameters<typeof logMeal>[1];

/**
 * `actor.nutrition(userId)`: the stored meal plan (read, regenerate, swap a meal) and plate
 * photos (the budget of a look, the drafts, their confirmation into a meal log).
 */
export class NutritionApi extends ConcernApi {
  get #plans() {
    return this.modules.mealPlans;
  }

  get #photos() {
    return this.modules.mealPhotos;
  }

  async plan(date?: string) {
    const plan = await this.#plans.plan(date);
    return plan.ok ? ok(planJson(plan.value)) : plan;
  }

  async regeneratePlan(date?: string) {
    const plan = await this.#plans.regenerate(date);
    return plan.ok ? ok(planJson(plan.value)) : plan;
  }

  async swapMeal(slot: number, date?: string) {
    const swapped = await this.#plans.swap(slot, date);
    if (!swapped.ok) return swapped;
    return ok({ plan: planJson(swapped.value.plan), changed: swapped.value.changed });
  }

  /** A photo's place in today's allowance and a hold on the token budget (a verified address). */
  async beginPhoto() {
    return (await this.modules.account.unverified()) ?? this.#photos.begin();
  }

  /** After the model looked: its tokens counted, and the draft kept when there is one. */
  async finishPhoto(
    reservationId: string,
    tokens: number,
    photo: { id: string; key: string; draft: PlateDraft } | null,
  ) {
    await this.#photos.settle(reservationId, tokens);
    if (!photo) return null;
    return photoJson(await this.#photos.saveDraft(photo.id, photo.key, photo.draft));
  }

  draft(draftId: string) {
    const photo = this.#photos.get(draftId);
    return photo ? ok(photoJson(photo)) : draftNotFound();
  }

  /**
   * A draft confirmed into a meal log, once: its client id is the draft's, so a repeated
   * confirmation answers the same log (200) instead of logging the plate twice.
   */
  async confirmDraft(draftId: string, input: Omit<MealInput, "clientId">) {
    const photo = this.#photos.get(draftId);
    if (!photo) return draftNotFound();
    const logged = await logMeal(this.modules.tracking.context(), {
      ...input,
      clientId: `photo:${draftId}`,
    });
    if (!logged.ok) return logged;
    this.#photos.confirmed(draftId, logged.value.log.id);
    return ok({ log: mealJson(logged.value.log), created: logged.value.created });
  }

  /** Every photo and its draft (the export). */
  photos() {
    return this.#photos.all().map(photoJson);
  }
}

const draftNotFound = () =>
  fail<never>("meal_draft_not_found", "No plate-photo draft with this id.");
