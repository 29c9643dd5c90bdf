/**
 * The wizard model in React: a reducer over `reduceWizard`, the select fields' loaders run
 * when their step shows them, and the step keys (enter, esc, space, tab, j/k) mapped to
 * actions. What enter and esc mean on the review and confirm steps is the screen's business.
 */
import { useEffect, useReducer, useRef } from 'react';
import { describeError } from '../../errors';
import { useCommand } from '../../keys/use-command';
import { focusedField, markLoading, reduceWizard, type WizardAction } from './wizard-actions';
import { startWizard, type Answers, type WizardDef, type WizardState } from './wizard-model';

type Internal = WizardAction | { type: 'mark-loading'; fields: readonly string[] };

export interface WizardHandle<C> {
  state: WizardState;
  dispatch: (action: WizardAction) => void;
  def: WizardDef<C>;
  ctx: C;
}

export function useWizard<C>(
  def: WizardDef<C>,
  ctx: C,
  preset?: Answers,
  startAt?: string,
): WizardHandle<C> {
  const [state, dispatch] = useReducer(
    (s: WizardState, a: Internal): WizardState => {
      if (a.type !== 'mark-loading') return reduceWizard(def, ctx, s, a);
      const options = { ...s.options };
      for (const id of a.fields) options[id] = { status: 'loading' };
      return { ...s, options };
    },
    undefined,
    () => startWizard(def, ctx, preset, startAt),
  );

  // loaders of the fields now visible that were never asked; aborted when the screen goes
  const aborter = useRef(new AbortController());
  useEffect(() => () => aborter.current.abort(), []);
  useEffect(() => {
    const { fields } = markLoading(def, ctx, state);
    if (fields.length === 0) return;
    dispatch({ type: 'mark-loading', fields: fields.map((f) => f.id) });
    const signal = aborter.current.signal;
    for (const field of fields) {
      if (field.kind !== 'select') continue;
      Promise.resolve()
        .then(() => field.options(ctx, state.answers, signal))
        .then(
          (choices) => {
            if (!signal.aborted) dispatch({ type: 'options-loaded', field: field.id, choices });
          },
          (error: unknown) => {
            if (!signal.aborted)
              dispatch({
                type: 'options-failed',
                field: field.id,
                message: describeError(error).message,
              });
          },
        );
    }
  }, [def, ctx, state]);

  return { state, dispatch, def, ctx };
}

/** The keys of a step with fields: j/k and arrows move in a list (or between fields), tab moves between fields, space toggles. */
export function useStepKeys<C>(wizard: WizardHandle<C>, isActive: boolean): void {
  const { def, ctx, state, dispatch } = wizard;
  const field = focusedField(def, ctx, state);
  const inList = field?.kind === 'select';
  const opts = { isActive };
  useCommand(
    'nav.down',
    () => dispatch(inList ? { type: 'move-choice', delta: 1 } : { type: 'focus', delta: 1 }),
    opts,
  );
  useCommand(
    'nav.up',
    () => dispatch(inList ? { type: 'move-choice', delta: -1 } : { type: 'focus', delta: -1 }),
    opts,
  );
  useCommand('nav.next-tab', () => dispatch({ type: 'focus', delta: 1 }), opts);
  useCommand('nav.prev-tab', () => dispatch({ type: 'focus', delta: -1 }), opts);
  useCommand('wizard.toggle', () => dispatch({ type: 'toggle' }), {
    isActive,
    disabledReason:
      field?.kind === 'toggle' || field?.kind === 'cycle'
        ? undefined
        : 'nothing to toggle here (tab moves to the next field)',
  });
}
