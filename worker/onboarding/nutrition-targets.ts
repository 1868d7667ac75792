// Placeholder until the coaching engine's nutrition module lands; replaced in this issue.
export function nutritionTargetsFor(_data: Record<string, unknown>): Record<string, unknown> {
  return {};
}
