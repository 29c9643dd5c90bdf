/**
 * `D` on the Task definition tab: pick two revisions of the family (the list is read once, on
 * the first pick), fetch both through the shared cache, and diff them.
 */
import { useCallback, useState } from 'react';
import { useDialogs } from '../../../app/dialog-manager';
import { useFlash } from '../../../app/flash-context';
import { taskDefinitionLabel } from '../../../present/labels';
import { diffTaskDefinitions, type DiffLine } from '../../../present/task-definition-diff';
import type { TaskDefinitionStore } from '../../../state/stores/task-definitions';

export interface RevisionDiff {
  from: string;
  to: string;
  /** Undefined while the revisions load. */
  lines?: DiffLine[];
  error?: string;
}

export function useRevisionDiff(store: TaskDefinitionStore) {
  const dialogs = useDialogs();
  const flash = useFlash();
  const [diff, setDiff] = useState<RevisionDiff | undefined>(undefined);

  const revisionLabels = useCallback(async (): Promise<string[]> => {
    if (!store.getSnapshot().revisions) await store.listRevisions();
    return (store.getSnapshot().revisions ?? []).map((arn) => taskDefinitionLabel(arn));
  }, [store]);

  const pick = useCallback(async () => {
    const current = taskDefinitionLabel(store.getSnapshot().currentArn);
    const from = await dialogs.pick({
      title: 'diff: from which revision',
      items: async () => {
        const labels = await revisionLabels();
        return labels;
      },
      current: current,
    });
    if (from === undefined) return;
    const labels = await revisionLabels();
    const to = await dialogs.pick({
      title: `diff: ${from} against which revision`,
      items: labels.filter((l) => l !== from),
      current,
    });
    if (to === undefined) return;
    setDiff({ from, to });
    const [a, b] = await Promise.all([store.load(from), store.load(to)]);
    if (!a || !b) {
      const failed = store.getSnapshot().failed;
      const why = failed.get(a ? to : from) ?? 'it could not be read';
      setDiff({ from, to, error: `could not read ${a ? to : from}: ${why}` });
      return;
    }
    setDiff({ from, to, lines: diffTaskDefinitions(a, b) });
  }, [dialogs, revisionLabels, store]);

  return {
    diff,
    close: () => setDiff(undefined),
    pick: () => {
      pick().catch((error: unknown) => flash.error(error));
    },
  };
}
