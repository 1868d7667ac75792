import type { ReactNode } from "react";
import { useCapabilities } from "./use-capabilities";

// The notes that say, before the first try, what an optional part needs and how to enable
// it: the variables come from GET /v1/capabilities (names only), the rest is where they go.

function Note({ title, children }: { title: string; children: ReactNode }) {
  return (
    <aside className="notice" aria-label={title}>
      <p className="notice-title">{title}</p>
      {children}
    </aside>
  );
}

const names = (missing: string[]) =>
  missing.map((name, i) => (
    <span key={name}>
      {i > 0 && (i === missing.length - 1 ? " and " : ", ")}
      <code>{name}</code>
    </span>
  ));

/** Where a local server's variables go, and where each is explained. */
function WhereToSet({ missing }: { missing: string[] }) {
  return (
    <>
      set {names(missing)} in <code>.dev.vars</code> (<code>.dev.vars.example</code> lists every
      optional key with a comment, the README what each enables) and restart{" "}
      <code>npm run dev</code>
    </>
  );
}

/** Coach: chat needs a language model key on the server. */
export function ChatSetupNote() {
  const chat = useCapabilities()?.chat;
  if (!chat || chat.configured) return null;
  return (
    <Note title="Chat is not set up on this server">
      <p>
        Coach chat needs a language model. To enable it, <WhereToSet missing={chat.missing} />.
        Programs, tracking, reminders and everything else work without it.
      </p>
    </Note>
  );
}

/** Voice: a call needs a LiveKit server and the agent host besides this API. */
export function VoiceSetupNote() {
  const voice = useCapabilities()?.voice;
  if (!voice) return null;
  return (
    <Note title="What a voice call needs">
      {voice.livekit === "local" ? (
        <p>
          Besides this API, a call needs a LiveKit server on this machine (
          <code>livekit-server --dev</code>, at the <code>LIVEKIT_URL</code> in{" "}
          <code>.dev.vars</code>) and the agent host that speaks for the coach (it reads{" "}
          <code>DEEPGRAM_API_KEY</code>, <code>CARTESIA_API_KEY</code> and{" "}
          <code>ANTHROPIC_API_KEY</code>). <code>npm run voice:local</code> starts both, with local
          stand-ins for any key you have not set; the README's "Voice locally" section says how.
        </p>
      ) : (
        <p>
          Calls go through the LiveKit project this server is configured with; a coach answers once
          the agent host (<code>npm run agent</code>) runs against the same project.
        </p>
      )}
      {voice.missing.length > 0 && (
        <p>
          To enable voice, <WhereToSet missing={voice.missing} />.
        </p>
      )}
    </Note>
  );
}

/** Forgot password: where the email goes when the server sends none. */
export function EmailSetupNote() {
  const email = useCapabilities()?.email;
  if (!email || email.configured) return null;
  return (
    <Note title="This server sends no email">
      <p>
        Without an email API the message is written to the dev server's log instead (look for{" "}
        <code>email_not_sent_logged</code> in the terminal running <code>npm run dev</code>) and its
        link opens this console. To send real email, <WhereToSet missing={email.missing} />.
      </p>
    </Note>
  );
}

const PROVIDERS = { expo: "Expo", fcm: "FCM" } as const;

/** Notifications: which push providers can reach a phone. */
export function PushSetupNote() {
  const push = useCapabilities()?.push;
  if (!push || push.configured) return null;
  return (
    <Note title="Push to phones">
      <p>
        Reminders reach phones registered for{" "}
        {push.providers.map((provider) => PROVIDERS[provider]).join(" and ")} push. For FCM,{" "}
        <WhereToSet missing={push.missing} />.
      </p>
    </Note>
  );
}
