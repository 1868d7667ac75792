import { type MouseEvent, type ReactNode, useSyncExternalStore } from "react";

// A router as small as the console needs: one screen per path, the History API, and links
// that stay real links (open in a new tab works). The Worker serves index.html for every path
// that is not an API route or a file (SPA fallback), so a deep link like /program loads too.

const NAVIGATED = "console:navigate";

function subscribe(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string, { replace = false } = {}): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(NAVIGATED));
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  const current = usePath() === to;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} aria-current={current ? "page" : undefined}>
      {children}
    </a>
  );
}
