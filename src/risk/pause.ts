/** Waits `ms` without CPU, or less when the deadline comes first (never a negative delay). For the 'coop' threads'
 *  polls of their channel (slack.ts, slackProverPool, slackSplit). */
export function pause(ms: number, deadline: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, deadline - Date.now()))));
}
