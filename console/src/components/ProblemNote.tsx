import type { ReactNode } from "react";
import type { Problem } from "../api/problems";

/** An API error as the user sees it: its message, and for developers its code and request id. */
export function ProblemNote({
  problem,
  children,
}: {
  problem: Problem | null;
  children?: ReactNode;
}) {
  if (!problem) return null;
  return (
    <div className="problem" role="alert">
      <p>{problem.message}</p>
      {children}
      <p className="problem-meta">
        <code>{problem.status ? `${problem.status} ${problem.code}` : problem.code}</code>
        {problem.request_id && <span> · request {problem.request_id}</span>}
      </p>
    </div>
  );
}
