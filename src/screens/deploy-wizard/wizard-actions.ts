/**
 * What can happen to a wizard, as a reducer over the model: the screen maps keys to these
 * actions and async loaders report through them, so every transition is testable as data.
 */
import {
  currentStep,
  pendingLoads,
  stepById,
  validateStep,
  visibleFields,
  visibleSteps,
  withDefaults,
  type Choice,
  type FieldDef,
  type FieldValue,
  type WizardDef,
  type WizardState,
} from './wizard-model';

export type WizardAction =
  /** A text field's new text, or any field's value set directly. */
  | { type: 'set'; field: string; value: FieldValue }
  /** j/k on a list: highlight (and answer) the next or previous choice. */
  | { type: 'move-choice'; delta: 1 | -1 }
  /** space: flip a toggle, or the next value of a cycle. */
  | { type: 'toggle' }
  /** tab / shift+tab: the next or previous field of the step. */
  | { type: 'focus'; delta: 1 | -1 }
  /** enter: check the step and go on to the next visible one. */
  | { type: 'next' }
  /** esc: the previous step, answers kept. */
  | { type: 'back' }
  | { type: 'options-loaded'; field: string; choices: readonly Choice[] }
  | { type: 'options-failed'; field: string; message: string };

export function reduceWizard<C>(
  def: WizardDef<C>,
  ctx: C,
  state: WizardState,
  action: WizardAction,
): WizardState {
  switch (action.type) {
    case 'set':
      return revealed(def, ctx, answer(state, action.field, action.value));
    case 'move-choice':
      return revealed(def, ctx, moveChoice(def, ctx, state, action.delta));
    case 'toggle':
      return revealed(def, ctx, toggle(def, ctx, state));
    case 'focus': {
      const count = visibleFields(currentStep(def, state), state.answers, ctx).length;
      if (count === 0) return state;
      return { ...state, focus: (state.focus + action.delta + count) % count };
    }
    case 'next':
      return next(def, ctx, state);
    case 'back':
      return back(def, ctx, state);
    case 'options-loaded': {
      const options = {
        ...state.options,
        [action.field]: { status: 'ready', choices: action.choices } as const,
      };
      const current = state.answers[action.field];
      const known = action.choices.some((c) => c.value === current);
      // keep a valid answer (coming back to the step); else the first choice that can be picked
      const first = action.choices.find((c) => !c.disabledReason) ?? action.choices[0];
      const value = known ? current : first?.value;
      return { ...state, options, answers: { ...state.answers, [action.field]: value } };
    }
    case 'options-failed':
      return {
        ...state,
        options: { ...state.options, [action.field]: { status: 'error', message: action.message } },
      };
  }
}

/** True when esc on this step leaves the wizard (nothing to go back to). */
export function atFirstStep(state: WizardState): boolean {
  return state.history.length === 0;
}

/** Marks the pending select fields as loading, so a loader runs once per field. */
export function markLoading<C>(
  def: WizardDef<C>,
  ctx: C,
  state: WizardState,
): { state: WizardState; fields: FieldDef<C>[] } {
  const fields = pendingLoads(def, state, ctx);
  if (fields.length === 0) return { state, fields };
  const options = { ...state.options };
  for (const f of fields) options[f.id] = { status: 'loading' };
  return { state: { ...state, options }, fields };
}

/** The field with the keys now. */
export function focusedField<C>(
  def: WizardDef<C>,
  ctx: C,
  state: WizardState,
): FieldDef<C> | undefined {
  const fields = visibleFields(currentStep(def, state), state.answers, ctx);
  return fields[Math.min(state.focus, fields.length - 1)];
}

/** A field an answer just made visible (alarm rollback once alarms are named) gets its default. */
function revealed<C>(def: WizardDef<C>, ctx: C, state: WizardState): WizardState {
  const answers = withDefaults(currentStep(def, state), state.answers, ctx);
  return answers === state.answers ? state : { ...state, answers };
}

function answer(state: WizardState, field: string, value: FieldValue): WizardState {
  const errors = { ...state.errors };
  delete errors[field];
  delete errors[''];
  return { ...state, answers: { ...state.answers, [field]: value }, errors };
}

function moveChoice<C>(def: WizardDef<C>, ctx: C, state: WizardState, delta: 1 | -1) {
  const field = focusedField(def, ctx, state);
  if (field?.kind !== 'select') return state;
  const loaded = state.options[field.id];
  if (loaded?.status !== 'ready' || loaded.choices.length === 0) return state;
  const at = loaded.choices.findIndex((c) => c.value === state.answers[field.id]);
  const to = Math.min(loaded.choices.length - 1, Math.max(0, at < 0 ? 0 : at + delta));
  return answer(state, field.id, loaded.choices[to]!.value);
}

function toggle<C>(def: WizardDef<C>, ctx: C, state: WizardState): WizardState {
  const field = focusedField(def, ctx, state);
  if (field?.kind === 'toggle') return answer(state, field.id, state.answers[field.id] !== true);
  if (field?.kind === 'cycle') {
    const usable = field.choices.filter((c) => !c.disabledReason);
    if (usable.length === 0) return state;
    const at = usable.findIndex((c) => c.value === state.answers[field.id]);
    return answer(state, field.id, usable[(at + 1) % usable.length]!.value);
  }
  return state;
}

function next<C>(def: WizardDef<C>, ctx: C, state: WizardState): WizardState {
  const step = currentStep(def, state);
  const errors = validateStep(step, state, ctx);
  if (Object.keys(errors).length > 0) {
    // focus the first field with a problem, so the person lands where the fix is
    const fields = visibleFields(step, state.answers, ctx);
    const at = fields.findIndex((f) => errors[f.id] !== undefined);
    return { ...state, errors, focus: at >= 0 ? at : state.focus };
  }
  const steps = visibleSteps(def, state.answers, ctx);
  const here = steps.findIndex((s) => s.id === step.id);
  const to = steps[here + 1];
  if (!to) return { ...state, errors: {} };
  return {
    ...state,
    stepId: to.id,
    answers: withDefaults(to, state.answers, ctx),
    errors: {},
    focus: 0,
    history: [...state.history, step.id],
  };
}

function back<C>(def: WizardDef<C>, ctx: C, state: WizardState): WizardState {
  const previous = state.history.at(-1);
  if (previous === undefined) return state;
  const step = stepById(def, previous);
  return {
    ...state,
    stepId: step.id,
    answers: withDefaults(step, state.answers, ctx),
    errors: {},
    focus: 0,
    history: state.history.slice(0, -1),
  };
}
