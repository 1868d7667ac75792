import { z } from "zod";
import { CALL_ID_DESCRIPTION, defineTool } from "./define-tool";

// Nutrition: today's targets against the logs, a meal plan that fits them, logging a meal.

export const nutritionTools = [
  defineTool({
    name: "get_nutrition_targets",
    description: "Daily calorie and macro targets, with what is logged today and what remains.",
    input: z.object({}).strict(),
  }),
  defineTool({
    name: "get_meal_plan",
    description: "A day's meal plan that fits the targets, diet, allergies and dislikes.",
    input: z.object({ variant: z.number().int().min(0).max(1000).default(0) }).strict(),
  }),
  defineTool({
    name: "get_current_meal",
    description: "The meal of the plan due around now in the user's timezone.",
    input: z.object({}).strict(),
  }),
  defineTool({
    name: "log_meal",
    description: "Log a meal with its calories and macros.",
    input: z
      .object({
        meal: z.string().min(1).max(40),
        calories: z.number().min(0).max(10000),
        protein_g: z.number().min(0).max(1000).default(0),
        fat_g: z.number().min(0).max(1000).default(0),
        carbs_g: z.number().min(0).max(2000).default(0),
        client_id: z.string().min(1).max(200).optional().describe(CALL_ID_DESCRIPTION),
      })
      .strict(),
  }),
];
