import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { FoodSearch } from "../nutrition/FoodSearch";
import { MealPlan } from "../nutrition/MealPlan";
import { PlatePhoto } from "../nutrition/PlatePhoto";
import { TodayTotals } from "../nutrition/TodayTotals";

// Nutrition: today's totals against the targets, logging a food by grams, a photo of the
// plate, and the day's meal plan with swaps.

export function Nutrition() {
  const [today, setToday] = useState<Schemas["NutritionToday"] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    const outcome = await settle(api.GET("/v1/nutrition/today"));
    if (outcome.ok) setToday(outcome.data);
    else setProblem(outcome.problem);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Screen title="Nutrition">
      <ProblemNote problem={problem} />
      {today && <TodayTotals today={today} />}
      <FoodSearch onLogged={() => void load()} />
      <PlatePhoto onLogged={() => void load()} />
      <MealPlan />
    </Screen>
  );
}
