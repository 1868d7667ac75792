import type { Schemas } from "@fitness-coach/client";
import { useRef, useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { numberFrom } from "../workout/units";

// Search foods (GET /v1/foods: built-in foods, the shared cache and, with a key, USDA
// FoodData Central), pick one and log it by grams or servings (POST /v1/meals/logs with
// `items`). The log's client_id is kept until the API accepted it, so a retry never logs twice.

type Food = Schemas["Food"];
type FoodList = Schemas["FoodSearch"];

const MEALS = ["breakfast", "lunch", "dinner", "snack"] as const;

export function FoodSearch({ onLogged }: { onLogged: () => void }) {
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<FoodList | null>(null);
  const [food, setFood] = useState<Food | null>(null);
  const [amount, setAmount] = useState("");
  const [unit, setUnit] = useState<"grams" | "servings">("grams");
  const [meal, setMeal] = useState<(typeof MEALS)[number]>("lunch");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [logged, setLogged] = useState<string | null>(null);
  const clientId = useRef<string | null>(null);
  const errors = fieldMessages(problem, { q: "Search", grams: "Grams", servings: "Servings" });

  const search = async () => {
    setProblem(null);
    const outcome = await settle(
      api.GET("/v1/foods", { params: { query: { q: query, limit: 10 } } }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    setFound(outcome.data);
    setFood(null);
  };

  const log = async () => {
    if (!food) return;
    clientId.current ??= crypto.randomUUID();
    const value = numberFrom(amount);
    const outcome = await settle(
      api.POST("/v1/meals/logs", {
        body: {
          client_id: clientId.current,
          meal,
          items: [
            unit === "grams"
              ? { food_id: food.id, grams: value }
              : { food_id: food.id, servings: value },
          ],
        },
      }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    clientId.current = null;
    setProblem(null);
    setLogged(
      `${outcome.data.foods?.[0]?.grams ?? value} g of ${food.name}: ${outcome.data.calories} kcal`,
    );
    setAmount("");
    onLogged();
  };

  return (
    <section className="card" aria-label="Log a food">
      <h2>Log a food</h2>
      <form
        className="inline-form"
        aria-label="Search foods"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <Field label="Food" error={errors.q}>
          {(control) => (
            <input
              {...control}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      {found && providerNote(found) && <p className="note">{providerNote(found)}</p>}
      {found && found.items.length === 0 && <p>No food matches “{query}”.</p>}
      {found && found.items.length > 0 && (
        <ul className="food-results" aria-label="Foods found">
          {found.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.id === food?.id ? "choice selected" : "choice"}
                aria-pressed={item.id === food?.id}
                onClick={() => setFood(item)}
              >
                {item.name}
                {item.brand && ` (${item.brand})`} · {item.per_100g.kcal} kcal/100 g ·{" "}
                <span className="source">{SOURCE_LABELS[item.source]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {food && (
        <form
          className="inline-form"
          aria-label={`Log ${food.name}`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void log();
          }}
        >
          <Field
            label={
              unit === "grams"
                ? "Grams"
                : `Servings (${food.serving.label}, ${food.serving.grams} g)`
            }
            error={errors[unit]}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            )}
          </Field>
          <Field label="Amount in">
            {(control) => (
              <select
                {...control}
                value={unit}
                onChange={(e) => setUnit(e.target.value as typeof unit)}
              >
                <option value="grams">grams</option>
                <option value="servings">servings</option>
              </select>
            )}
          </Field>
          <Field label="Meal">
            {(control) => (
              <select
                {...control}
                value={meal}
                onChange={(e) => setMeal(e.target.value as typeof meal)}
              >
                {MEALS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">Log</button>
        </form>
      )}
      {logged && <output className="saved">Logged {logged}.</output>}
      {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
    </section>
  );
}

export const SOURCE_LABELS: Record<Food["source"], string> = {
  builtin: "built-in",
  fdc: "USDA FoodData Central",
  off: "Open Food Facts",
};

/** What FoodData Central added to the answer, when it is worth saying. */
function providerNote(found: FoodList): string | null {
  const { fdc, retry_after_seconds } = found.providers;
  if (fdc === "not_configured")
    return "Built-in and cached foods only: no FoodData Central key is configured.";
  if (fdc === "rate_limited")
    return `FoodData Central is busy; only cached foods are shown (try again in ${retry_after_seconds ?? 60} s).`;
  if (fdc === "unavailable") return "FoodData Central could not be reached; cached foods only.";
  return null;
}
