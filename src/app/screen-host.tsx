import { Box } from 'ink';
import { createElement, type ComponentType } from 'react';
import { EmptyState } from '../components/empty-state';
import { PauseTicks } from '../hooks/use-tick';
import { KeyActiveScope } from '../keys/dispatcher';
import type { StackEntry } from './router';
import { StackEntryScope } from './router-context';
import { ScreenErrorBoundary } from './screen-error-boundary';
import type { AreaSize, ScreenProps, ScreenRegistry } from './screens';

/**
 * Every screen on the stack stays mounted, so going back finds its selection and scroll as
 * they were; only the top one is laid out, hears keys and animates.
 */
export function ScreenHost({
  stack,
  registry,
  size,
  filter,
  covered,
}: {
  stack: readonly StackEntry[];
  registry: ScreenRegistry;
  size: AreaSize;
  filter: string;
  /** A dialog or overlay hides the top screen. */
  covered: boolean;
}) {
  return (
    <>
      {stack.map((entry, i) => {
        const isTop = i === stack.length - 1;
        const reg = registry.get(entry.screen.kind);
        const shown = isTop && !covered;
        const props: ScreenProps = {
          screen: entry.screen,
          size,
          filter: isTop && reg?.filterable ? filter : '',
          isActive: shown,
        };
        return (
          <Box
            key={entry.id}
            display={shown ? 'flex' : 'none'}
            flexDirection="column"
            width={size.columns}
            height={size.rows}
            overflow="hidden"
          >
            <StackEntryScope id={entry.id}>
              <KeyActiveScope active={isTop}>
                <PauseTicks paused={!shown}>
                  <ScreenErrorBoundary>
                    {reg ? (
                      // the registration's component takes its own kind's descriptor, which this entry has
                      createElement(reg.component as ComponentType<ScreenProps>, props)
                    ) : (
                      <EmptyState
                        message={`no screen is registered for "${entry.screen.kind}"`}
                        hint="esc goes back"
                      />
                    )}
                  </ScreenErrorBoundary>
                </PauseTicks>
              </KeyActiveScope>
            </StackEntryScope>
          </Box>
        );
      })}
    </>
  );
}
