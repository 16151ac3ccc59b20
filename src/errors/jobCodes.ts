/** Jobs (SPEC §10): specs, queues, workers, alerts and their webhooks. */
export const jobCodes = {
  BAD_JOB: 'The job is invalid: unknown kind, bad parameters or an input that is not a valid network or scenario',
  QUEUE_UNAVAILABLE: 'The job queue (Redis) could not be reached in time; the job did not finish and may be run again',
  JOB_FAILED: 'A task of the job failed after all its retries',
  NO_EXPOSURE: 'The vault or LRT has no slashable exposure: there is no allocation to optimise',
  BAD_ALERT_RULE: 'The alert rule is invalid: unknown kind or metric, bad threshold, or a webhook that is not an http(s) URL',
  UNKNOWN_ALERT_RULE: 'No alert rule with this id for this account',
  TOO_MANY_ALERT_RULES: 'The account already owns the most alert rules allowed (alertRulesPerAccountMax)',
  WEBHOOK_NOT_ALLOWED: "The webhook URL is refused by the server's policy: loopback or private address, or a host outside the allowlist",
  STALE_REQUEST:
    'The signed alert request is outside the time window: its nonce (milliseconds since 1970) is too far from the server clock',
  REQUEST_REPLAYED: "The signed alert request's nonce is not greater than the account's last one: a replay or out of order",
  UNKNOWN_DEAD_LETTER: 'No dead letter with this event id for this account',
  ALERTS_UNAVAILABLE: 'This server keeps no alert rules (a read-only server, or no database)',
} as const;
