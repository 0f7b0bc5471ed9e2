import type { z } from 'zod';
import type { ConsoleApiMethod, ConsoleApiParams } from '../../../shared/console-api';
import { agentSchemas } from './agents';
import { browseSchemas } from './browse';
import { editSchemas } from './edit';
import { jobSchemas } from './jobs';
import { settingsSchemas } from './settings';
import { snapshotSchemas } from './snapshots';
import { traceSchemas } from './trace';

/**
 * The argument schema of every ConsoleApi call. The mapped type makes the compiler check
 * that each schema exists and produces exactly the parameter list of its method.
 */
export const consoleApiSchemas: { readonly [M in ConsoleApiMethod]: z.ZodType<ConsoleApiParams<M>, unknown> } = {
  ...agentSchemas,
  ...browseSchemas,
  ...editSchemas,
  ...traceSchemas,
  ...snapshotSchemas,
  ...settingsSchemas,
  ...jobSchemas,
};
