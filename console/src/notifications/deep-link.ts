// The console's screen for a notification's deep link (data.deep_link, the app's `app://`
// links: docs/reminders.md, "Deep links"), so a notification opens the same place in the
// console as in the app. The console has no meal log screen: a meal's link opens Today.

const ROUTES: ReadonlyArray<[prefix: string, route: string]> = [
  ["app://workout/today", "/today"],
  ["app://meals/log", "/today"],
  ["app://today", "/today"],
  ["app://body/weight/log", "/progress"],
  ["app://program", "/program"],
];

/** The console path for a deep link, or null for a link it does not know. */
export function consoleRoute(deepLink: string | null | undefined): string | null {
  if (!deepLink) return null;
  const path = deepLink.split("?")[0];
  return ROUTES.find(([prefix]) => path === prefix)?.[1] ?? null;
}
