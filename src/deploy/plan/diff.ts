import type { TaskDefinitionDocument } from '../../aws/types';
import type { DiffLine } from '../types';

/**
 * Computes the review diff between the running and the next task definition. Injected so the
 * engine uses the same (masking) formatter as the screens.
 */
export type DiffFn = (from: TaskDefinitionDocument, to: TaskDefinitionDocument) => DiffLine[];
