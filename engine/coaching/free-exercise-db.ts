import type { Exercise } from "./exercise";
import type {
  BodyArea,
  Category,
  Equipment,
  Force,
  Level,
  Mechanic,
  Muscle,
  Pattern,
} from "./vocabulary";

// Maps records of the public-domain free-exercise-db (github.com/yuhonas/free-exercise-db)
// onto the catalog's Exercise shape. Pure: the caller reads the JSON. A record that cannot
// be mapped faithfully is skipped with a reason instead of being guessed into the catalog.
// Heuristics (documented in docs/coaching.md):
//   shoulders -> rear_delts for rear/reverse/face-pull/pull-apart/bent-over raises,
//                side_delts for lateral/side/upright-row/deltoid raises,
//                otherwise rear_delts when the force is pull, front_delts when not;
//   "middle back" -> upper_back; "abdominals" -> abs; "quadriceps" -> quads;
//   equipment null -> body_only; "bench", "incline" or "decline" in the name adds bench
//   (and replaces body_only); body-only pull-ups, chin-ups and hanging moves need a bar;
//   mechanic null -> compound when secondary muscles are listed, isolation otherwise;
//   pattern: see inferPattern; contraindications: see inferContraindications.

export const FREE_EXERCISE_DB_IMAGE_BASE_URL =
  "https://raw.githubusercontent.com/yuhonas/free-exercise-db/main/exercises/";

export interface FreeExerciseDbRecord {
  id: string;
  name: string;
  force?: string | null;
  level: string;
  mechanic: string | null;
  equipment: string | null;
  primaryMuscles: string[];
  secondaryMuscles: string[];
  instructions: string[];
  category: string;
  images: string[];
}

export type MapResult = { ok: true; exercise: Exercise } | { ok: false; reason: string };

export interface MapOptions {
  /** Prefix of image URLs; the record's first image path is appended. */
  imageBaseUrl?: string;
}

const MUSCLES: Readonly<Record<string, Muscle | "shoulders">> = {
  abdominals: "abs",
  abductors: "abductors",
  adductors: "adductors",
  biceps: "biceps",
  calves: "calves",
  chest: "chest",
  forearms: "forearms",
  glutes: "glutes",
  hamstrings: "hamstrings",
  lats: "lats",
  "lower back": "lower_back",
  "middle back": "upper_back",
  neck: "neck",
  quadriceps: "quads",
  shoulders: "shoulders",
  traps: "traps",
  triceps: "triceps",
};

const EQUIPMENT: Readonly<Record<string, Equipment>> = {
  barbell: "barbell",
  dumbbell: "dumbbell",
  cable: "cable",
  machine: "machine",
  kettlebells: "kettlebell",
  bands: "resistance_band",
  "body only": "body_only",
  "e-z curl bar": "ez_bar",
  "medicine ball": "medicine_ball",
  "exercise ball": "exercise_ball",
  "foam roll": "foam_roll",
  other: "other",
};

const CATEGORIES: Readonly<Record<string, Category>> = {
  strength: "strength",
  powerlifting: "strength",
  "olympic weightlifting": "strength",
  strongman: "strength",
  stretching: "mobility",
  cardio: "conditioning",
  plyometrics: "plyometrics",
};

const LEVELS: Readonly<Record<string, Level>> = {
  beginner: "beginner",
  intermediate: "intermediate",
  expert: "advanced",
};

const FORCES: Readonly<Record<string, Force>> = { push: "push", pull: "pull", static: "static" };
const MECHANICS: Readonly<Record<string, Mechanic>> = {
  compound: "compound",
  isolation: "isolation",
};

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function deltHead(name: string, force: Force | null): Muscle {
  if (/rear|reverse fl|face pull|pull apart|bent[- ]over.*(raise|lateral|fl)|back fl/i.test(name)) {
    return "rear_delts";
  }
  if (/lateral|side raise|side lateral|upright row|deltoid raise/i.test(name)) return "side_delts";
  return force === "pull" ? "rear_delts" : "front_delts";
}

const has = (muscles: readonly Muscle[], ...wanted: Muscle[]) =>
  wanted.some((muscle) => muscles.includes(muscle));

/** Movement pattern from category, name, mechanic and muscles; null when nothing fits. */
export function inferPattern(
  name: string,
  category: Category,
  mechanic: Mechanic,
  primary: readonly Muscle[],
): Pattern | null {
  if (category === "mobility") return "mobility";
  if (category === "conditioning" || category === "plyometrics") return "conditioning";
  if (/carry|farmer|yoke|suitcase/i.test(name)) return "carry";
  if (/lunge|split squat|step[- ]?up|bulgarian/i.test(name)) return "lunge";
  if (/squat|leg press|hack/i.test(name)) return "squat";
  if (
    /deadlift|good ?morning|hip thrust|bridge|swing|hyperextension|back extension|pull[- ]?through|romanian|clean|snatch/i.test(
      name,
    )
  ) {
    return "hinge";
  }
  if (
    has(primary, "abs", "obliques") ||
    /crunch|sit-?up|plank|twist|rollout|leg raise/i.test(name)
  ) {
    return "core";
  }
  if (mechanic === "isolation") return "isolation";
  if (/pull-?up|chin-?up|pulldown|pull-down|muscle[- ]up/i.test(name)) return "vertical_pull";
  if (/\brows?\b|rowing/i.test(name)) return "horizontal_pull";
  if (/overhead|shoulder press|military|push press|jerk|handstand|arnold/i.test(name)) {
    return "vertical_push";
  }
  if (/bench|push-?up|dip|chest press|floor press/i.test(name)) return "horizontal_push";
  if (has(primary, "chest", "triceps")) return "horizontal_push";
  if (has(primary, "front_delts", "side_delts")) return "vertical_push";
  if (has(primary, "lats")) return "vertical_pull";
  if (has(primary, "upper_back", "rear_delts")) return "horizontal_pull";
  if (has(primary, "quads")) return "squat";
  if (has(primary, "hamstrings", "glutes", "lower_back")) return "hinge";
  return null;
}

/** Body areas an exercise loads, by pattern and name; a conservative heuristic. */
export function inferContraindications(
  name: string,
  pattern: Pattern,
  category: Category,
  primary: readonly Muscle[],
): BodyArea[] {
  const areas = new Set<BodyArea>();
  if (pattern === "squat" || pattern === "lunge") areas.add("knee");
  if (pattern === "hinge") areas.add("lower_back");
  if (pattern === "vertical_push" || pattern === "vertical_pull") areas.add("shoulder");
  if (pattern === "horizontal_push" && /bench|dip|press/i.test(name)) areas.add("shoulder");
  if (category === "plyometrics") {
    areas.add("knee");
    areas.add("ankle");
  }
  if (primary.includes("neck")) areas.add("neck");
  if (/curl|skull|triceps extension|kickback/i.test(name)) areas.add("elbow");
  if (/wrist|push-?up|handstand/i.test(name)) areas.add("wrist");
  return [...areas];
}

function cuesFrom(instructions: readonly string[]): string[] {
  return instructions
    .map((step) => step.trim())
    .filter((step) => step.length > 0)
    .slice(0, 4)
    .map((step) => {
      const sentence = step.split(/(?<=\.)\s/)[0] ?? step;
      return sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}...` : sentence;
    });
}

const REQUIRED = [
  "id",
  "name",
  "level",
  "mechanic",
  "equipment",
  "primaryMuscles",
  "secondaryMuscles",
  "instructions",
  "category",
  "images",
] as const;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Checks the record's shape; returns a reason or null. */
function shapeProblem(record: Record<string, unknown>): string | null {
  for (const key of REQUIRED) if (!(key in record)) return `missing_field:${key}`;
  if (typeof record.id !== "string" || !/^[0-9a-zA-Z_-]+$/.test(record.id))
    return "invalid_field:id";
  if (typeof record.name !== "string" || record.name.trim() === "") return "invalid_field:name";
  for (const key of ["level", "category"] as const) {
    if (typeof record[key] !== "string") return `invalid_field:${key}`;
  }
  for (const key of ["mechanic", "equipment", "force"] as const) {
    const value = record[key];
    if (value !== undefined && value !== null && typeof value !== "string")
      return `invalid_field:${key}`;
  }
  for (const key of ["primaryMuscles", "secondaryMuscles", "instructions", "images"] as const) {
    if (!isStringArray(record[key])) return `invalid_field:${key}`;
  }
  return null;
}

export function mapFreeExerciseDbRecord(input: unknown, options: MapOptions = {}): MapResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, reason: "not_an_object" };
  }
  const problem = shapeProblem(input as Record<string, unknown>);
  if (problem) return { ok: false, reason: problem };
  const record = input as FreeExerciseDbRecord;

  const level = LEVELS[record.level];
  if (!level) return { ok: false, reason: `unknown_level:${record.level}` };
  const category = CATEGORIES[record.category];
  if (!category) return { ok: false, reason: `unknown_category:${record.category}` };
  const force = record.force == null ? null : FORCES[record.force];
  if (force === undefined) return { ok: false, reason: `unknown_force:${record.force}` };

  const mapMuscles = (names: readonly string[]): Muscle[] | string => {
    const out: Muscle[] = [];
    for (const name of names) {
      const mapped = MUSCLES[name];
      if (!mapped) return `unknown_muscle:${name}`;
      const muscle = mapped === "shoulders" ? deltHead(record.name, force) : mapped;
      if (!out.includes(muscle)) out.push(muscle);
    }
    return out;
  };
  const primary = mapMuscles(record.primaryMuscles);
  if (typeof primary === "string") return { ok: false, reason: primary };
  if (primary.length === 0) return { ok: false, reason: "no_primary_muscle" };
  const secondaryAll = mapMuscles(record.secondaryMuscles);
  if (typeof secondaryAll === "string") return { ok: false, reason: secondaryAll };
  const secondary = secondaryAll.filter((muscle) => !primary.includes(muscle));

  const base = record.equipment === null ? "body_only" : EQUIPMENT[record.equipment];
  if (!base) return { ok: false, reason: `unknown_equipment:${record.equipment}` };
  let equipment: Equipment[] = [base];
  if (base === "body_only" && /pull-?up|chin-?up|hanging|muscle[- ]up/i.test(record.name)) {
    equipment = ["pull_up_bar"];
  }
  if (/\bbench\b|incline|decline/i.test(record.name)) {
    equipment = [...equipment.filter((item) => item !== "body_only"), "bench"];
  }

  const mechanic: Mechanic =
    record.mechanic == null
      ? secondary.length > 0
        ? "compound"
        : "isolation"
      : (MECHANICS[record.mechanic] ?? "isolation");
  if (record.mechanic != null && !MECHANICS[record.mechanic]) {
    return { ok: false, reason: `unknown_mechanic:${record.mechanic}` };
  }
  const pattern = inferPattern(record.name, category, mechanic, primary);
  if (!pattern) return { ok: false, reason: "no_pattern" };
  const cues = cuesFrom(record.instructions);
  if (cues.length === 0) return { ok: false, reason: "no_instructions" };
  const slug = slugify(record.id);
  if (slug === "") return { ok: false, reason: "invalid_field:id" };
  const imageBase = options.imageBaseUrl ?? FREE_EXERCISE_DB_IMAGE_BASE_URL;
  const firstImage = record.images[0];

  return {
    ok: true,
    exercise: {
      id: `fedb-${slug}`,
      name: record.name.trim(),
      category,
      primary_muscles: primary,
      secondary_muscles: secondary,
      equipment,
      mechanic,
      force,
      level,
      pattern,
      cues,
      contraindications: inferContraindications(record.name, pattern, category, primary),
      image_url: firstImage ? `${imageBase.replace(/\/?$/, "/")}${firstImage}` : null,
      source: "free-exercise-db",
      source_id: record.id,
    },
  };
}

export interface SkippedRecord {
  index: number;
  source_id: string | null;
  reason: string;
}

export type FreeExerciseDbImport =
  | {
      ok: true;
      mapped: Exercise[];
      skipped: SkippedRecord[];
      counts: { total: number; mapped: number; skipped: number; by_reason: Record<string, number> };
    }
  | { ok: false; error: "top_level_not_array" };

/** Maps a whole exercises.json. Duplicate ids (after slugging) keep the first record. */
export function validateFreeExerciseDbFile(
  json: unknown,
  options: MapOptions = {},
): FreeExerciseDbImport {
  if (!Array.isArray(json)) return { ok: false, error: "top_level_not_array" };
  const mapped: Exercise[] = [];
  const skipped: SkippedRecord[] = [];
  const seen = new Set<string>();
  json.forEach((record: unknown, index) => {
    const result = mapFreeExerciseDbRecord(record, options);
    const sourceId =
      typeof record === "object" &&
      record !== null &&
      typeof (record as { id?: unknown }).id === "string"
        ? (record as { id: string }).id
        : null;
    if (!result.ok) {
      skipped.push({ index, source_id: sourceId, reason: result.reason });
    } else if (seen.has(result.exercise.id)) {
      skipped.push({ index, source_id: sourceId, reason: "duplicate_id" });
    } else {
      seen.add(result.exercise.id);
      mapped.push(result.exercise);
    }
  });
  const byReason: Record<string, number> = {};
  for (const skip of skipped) byReason[skip.reason] = (byReason[skip.reason] ?? 0) + 1;
  return {
    ok: true,
    mapped,
    skipped,
    counts: {
      total: json.length,
      mapped: mapped.length,
      skipped: skipped.length,
      by_reason: byReason,
    },
  };
}
