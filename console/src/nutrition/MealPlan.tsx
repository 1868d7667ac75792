import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";

// Today's meal plan (GET /v1/nutrition/plan), the one the coaches read: swap one meal for
// another with the same targets, or regenerate the day. The plan always respects the diet,
// allergies and dislikes of the profile.

type Plan = Schemas["MealPlanDay"];

export function MealPlan() {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    const outcome = await settle(api.GET("/v1/nutrition/plan"));
    if (outcome.ok) setPlan(outcome.data);
    else setProblem(outcome.problem);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setNote(null);
    await work();
    setBusy(false);
  };

  const swap = (slot: number, name: string) =>
    act(async () => {
      const outcome = await settle(
        api.POST("/v1/nutrition/plan/meals/{slot}/swap", { params: { path: { slot } } }),
      );
      if (!outcome.ok) return setProblem(outcome.problem);
      setPlan(outcome.data.plan);
      setNote(
        outcome.data.changed
          ? `${name} swapped.`
          : `No other ${name.toLowerCase()} fits your foods.`,
      );
    });

  const regenerate = () =>
    act(async () => {
      const outcome = await settle(api.POST("/v1/nutrition/plan/regenerate"));
      if (outcome.ok) setPlan(outcome.data);
      else setProblem(outcome.problem);
    });

  return (
    <section className="card" aria-label="Meal plan">
      <h2>Meal plan</h2>
      <ProblemNote problem={problem} />
      {plan && (
        <>
          <p className="lead">
            {plan.date}: {plan.totals.calories} kcal of {plan.targets.calories} · protein{" "}
            {plan.totals.protein_g} g of {plan.targets.protein_g}
            {!plan.within_tolerance && " · your food limits leave this day off target"}
          </p>
          {plan.meals.map((meal) => (
            <article key={meal.slot} className="plan-meal" aria-label={meal.name}>
              <h3>
                {meal.name} · {meal.totals.calories} kcal
              </h3>
              <ul>
                {meal.items.map((item) => (
                  <li key={item.food_id}>
                    {item.grams} g {item.name}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => swap(meal.slot, meal.name)}
              >
                Swap {meal.name.toLowerCase()}
              </button>
            </article>
          ))}
          <button type="button" className="secondary" disabled={busy} onClick={regenerate}>
            New plan for the day
          </button>
          {note && <output className="saved">{note}</output>}
        </>
      )}
    </section>
  );
}
