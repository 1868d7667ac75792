import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { useRealtimeMessages, useRealtimeStatus } from "../api/realtime-context";

// A program job from "Generate program" to done, fed by the realtime socket's `job.*` events.
// Events can arrive before the 202 that names the job (the build starts at once), so recent
// ones are remembered by job id. While the socket is down the status route is polled instead.

type ProgramJob = Schemas["ProgramJob"];
const POLL_MS = 1000;

export function useProgramJob(onCompleted: (job: ProgramJob) => void) {
  const [job, setJob] = useState<ProgramJob | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const seen = useRef(new Map<string, ProgramJob>());
  const jobId = job?.job_id;
  const finished = job?.status === "completed" || job?.status === "failed";
  const live = useRealtimeStatus() === "live";
  const completed = useRef(onCompleted);
  completed.current = onCompleted;

  const update = useCallback((next: ProgramJob) => {
    setJob((current) => {
      if (!current || current.job_id !== next.job_id) return current;
      // Events and polls may cross: progress only moves forward.
      if (current.status === "completed" || current.progress > next.progress) return current;
      return next;
    });
  }, []);

  const completedJob = job?.status === "completed" ? job : null;
  useEffect(() => {
    if (completedJob) completed.current(completedJob);
  }, [completedJob]);

  useRealtimeMessages((message) => {
    if (
      message.type !== "job.progress" &&
      message.type !== "job.completed" &&
      message.type !== "job.failed"
    )
      return;
    seen.current.set(message.data.job_id, message.data);
    update(message.data);
  });

  useEffect(() => {
    if (!jobId || finished || live) return;
    const timer = setInterval(async () => {
      const status = await api.GET("/v1/programs/status/{job_id}", {
        params: { path: { job_id: jobId } },
      });
      if (status.data) update(status.data);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, finished, live, update]);

  const generate = async (durationWeeks: number) => {
    setProblem(null);
    const accepted = await settle(
      api.POST("/v1/programs/generate", {
        params: { header: { "idempotency-key": crypto.randomUUID() } },
        body: { duration_weeks: durationWeeks },
      }),
    );
    if (!accepted.ok) return setProblem(accepted.problem);
    const { job_id, status } = accepted.data;
    setJob({
      job_id,
      status,
      progress: 0,
      stage: "queued",
      created_at: new Date().toISOString(),
      started_at: null,
      completed_at: null,
      program_id: null,
      error_message: null,
    });
    const early = seen.current.get(job_id);
    if (early) update(early);
  };

  return { job, problem, generate };
}
