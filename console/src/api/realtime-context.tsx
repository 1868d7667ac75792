import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { RealtimeConnection, type RealtimeMessage, type RealtimeStatus } from "./realtime";

// One realtime connection per signed-in session, shared by every screen.

const RealtimeContext = createContext<RealtimeConnection | null>(null);

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [connection] = useState(() => new RealtimeConnection());
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}

function useConnection(): RealtimeConnection {
  const connection = useContext(RealtimeContext);
  if (!connection) throw new Error("useRealtime* needs a RealtimeProvider");
  return connection;
}

export function useRealtimeStatus(): RealtimeStatus {
  const connection = useConnection();
  return useSyncExternalStore(
    (listener) => connection.onStatus(listener),
    () => connection.status,
  );
}

/** Calls the handler for every live event while the component is mounted. */
export function useRealtimeMessages(handler: (message: RealtimeMessage) => void): void {
  const connection = useConnection();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => connection.onMessage((message) => latest.current(message)), [connection]);
}
