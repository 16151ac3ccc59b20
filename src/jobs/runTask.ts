import { compileModel } from '../risk/montecarlo/compileModel.js';
import type { CompiledModel } from '../risk/montecarlo/model.js';
import { executeWhole } from './executeWhole.js';
import { scenarioInput } from './jobInputs.js';
import { runShard } from './montecarlo/runShard.js';
import { encodeShard } from './montecarlo/shardCodec.js';
import type { Task } from './task.js';

/** Compiled models kept per worker (by input hash): shards of one job reuse one compilation. */
const modelCacheMax = 4;
const models = new Map<string, CompiledModel>();

function modelOf(inputHash: string, doc: unknown): CompiledModel {
  const hit = models.get(inputHash);
  if (hit) return hit;
  const m = compileModel(scenarioInput(doc));
  if (models.size >= modelCacheMax) models.delete(models.keys().next().value!);
  models.set(inputHash, m);
  return m;
}

/** Runs one task on its input document; the result is a JSON value (an encoded shard or the job's result). */
export async function runTask(task: Task, doc: unknown, onProgress: (done: number, total: number) => void): Promise<unknown> {
  if (task.type === 'whole') return executeWhole(task.spec, doc, onProgress);
  const m = modelOf(task.inputHash, doc);
  const total = task.range.end - task.range.start;
  let done = 0;
  const r = runShard(m, { seed: task.seed, thresholds: task.thresholds, range: task.range }, (d) => onProgress((done += d), total));
  return encodeShard(r);
}
