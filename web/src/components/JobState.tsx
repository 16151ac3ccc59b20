import { shortHash } from '../format';
import type { JobAnswer } from '../useJob';

/** Whether a live job has run on the current state, is running, or failed (with the API's message). */
export function JobState({ answer, what }: { answer: JobAnswer; what: string }) {
  if (answer.status === 'done')
    return (
      <p class="note" data-job-state="done">
        {what} computed on block {answer.block ?? '—'}, seq {answer.seq ?? '—'}, state{' '}
        <span title={answer.stateHash}>{shortHash(answer.stateHash)}</span>.
      </p>
    );
  if (answer.status === 'failed')
    return (
      <p class="status error" role="alert" data-job-state="failed">
        The {what} job failed: {answer.message}
      </p>
    );
  return (
    <p class="note" role="status" data-job-state="running">
      {what} job running; figures appear when it has run on the current state.
    </p>
  );
}
