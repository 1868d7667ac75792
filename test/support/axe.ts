// The accessibility check of a console screen: axe-core (pinned, through @axe-core/playwright)
// on the page as it is, reporting the violations a user of assistive technology would hit
// hardest (impact serious or critical), one readable line each.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}
