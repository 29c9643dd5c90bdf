/**
 * Screen 4, the deploy wizard: strategy -> what to deploy -> settings -> review -> confirm.
 * The steps are data (deploy-steps.ts); this screen draws the current one, plans the review,
 * and on confirm applies the plan and hands the rollout to the monitor.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useRouter } from '../../app/router-context';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import { Styled } from '../../components/styled';
import { truncate } from '../../components/text-fit';
import { useCommand } from '../../keys/use-command';
import { LoadError, Loading } from '../../tui/screen-kit';
import type { DeployKit } from '../shared/deploy-kit';
import { reviewGate } from '../shared/review-lines';
import { useApply } from '../shared/use-apply';
import { usePlan } from '../shared/use-plan';
import { deployRequestOf } from './deploy-request';
import { deployWizard, type DeployWizardContext } from './deploy-steps';
import { ApplyView, ReviewStep } from './review-step';
import { StepView } from './step-view';
import { useStepKeys, useWizard } from './use-wizard';
import { useWizardContext } from './use-wizard-context';
import { atFirstStep } from './wizard-actions';
import { currentStep, stepPosition } from './wizard-model';

type Props = ScreenProps<{ kind: 'deploy'; cluster: string; service: string }>;

export function deployWizardScreen(kit: DeployKit): ScreenRegistration<'deploy'> {
  return defineScreen({
    kind: 'deploy',
    title: (s) => `deploy ${s.service}`,
    keys: [
      'wizard.next',
      'wizard.back',
      'wizard.toggle',
      'nav.next-tab',
      'nav.down',
      'service.watch',
    ],
    component: function DeployWizardScreen(props: Props) {
      return <DeployWizard kit={kit} {...props} />;
    },
  });
}

function DeployWizard({ kit, screen, size, isActive }: Props & { kit: DeployKit }) {
  const router = useRouter();
  const loaded = useWizardContext(kit, screen.cluster, screen.service);
  const ready = loaded.status === 'ready';
  useCommand('wizard.back', () => void router.back(), { isActive: isActive && !ready });
  if (loaded.status === 'loading')
    return <Loading what={`${screen.service} and its task definition`} />;
  if (loaded.status === 'error')
    return (
      <LoadError
        error={loaded.error instanceof Error ? loaded.error : new Error(String(loaded.error))}
      />
    );
  return (
    <WizardBody
      kit={kit}
      ctx={loaded.ctx}
      inProgress={loaded.inProgress}
      size={size}
      isActive={isActive}
    />
  );
}

function WizardBody({
  kit,
  ctx,
  inProgress,
  size,
  isActive,
}: {
  kit: DeployKit;
  ctx: DeployWizardContext;
  inProgress: string | undefined;
  size: Props['size'];
  isActive: boolean;
}) {
  const router = useRouter();
  const wizard = useWizard(deployWizard, ctx);
  const { state, dispatch } = wizard;
  const stepId = state.stepId;
  const step = currentStep(deployWizard, state);
  const position = stepPosition(deployWizard, state, ctx);
  const reviewing = stepId === 'review' || stepId === 'confirm';
  const [generation, setGeneration] = useState(0);
  const planState = usePlan(
    kit,
    reviewing ? deployRequestOf(state.answers, ctx) : undefined,
    generation,
  );
  const apply = useApply(kit);
  const gate = planState.status === 'ready' ? reviewGate(planState.plan) : undefined;
  const busy = apply.state.phase === 'confirming' || apply.state.phase === 'applying';

  useStepKeys(wizard, isActive && !reviewing);
  const { cluster } = ctx;
  const service = ctx.service.name;
  const watch = () => router.replace({ kind: 'monitor', cluster, service });
  useCommand('service.watch', watch, {
    isActive: isActive && (inProgress !== undefined || (gate?.ok === false && gate.inProgress)),
  });

  const enterReason =
    stepId === 'confirm'
      ? busy
        ? 'the deployment is being applied'
        : 'esc goes back to the review'
      : stepId !== 'review'
        ? undefined
        : planState.status === 'planning'
          ? 'still planning: reading the service, the images and the alarms'
          : planState.status === 'error'
            ? 'the plan failed (see above); esc to change the answers'
            : gate && !gate.ok
              ? gate.reason
              : undefined;
  useCommand(
    'wizard.next',
    () => {
      if (stepId !== 'review') return dispatch({ type: 'next' });
      if (planState.status !== 'ready') return;
      dispatch({ type: 'next' });
      void apply.run(planState.plan).then((result) => {
        if (result === 'cancelled') dispatch({ type: 'back' });
      });
    },
    { isActive, disabledReason: enterReason },
  );
  useCommand(
    'wizard.back',
    () => {
      if (stepId === 'confirm') {
        // back to a fresh plan: a failed apply may have registered a revision meanwhile
        apply.reset();
        setGeneration((g) => g + 1);
      }
      if (atFirstStep(state)) void router.back();
      else dispatch({ type: 'back' });
    },
    { isActive, disabledReason: busy ? 'the deployment is being applied; wait for it' : undefined },
  );

  const bodyRows = Math.max(1, size.rows - 2);
  return (
    <Box
      flexDirection="column"
      width={size.columns}
      height={size.rows}
      overflow="hidden"
      paddingX={1}
    >
      <Text wrap="truncate-end">
        <Styled token="ui.title">{`Deploy ${service}`}</Styled>
        <Styled token="ui.dim">{` · ${cluster} · step ${position.index} of ${position.total} · `}</Styled>
        <Styled token="ui.focus">{step.title}</Styled>
      </Text>
      {inProgress && !reviewing ? (
        <Styled token="status.warn" wrap="truncate-end">
          {truncate(
            `! ${inProgress}: w watches it; a new deployment is blocked until it finishes`,
            size.columns - 2,
          )}
        </Styled>
      ) : (
        <Text> </Text>
      )}
      {stepId === 'review' ? (
        <ReviewStep
          planState={planState}
          width={size.columns - 2}
          height={bodyRows}
          isActive={isActive}
        />
      ) : stepId === 'confirm' ? (
        <ApplyView state={apply.state} width={size.columns - 2} height={bodyRows} />
      ) : (
        <StepView wizard={wizard} width={size.columns - 2} height={bodyRows} isActive={isActive} />
      )}
    </Box>
  );
}
