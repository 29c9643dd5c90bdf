/**
 * A wizard as data (code-style anchors, rule 13): ordered steps of typed fields, each with
 * `showWhen`, `default`, `validate` and, for lists, an options loader that may be async. The
 * screen draws the current step and dispatches actions; everything about order, skips,
 * defaults, validation and going back lives here, without React, so it is tested as plain data.
 */

/** What a field holds: text as typed, a choice's value, or a toggle. */
export type FieldValue = string | boolean | undefined;
export type Answers = Readonly<Record<string, FieldValue>>;

/** One entry of a list or a cycle. A disabled one is drawn dimmed with its reason. */
export interface Choice {
  value: string;
  label: string;
  /** A second, dimmer text: the image a container runs, a note on a strategy. */
  detail?: string;
  disabledReason?: string;
}

interface FieldBase<C> {
  /** Unique across the whole wizard; answers are keyed by it. */
  id: string;
  label: string;
  /** One line under the field saying what it does. */
  help?: string;
  showWhen?: (answers: Answers, ctx: C) => boolean;
  /** Filled in when the step is entered and the field has no answer yet. */
  default?: (ctx: C, answers: Answers) => FieldValue;
  /** An error message, or undefined when the value is fine. */
  validate?: (value: FieldValue, answers: Answers, ctx: C) => string | undefined;
}

/** A list to pick one from (j/k), its choices loaded when the step is entered. */
export interface SelectField<C> extends FieldBase<C> {
  kind: 'select';
  options: (
    ctx: C,
    answers: Answers,
    signal: AbortSignal,
  ) => readonly Choice[] | Promise<readonly Choice[]>;
}

/** A few fixed values cycled in place (space). */
export interface CycleField<C> extends FieldBase<C> {
  kind: 'cycle';
  choices: readonly Choice[];
}

export interface ToggleField<C> extends FieldBase<C> {
  kind: 'toggle';
}

/** Free text; numbers and lists are typed as text and parsed by the step's validation. */
export interface TextField<C> extends FieldBase<C> {
  kind: 'text';
  placeholder?: string;
}

export type FieldDef<C> = SelectField<C> | CycleField<C> | ToggleField<C> | TextField<C>;

export interface StepDef<C> {
  id: string;
  title: string;
  /** The fields, in order; may depend on earlier answers (a strategy's settings). */
  fields: readonly FieldDef<C>[] | ((answers: Answers, ctx: C) => readonly FieldDef<C>[]);
  showWhen?: (answers: Answers, ctx: C) => boolean;
  /** Checks across fields (a zod refine); keyed by field id, '' for the step as a whole. */
  validate?: (answers: Answers, ctx: C) => Readonly<Record<string, string>>;
}

export interface WizardDef<C> {
  steps: readonly StepDef<C>[];
}

/** Loaded choices of a select field. */
export type OptionsState =
  | { status: 'loading' }
  | { status: 'ready'; choices: readonly Choice[] }
  | { status: 'error'; message: string };

export interface WizardState {
  stepId: string;
  answers: Answers;
  /** Errors shown on the current step, by field id ('' for the step as a whole). */
  errors: Readonly<Record<string, string>>;
  /** Index of the focused field among the step's visible fields. */
  focus: number;
  options: Readonly<Record<string, OptionsState>>;
  /** Steps entered so far, for back: answers stay, the path is retraced. */
  history: readonly string[];
}

export function stepFields<C>(step: StepDef<C>, answers: Answers, ctx: C): readonly FieldDef<C>[] {
  return typeof step.fields === 'function' ? step.fields(answers, ctx) : step.fields;
}

export function visibleFields<C>(
  step: StepDef<C>,
  answers: Answers,
  ctx: C,
): readonly FieldDef<C>[] {
  return stepFields(step, answers, ctx).filter((f) => f.showWhen?.(answers, ctx) ?? true);
}

export function visibleSteps<C>(def: WizardDef<C>, answers: Answers, ctx: C): StepDef<C>[] {
  return def.steps.filter((s) => s.showWhen?.(answers, ctx) ?? true);
}

export function stepById<C>(def: WizardDef<C>, id: string): StepDef<C> {
  const step = def.steps.find((s) => s.id === id);
  if (!step) throw new Error(`the wizard has no step "${id}"`);
  return step;
}

export function currentStep<C>(def: WizardDef<C>, state: WizardState): StepDef<C> {
  return stepById(def, state.stepId);
}

/** `2 of 5`, counting only the steps that show for these answers. */
export function stepPosition<C>(
  def: WizardDef<C>,
  state: WizardState,
  ctx: C,
): { index: number; total: number } {
  const steps = visibleSteps(def, state.answers, ctx);
  return { index: steps.findIndex((s) => s.id === state.stepId) + 1, total: steps.length };
}

/** Fills the defaults of a step's visible fields that have no answer yet. */
export function withDefaults<C>(step: StepDef<C>, answers: Answers, ctx: C): Answers {
  let next: Answers = answers;
  // a default may depend on an earlier field's default (alarm rollback shows once alarms are set)
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const field of visibleFields(step, next, ctx)) {
      if (next[field.id] !== undefined || !field.default) continue;
      const value = field.default(ctx, next);
      if (value === undefined) continue;
      next = { ...next, [field.id]: value };
      changed = true;
    }
    if (!changed) break;
  }
  return next;
}

/** The wizard on its first visible step (or `startAt`), with preset answers kept. */
export function startWizard<C>(
  def: WizardDef<C>,
  ctx: C,
  preset: Answers = {},
  startAt?: string,
): WizardState {
  const first = startAt ? stepById(def, startAt) : visibleSteps(def, preset, ctx)[0];
  if (!first) throw new Error('the wizard has no visible step');
  return {
    stepId: first.id,
    answers: withDefaults(first, preset, ctx),
    errors: {},
    focus: 0,
    options: {},
    history: [],
  };
}

/** Errors of a step for the answers given: each field's own check, then the step's. */
export function validateStep<C>(
  step: StepDef<C>,
  state: Pick<WizardState, 'answers' | 'options'>,
  ctx: C,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of visibleFields(step, state.answers, ctx)) {
    const value = state.answers[field.id];
    // the field's own check speaks first: it knows more than "that choice is disabled"
    const problem =
      field.validate?.(value, state.answers, ctx) ?? choiceProblem(field, value, state.options);
    if (problem) errors[field.id] = problem;
  }
  if (Object.keys(errors).length > 0) return errors;
  return { ...step.validate?.(state.answers, ctx) };
}

function choiceProblem<C>(
  field: FieldDef<C>,
  value: FieldValue,
  options: WizardState['options'],
): string | undefined {
  if (field.kind !== 'select') return undefined;
  const loaded = options[field.id];
  if (!loaded || loaded.status === 'loading') return `${field.label}: still loading the choices`;
  if (loaded.status === 'error') return `${field.label}: ${loaded.message}`;
  if (value === undefined || value === '') return `choose ${field.label.toLowerCase()}`;
  const choice = loaded.choices.find((c) => c.value === value);
  if (!choice) return `${field.label}: "${String(value)}" is not one of the choices`;
  return choice.disabledReason ? `${choice.label}: ${choice.disabledReason}` : undefined;
}

/** The select fields of the step whose choices have not been asked for yet. */
export function pendingLoads<C>(def: WizardDef<C>, state: WizardState, ctx: C): SelectField<C>[] {
  return visibleFields(currentStep(def, state), state.answers, ctx).filter(
    (f): f is SelectField<C> => f.kind === 'select' && state.options[f.id] === undefined,
  );
}
