import { useEffect, useSyncExternalStore } from "react";
import { AccountScreen } from "./account/AccountScreen";
import { AccountLinkScreen, isAccountLink } from "./account-links/AccountLinks";
import { api } from "./api/client";
import { RealtimeProvider, useRealtimeStatus } from "./api/realtime-context";
import { getSession, roleOf, type Session, setSession, subscribeSession } from "./api/session";
import { Link, navigate, usePath } from "./router";
import { Admin } from "./screens/Admin";
import { Coach } from "./screens/Coach";
import { Health } from "./screens/Health";
import { Notifications } from "./screens/Notifications";
import { Nutrition } from "./screens/Nutrition";
import { Onboarding } from "./screens/Onboarding";
import { Program } from "./screens/Program";
import { Progress } from "./screens/Progress";
import { SignIn } from "./screens/SignIn";
import { Today } from "./screens/Today";
import { Voice } from "./screens/Voice";

// The console's shell: sign-in until there is a session, then the screens, one per path.
// Admin shows only when the access token's `role` claim is `admin` (the server checks anyway).

const SCREENS = [
  { path: "/onboarding", label: "Onboarding" },
  { path: "/program", label: "Program" },
  { path: "/today", label: "Today" },
  { path: "/progress", label: "Progress" },
  { path: "/nutrition", label: "Nutrition" },
  { path: "/health", label: "Health" },
  { path: "/coach", label: "Coach" },
  { path: "/notifications", label: "Notifications" },
  { path: "/voice", label: "Voice" },
  { path: "/account", label: "Account" },
  // Not /admin: that path and everything under it is the admin API's (run_worker_first).
  { path: "/operators", label: "Admin", adminOnly: true },
] as const;

function screensFor(admin: boolean) {
  return SCREENS.filter((screen) => admin || !("adminOnly" in screen));
}

export function App() {
  const session = useSyncExternalStore(subscribeSession, getSession);
  const path = usePath();
  // An emailed link's screen shows signed in or not (it may open in a tab with no session).
  if (!session || isAccountLink(path))
    return (
      <>
        <header className="top">
          <p className="brand">Fitness Coach console</p>
        </header>
        <main>{isAccountLink(path) ? <AccountLinkScreen path={path} /> : <SignIn />}</main>
      </>
    );
  return (
    <RealtimeProvider key={session.user.id}>
      <SignedIn session={session} />
    </RealtimeProvider>
  );
}

function SignedIn({ session }: { session: Session }) {
  const path = usePath();
  const onboarded = session.user.onboarding_completed;
  const admin = roleOf(session) === "admin";
  const screens = screensFor(admin);

  useEffect(() => {
    if (!screensFor(admin).some((screen) => screen.path === path))
      navigate(onboarded ? "/program" : "/onboarding", { replace: true });
  }, [path, onboarded, admin]);

  const onboardingCompleted = async () => {
    const me = await api.GET("/v1/me");
    if (me.data) setSession({ ...session, user: me.data });
    navigate("/program");
  };

  return (
    <>
      <header className="top">
        <p className="brand">Fitness Coach console</p>
        <nav aria-label="Screens">
          <ul>
            {screens.map((screen) => (
              <li key={screen.path}>
                <Link to={screen.path}>{screen.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <Account session={session} />
      </header>
      <main>
        {path === "/onboarding" && <Onboarding onCompleted={onboardingCompleted} />}
        {path === "/program" && <Program />}
        {path === "/today" && <Today />}
        {path === "/progress" && <Progress />}
        {path === "/nutrition" && <Nutrition />}
        {path === "/health" && <Health />}
        {path === "/coach" && <Coach />}
        {path === "/notifications" && <Notifications />}
        {path === "/voice" && <Voice />}
        {path === "/account" && <AccountScreen />}
        {path === "/operators" && admin && <Admin />}
      </main>
    </>
  );
}

function Account({ session }: { session: Session }) {
  const status = useRealtimeStatus();
  const signOut = async () => {
    // Revokes this login's refresh tokens on the server; the local session goes either way.
    await api
      .POST("/v1/auth/logout", { body: { refresh_token: session.refreshToken } })
      .catch(() => undefined);
    setSession(null);
    navigate("/");
  };
  return (
    <div className="account">
      <output className={`live live-${status}`} aria-label="Realtime connection">
        {status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Offline"}
      </output>
      <span className="who">{session.user.email}</span>
      <button type="button" className="secondary" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}
