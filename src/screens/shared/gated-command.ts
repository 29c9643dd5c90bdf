/**
 * A command whose "can it act now" depends on data that has just arrived (a plan, a view).
 * The key table's disabled reason reaches the dispatcher one effect after the render, so a
 * press right after the data lands could be refused with the old reason; here the handler
 * decides at press time from what is on screen, and says why in the same words as the shell.
 */
import { disabledMessage } from '../../app/flash';
import { useFlash } from '../../app/flash-context';
import { bindingFor, type CommandId } from '../../keys/bindings';
import { useCommand } from '../../keys/use-command';

export function useGatedCommand(
  id: CommandId,
  reason: string | undefined,
  run: () => void,
  isActive: boolean,
): void {
  const flash = useFlash();
  useCommand(
    id,
    () => {
      if (reason === undefined) run();
      else flash.warn(disabledMessage(bindingFor(id), reason));
    },
    { isActive },
  );
}
