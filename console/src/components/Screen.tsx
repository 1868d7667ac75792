import { type ReactNode, useId } from "react";

/** One screen: a region landmark named by its heading (tests and screen readers find it so). */
export function Screen({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="screen" aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      {children}
    </section>
  );
}
