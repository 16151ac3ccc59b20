/** Jobs (SPEC §10): specs, queues, workers, alerts and their webhooks. */
export const jobCodes = {
  BAD_JOB: 'The job is invalid: unknown kind, bad parameters or an input that is not a valid network or scenario',
  QUEUE_UNAVAILABLE: 'The job queue (Redis) could not be reached in time; the job did not finish and may be run again',
  JOB_FAILED: 'A task of the job failed after all its retries',
  NO_EXPOSURE: 'The vault or LRT has no slashable exposure: there is no allocation to optimise',
  BAD_ALERT_RULE: 'The alert rule is invalid: unknown kind or metric, bad threshold, or a webhook that is not an http(s) URL',
  UNKNOWN_ALERT_RULE: 'No alert rule with this id for this account',
} as const;
