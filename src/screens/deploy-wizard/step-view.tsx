/**
 * Draws one step's fields: a list (strategies, containers, revisions) with disabled choices
 * dimmed and their reasons, a value cycled with space, a toggle, or a text field. Errors sit
 * under their field; the focused field shows its help line.
 */
import { Box, Text } from 'ink';
import { Styled } from '../../components/styled';
import { TextInput } from '../../components/text-input';
import { truncate } from '../../components/text-fit';
import { useTextInput } from '../../hooks/use-text-input';
import { Spinner } from '../../components/spinner';
import type { WizardHandle } from './use-wizard';
import {
  currentStep,
  visibleFields,
  type Choice,
  type FieldDef,
  type FieldValue,
} from './wizard-model';

const LABEL_WIDTH = 26;

export function StepView<C>({
  wizard,
  width,
  height,
  isActive,
}: {
  wizard: WizardHandle<C>;
  width: number;
  height: number;
  isActive: boolean;
}) {
  const { def, ctx, state } = wizard;
  const fields = visibleFields(currentStep(def, state), state.answers, ctx);
  const focus = Math.min(state.focus, fields.length - 1);
  // a list gets the rows the other fields leave (each takes about two)
  const listRows = Math.max(3, height - fields.length * 2 - 2);
  const stepError = state.errors[''];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {fields.map((field, i) => (
        <FieldView
          key={field.id}
          field={field}
          value={state.answers[field.id]}
          focused={i === focus}
          error={state.errors[field.id]}
          options={state.options[field.id]}
          width={width}
          listRows={listRows}
          isActive={isActive && i === focus}
          onText={(value) => wizard.dispatch({ type: 'set', field: field.id, value })}
        />
      ))}
      {stepError ? (
        <Styled token="status.error" wrap="truncate-end">{`✕ ${stepError}`}</Styled>
      ) : null}
    </Box>
  );
}

function FieldView<C>(props: {
  field: FieldDef<C>;
  value: FieldValue;
  focused: boolean;
  error: string | undefined;
  options: WizardHandle<C>['state']['options'][string] | undefined;
  width: number;
  listRows: number;
  isActive: boolean;
  onText: (value: string) => void;
}) {
  const { field, focused, error, width } = props;
  const marker = focused ? '› ' : '  ';
  const label = `${marker}${field.label}`;
  return (
    <Box flexDirection="column" width={width}>
      {field.kind === 'select' ? (
        <>
          <Styled token={focused ? 'ui.focus' : 'ui.title'} wrap="truncate-end">
            {label}
          </Styled>
          <ChoiceList {...props} />
        </>
      ) : (
        <Box width={width}>
          <Box width={LABEL_WIDTH} flexShrink={0}>
            <Styled token={focused ? 'ui.focus' : 'ui.title'} wrap="truncate-end">
              {truncate(label, LABEL_WIDTH - 1)}
            </Styled>
          </Box>
          <Box flexGrow={1}>
            <InlineValue {...props} width={Math.max(10, width - LABEL_WIDTH)} />
          </Box>
        </Box>
      )}
      {focused && field.help ? (
        <Styled token="ui.dim" wrap="truncate-end">{`    ${field.help}`}</Styled>
      ) : null}
      {error ? <Styled token="status.error" wrap="truncate-end">{`    ✕ ${error}`}</Styled> : null}
    </Box>
  );
}

function InlineValue<C>(props: {
  field: FieldDef<C>;
  value: FieldValue;
  focused: boolean;
  width: number;
  isActive: boolean;
  onText: (value: string) => void;
}) {
  const { field, value, focused, width } = props;
  switch (field.kind) {
    case 'toggle':
      return (
        <Text wrap="truncate-end">
          {value === true ? '[x] yes' : '[ ] no'}
          {focused ? <Styled token="ui.dim">{'   space to change'}</Styled> : null}
        </Text>
      );
    case 'cycle': {
      const choice = field.choices.find((c) => c.value === value);
      return (
        <Text wrap="truncate-end">
          {`‹ ${choice?.label ?? String(value ?? '')} ›`}
          {focused ? <Styled token="ui.dim">{'   space to change'}</Styled> : null}
        </Text>
      );
    }
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      const placeholder = field.placeholder ?? '';
      return props.isActive ? (
        <EditedText value={text} onChange={props.onText} width={width} placeholder={placeholder} />
      ) : (
        <TextInput
          value={text}
          cursor={0}
          width={width}
          placeholder={placeholder}
          focused={false}
        />
      );
    }
    case 'select':
      return null;
  }
}

/** The focused text field: the only one that takes typed keys. */
function EditedText(props: {
  value: string;
  onChange: (v: string) => void;
  width: number;
  placeholder: string;
}) {
  const input = useTextInput(props.value, props.onChange);
  return (
    <TextInput
      value={input.value}
      cursor={input.cursor}
      width={props.width}
      placeholder={props.placeholder}
    />
  );
}

function ChoiceList<C>(props: {
  value: FieldValue;
  focused: boolean;
  options: WizardHandle<C>['state']['options'][string] | undefined;
  width: number;
  listRows: number;
}) {
  const { options, value, focused, width, listRows } = props;
  if (!options || options.status === 'loading') {
    return (
      <Text wrap="truncate-end">
        {'    '}
        <Spinner /> loading…
      </Text>
    );
  }
  if (options.status === 'error') {
    return <Styled token="status.error" wrap="truncate-end">{`    ✕ ${options.message}`}</Styled>;
  }
  const { choices } = options;
  const at = Math.max(
    0,
    choices.findIndex((c) => c.value === value),
  );
  const start = Math.max(0, Math.min(at - Math.floor(listRows / 2), choices.length - listRows));
  return (
    <>
      {choices.slice(start, start + listRows).map((choice, i) => (
        <ChoiceRow
          key={choice.value}
          choice={choice}
          chosen={start + i === at}
          focused={focused}
          width={width}
        />
      ))}
    </>
  );
}

function ChoiceRow({
  choice,
  chosen,
  focused,
  width,
}: {
  choice: Choice;
  chosen: boolean;
  focused: boolean;
  width: number;
}) {
  const mark = chosen ? (focused ? '  ▸ ● ' : '    ● ') : '    ○ ';
  const note = choice.disabledReason ?? choice.detail;
  const text = truncate(`${mark}${choice.label}${note ? ` — ${note}` : ''}`, width);
  if (choice.disabledReason)
    return (
      <Styled token="ui.dim" wrap="truncate-end">
        {text}
      </Styled>
    );
  return chosen && focused ? (
    <Styled token="ui.focus" wrap="truncate-end">
      {text}
    </Styled>
  ) : (
    <Text wrap="truncate-end">{text}</Text>
  );
}
