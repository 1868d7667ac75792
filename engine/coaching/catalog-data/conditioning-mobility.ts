import { defineExercise, type Exercise, type ExerciseSpec } from "../exercise";

// Conditioning and plyometric drills (pattern `conditioning`, counted in reps: one rep is
// one movement, one stroke or one rope turn) and mobility drills (pattern `mobility`, used
// for warm-ups, never for volume).

type DrillSpec = Omit<ExerciseSpec, "pattern" | "mechanic" | "level" | "category"> &
  Partial<Pick<ExerciseSpec, "level" | "mechanic">>;

const conditioning = (spec: DrillSpec, category: "conditioning" | "plyometrics"): Exercise =>
  defineExercise({
    ...spec,
    category,
    pattern: "conditioning",
    mechanic: spec.mechanic ?? "compound",
    level: spec.level ?? "beginner",
  });

const mobility = (spec: DrillSpec): Exercise =>
  defineExercise({
    ...spec,
    category: "mobility",
    pattern: "mobility",
    mechanic: spec.mechanic ?? "isolation",
    level: spec.level ?? "beginner",
  });

export const CONDITIONING_EXERCISES: readonly Exercise[] = [
  conditioning(
    {
      id: "burpee",
      name: "Burpee",
      primary_muscles: ["quads", "chest"],
      secondary_muscles: ["front_delts", "triceps", "abs"],
      equipment: ["body_only"],
      force: "push",
      cues: ["Hands down, jump the feet back", "Chest to the floor", "Jump up and clap overhead"],
      contraindications: ["knee", "wrist", "shoulder"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "jumping-jack",
      name: "Jumping Jack",
      primary_muscles: ["calves"],
      secondary_muscles: ["abductors", "side_delts"],
      equipment: ["body_only"],
      force: null,
      cues: ["Land softly on the balls of the feet", "Arms meet overhead", "Keep a steady rhythm"],
      contraindications: ["ankle", "knee"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "mountain-climber",
      name: "Mountain Climber",
      primary_muscles: ["abs"],
      secondary_muscles: ["front_delts", "quads"],
      equipment: ["body_only"],
      force: "pull",
      cues: [
        "Strong plank, hands under shoulders",
        "Drive the knees to the chest in turn",
        "Hips stay low",
      ],
      contraindications: ["wrist"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "high-knees",
      name: "High Knees",
      primary_muscles: ["calves"],
      secondary_muscles: ["quads", "abs"],
      equipment: ["body_only"],
      force: null,
      cues: ["Knees to hip height", "Quick, light contacts", "Pump the arms"],
      contraindications: ["knee", "ankle"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "bear-crawl",
      name: "Bear Crawl",
      primary_muscles: ["abs"],
      secondary_muscles: ["front_delts", "quads"],
      equipment: ["body_only"],
      force: "push",
      cues: [
        "Knees hover just off the floor",
        "Move opposite hand and foot",
        "Back flat like a table",
      ],
      contraindications: ["wrist"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "kettlebell-thruster",
      name: "Kettlebell Thruster",
      level: "intermediate",
      primary_muscles: ["quads", "front_delts"],
      secondary_muscles: ["glutes", "triceps"],
      equipment: ["kettlebell"],
      force: "push",
      cues: [
        "Bells in the rack",
        "Squat, then drive the bells overhead in one motion",
        "Breathe at the top",
      ],
      contraindications: ["knee", "shoulder"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "dumbbell-thruster",
      name: "Dumbbell Thruster",
      level: "intermediate",
      primary_muscles: ["quads", "front_delts"],
      secondary_muscles: ["glutes", "triceps"],
      equipment: ["dumbbell"],
      force: "push",
      cues: [
        "Bells on the shoulders",
        "Use the leg drive to press",
        "Keep the elbows up in the squat",
      ],
      contraindications: ["knee", "shoulder"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "medicine-ball-slam",
      name: "Medicine Ball Slam",
      primary_muscles: ["abs"],
      secondary_muscles: ["lats", "front_delts"],
      equipment: ["medicine_ball"],
      force: "pull",
      cues: [
        "Reach the ball overhead",
        "Slam it down in front of your feet",
        "Hinge to pick it up",
      ],
      contraindications: ["lower_back", "shoulder"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "rowing-machine-sprint",
      name: "Rowing Machine Sprint",
      primary_muscles: ["upper_back"],
      secondary_muscles: ["quads", "lats", "biceps"],
      equipment: ["machine"],
      force: "pull",
      cues: ["Legs, then body, then arms", "Count strokes as reps", "Return in reverse order"],
      contraindications: ["lower_back"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "jump-rope",
      name: "Jump Rope",
      primary_muscles: ["calves"],
      secondary_muscles: ["forearms"],
      equipment: ["other"],
      force: null,
      cues: ["Turn the rope from the wrists", "Small, springy jumps", "Count turns as reps"],
      contraindications: ["ankle"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "battle-rope-waves",
      name: "Battle Rope Waves",
      level: "intermediate",
      primary_muscles: ["front_delts"],
      secondary_muscles: ["forearms", "abs"],
      equipment: ["other"],
      force: "pull",
      cues: ["Athletic half-squat", "Alternate fast arm waves", "Count each arm wave as a rep"],
      contraindications: ["shoulder"],
    },
    "conditioning",
  ),
  conditioning(
    {
      id: "squat-jump",
      name: "Squat Jump",
      level: "intermediate",
      primary_muscles: ["quads"],
      secondary_muscles: ["glutes", "calves"],
      equipment: ["body_only"],
      force: "push",
      cues: ["Quarter to half squat", "Explode straight up", "Land softly and reset"],
      contraindications: ["knee", "ankle"],
    },
    "plyometrics",
  ),
  conditioning(
    {
      id: "skater-hop",
      name: "Skater Hop",
      primary_muscles: ["glutes"],
      secondary_muscles: ["quads", "abductors"],
      equipment: ["body_only"],
      force: "push",
      cues: [
        "Leap sideways onto one foot",
        "Stick the landing for a beat",
        "Swing the arms across",
      ],
      contraindications: ["knee", "ankle"],
    },
    "plyometrics",
  ),
  conditioning(
    {
      id: "jumping-lunge",
      name: "Jumping Lunge",
      level: "advanced",
      primary_muscles: ["quads"],
      secondary_muscles: ["glutes", "calves"],
      equipment: ["body_only"],
      force: "push",
      cues: ["Start in a lunge", "Jump and switch legs in the air", "Land softly in a lunge"],
      contraindications: ["knee", "ankle"],
    },
    "plyometrics",
  ),
  conditioning(
    {
      id: "box-jump",
      name: "Box Jump",
      level: "intermediate",
      primary_muscles: ["quads"],
      secondary_muscles: ["glutes", "calves"],
      equipment: ["other"],
      force: "push",
      cues: [
        "Swing the arms and jump",
        "Land softly with the whole foot on the box",
        "Step down, do not jump down",
      ],
      contraindications: ["knee", "ankle"],
    },
    "plyometrics",
  ),
  conditioning(
    {
      id: "medicine-ball-chest-pass",
      name: "Medicine Ball Chest Pass",
      primary_muscles: ["chest"],
      secondary_muscles: ["triceps", "front_delts"],
      equipment: ["medicine_ball"],
      force: "push",
      cues: ["Face a solid wall", "Throw explosively from the chest", "Catch with soft elbows"],
      contraindications: ["wrist", "shoulder"],
    },
    "plyometrics",
  ),
  conditioning(
    {
      id: "clap-push-up",
      name: "Clap Push-Up",
      level: "advanced",
      primary_muscles: ["chest"],
      secondary_muscles: ["triceps", "front_delts"],
      equipment: ["body_only"],
      force: "push",
      cues: [
        "Lower fast, push explosively",
        "Clap and catch with bent elbows",
        "Stop when the push slows",
      ],
      contraindications: ["wrist", "shoulder"],
    },
    "plyometrics",
  ),
];

export const MOBILITY_EXERCISES: readonly Exercise[] = [
  mobility({
    id: "foam-roll-thoracic-extension",
    name: "Foam Roller Thoracic Extension",
    primary_muscles: ["upper_back"],
    equipment: ["foam_roll"],
    force: null,
    cues: [
      "Roller across the upper back",
      "Hands support the head",
      "Extend over the roller, segment by segment",
    ],
  }),
  mobility({
    id: "foam-roll-quads",
    name: "Foam Roller Quad Roll",
    primary_muscles: ["quads"],
    equipment: ["foam_roll"],
    force: null,
    cues: ["Lie face down on the roller", "Roll hip to knee slowly", "Pause on tender spots"],
  }),
  mobility({
    id: "cat-cow",
    name: "Cat-Cow",
    primary_muscles: ["lower_back"],
    secondary_muscles: ["abs"],
    equipment: ["body_only"],
    force: null,
    cues: ["On hands and knees", "Round the spine, then arch it", "Move with the breath"],
  }),
  mobility({
    id: "kneeling-hip-flexor-stretch",
    name: "Kneeling Hip Flexor Stretch",
    primary_muscles: ["quads"],
    equipment: ["body_only"],
    force: "static",
    cues: [
      "Half-kneeling",
      "Tuck the pelvis under",
      "Shift forward until the front of the hip stretches",
    ],
    contraindications: ["knee"],
  }),
  mobility({
    id: "worlds-greatest-stretch",
    name: "World's Greatest Stretch",
    primary_muscles: ["hamstrings"],
    secondary_muscles: ["adductors", "upper_back"],
    equipment: ["body_only"],
    force: null,
    cues: [
      "Long lunge, hand inside the front foot",
      "Rotate the other arm to the ceiling",
      "Straighten the front leg",
    ],
  }),
  mobility({
    id: "band-shoulder-pass-through",
    name: "Band Shoulder Pass-Through",
    primary_muscles: ["front_delts"],
    secondary_muscles: ["chest"],
    equipment: ["resistance_band"],
    force: null,
    cues: ["Wide grip on the band", "Arc it over the head to the back", "Keep the arms straight"],
    contraindications: ["shoulder"],
  }),
  mobility({
    id: "exercise-ball-back-extension-stretch",
    name: "Exercise Ball Back Stretch",
    primary_muscles: ["abs"],
    secondary_muscles: ["chest"],
    equipment: ["exercise_ball"],
    force: null,
    cues: [
      "Lie back over the ball",
      "Let the arms fall overhead",
      "Breathe slowly for thirty seconds",
    ],
  }),
];
