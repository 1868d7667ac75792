import { Screen } from "../components/Screen";

// The place for the operator's admin screens (users, jobs, parked schedules, usage). They
// wait for an admin API, which does not exist yet: add its routes to the API document,
// regenerate the client (`npm run openapi`), then build the screens here.

export function Admin() {
  return (
    <Screen title="Admin">
      <p>
        Admin screens come here once the API has admin routes (there are none yet). Until then, the
        operator's view is the logs and <a href="/docs">the API reference</a>.
      </p>
    </Screen>
  );
}
