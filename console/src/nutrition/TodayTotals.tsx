import type { Schemas } from "@fitness-coach/client";

// Today's totals against the targets (GET /v1/nutrition/today): both kinds of meal logs, by
// food and amount and quick calories, are in the logged figures.

const ROWS = [
  ["calories", "Calories", "kcal"],
  ["protein_g", "Protein", "g"],
  ["carbs_g", "Carbohydrate", "g"],
  ["fat_g", "Fat", "g"],
] as const;

export function TodayTotals({ today }: { today: Schemas["NutritionToday"] }) {
  return (
    <table className="nutrition-totals">
      <caption>
        Today ({today.date}): {today.logged.meals} {today.logged.meals === 1 ? "meal" : "meals"}{" "}
        logged
      </caption>
      <thead>
        <tr>
          <th scope="col">Nutrient</th>
          <th scope="col">Logged</th>
          <th scope="col">Target</th>
          <th scope="col">Remaining</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([key, label, unit]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>
              {today.logged[key]} {unit}
            </td>
            <td>
              {today.targets[key]} {unit}
            </td>
            <td>
              <meter
                min={0}
                max={today.targets[key] || 1}
                value={Math.min(today.logged[key], today.targets[key])}
                aria-label={`${label} logged of target`}
              />{" "}
              {today.remaining[key]} {unit}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
