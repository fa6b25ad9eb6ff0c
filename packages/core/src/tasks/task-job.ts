/** Where a job is: waiting, running, waiting for a retry, or finished one of three ways. */
export type TaskStatus = 'queued' | 'running' | 'retrying' | 'completed' | 'failed' | 'skipped';

/**
 * Why a job finished without its handler running: its module was disabled on the job's platform,
 * is no longer installed, or no longer declares the task.
 */
export type TaskSkipReason = 'module-disabled' | 'module-not-installed' | 'task-unknown';

/** What {@link TaskRunner.enqueue} takes. */
export interface EnqueueTaskRequest {
  /** The code of the module that declares the task. */
  module: string;
  /** The task's name within the module. */
  task: string;
  /** The platform the job runs for; the handler runs only while the module is enabled there. */
  platformId: number;
  /** Checked with the task's schema; stored as JSON, so it must survive `JSON.stringify`. */
  payload: unknown;
  /** Run no earlier than this. Default: now. */
  runAt?: Date;
}

/** A job as {@link TaskRunner.getJob} reports it. Timestamps are ISO-8601 UTC text. */
export interface TaskJob {
  /** Opaque: pass it back to {@link TaskRunner.getJob}. */
  id: string;
  module: string;
  task: string;
  platformId: number;
  /** The payload as it was enqueued. */
  payload: unknown;
  status: TaskStatus;
  /** Tries started so far (a skipped job counts the one that checked and skipped it). */
  attempts: number;
  /** 1 + the task's `retries` when the job was enqueued. */
  maxAttempts: number;
  /** The message of the last failed try, if one failed (kept after a later success). */
  lastError: string | null;
  /** Set when `status` is `skipped`. */
  skippedReason: TaskSkipReason | null;
  createdAt: string;
  /** When the job is, or was, due: its `runAt`, or the time of its next retry. */
  runAt: string;
  /** When its latest try started. */
  startedAt: string | null;
  /** When it completed, failed for good, or was skipped. */
  completedAt: string | null;
}
