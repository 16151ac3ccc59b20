import type { CommandSpec } from '../log/commandSpec.js';
import { makeAttachCondition } from '../commands/attachCondition.js';
import { configureConditions } from '../commands/configureConditions.js';
import { registerKey } from '../commands/registerKey.js';
import { rotateKey } from '../commands/rotateKey.js';
import { makeSubmitEvidence } from '../commands/submitEvidence.js';
import type { ConditionRegistry } from './conditionRegistry.js';

/**
 * The condition commands bound to a registry with custom kinds:
 * `createCommandRegistry(createConditionCommands(myRegistry))` replaces the default ones.
 */
export function createConditionCommands(registry: ConditionRegistry): CommandSpec<unknown>[] {
  return [configureConditions, registerKey, rotateKey, makeAttachCondition(registry), makeSubmitEvidence(registry)];
}
