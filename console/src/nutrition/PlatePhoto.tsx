import type { Schemas } from "@fitness-coach/client";
import { useRef, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";

// A photo of the plate (POST /v1/meals/photo): the coach's vision model lists the foods and
// grams it sees, matched to foods, as a draft. Nothing is logged until the user confirms it,
// with any grams changed (POST /v1/meals/logs {draft_id, items}). "Try the sample plate" sends
// the console's sample photo, so the flow can be tried without a camera.

type Draft = Schemas["MealPhotoDraft"];

export function PlatePhoto({ onLogged }: { onLogged: () => void }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [grams, setGrams] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [logged, setLogged] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const send = async (photo: Blob) => {
    setBusy(true);
    setProblem(null);
    setLogged(null);
    const outcome = await settle(
      api.POST("/v1/meals/photo", {
        body: photo as never,
        // The bytes as they are: the route reads the image, not JSON.
        bodySerializer: ((body: Blob) => body) as never,
        headers: { "content-type": photo.type || "image/jpeg" },
      }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setDraft(outcome.data);
    setGrams(
      Object.fromEntries(outcome.data.items.map((item, i) => [String(i), String(item.grams)])),
    );
  };

  const sample = async () => {
    const response = await fetch("/sample-plate.jpg");
    await send(await response.blob());
  };

  const confirm = async () => {
    if (!draft) return;
    setBusy(true);
    const outcome = await settle(
      api.POST("/v1/meals/logs", {
        body: {
          meal: "lunch",
          draft_id: draft.id,
          items: draft.items.map((item, i) => ({
            food_id: item.food.id,
            grams: Number(grams[String(i)] ?? item.grams),
          })),
        },
      }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setLogged(`${outcome.data.calories} kcal logged from the photo.`);
    setDraft(null);
    onLogged();
  };

  return (
    <section className="card" aria-label="Photo of a plate">
      <h2>Photo of a plate</h2>
      <div className="inline-form">
        <label>
          Photo (JPEG or PNG, up to 5 MB)
          <input
            ref={file}
            type="file"
            accept="image/jpeg,image/png"
            onChange={(e) => {
              const picked = e.target.files?.[0];
              if (picked) void send(picked);
            }}
          />
        </label>
        <button type="button" className="secondary" disabled={busy} onClick={() => void sample()}>
          Try the sample plate
        </button>
      </div>
      {busy && <p>Looking at the plate…</p>}
      <ProblemNote problem={problem} />
      {draft && (
        <form
          aria-label="Draft meal"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <table>
            <caption>What the coach sees · {draft.totals.calories} kcal in all</caption>
            <thead>
              <tr>
                <th scope="col">Seen</th>
                <th scope="col">Food</th>
                <th scope="col">Grams</th>
                <th scope="col">Sure</th>
              </tr>
            </thead>
            <tbody>
              {draft.items.map((item, i) => (
                <tr key={`${item.food.id}-${item.seen_as}`}>
                  <td>{item.seen_as}</td>
                  <td>{item.food.name}</td>
                  <td>
                    <input
                      aria-label={`Grams of ${item.food.name}`}
                      inputMode="decimal"
                      value={grams[String(i)] ?? ""}
                      onChange={(e) => setGrams({ ...grams, [String(i)]: e.target.value })}
                    />
                  </td>
                  <td>{Math.round(item.confidence * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
          {draft.unmatched.length > 0 && (
            <p className="note">
              Not matched (search and log them above):{" "}
              {draft.unmatched.map((item) => `${item.seen_as} (~${item.grams} g)`).join(", ")}
            </p>
          )}
          <button type="submit" disabled={busy || draft.items.length === 0}>
            Log this meal
          </button>
        </form>
      )}
      {logged && <output className="saved">{logged}</output>}
    </section>
  );
}
