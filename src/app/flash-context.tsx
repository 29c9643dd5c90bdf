import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useAppTimer } from '../hooks/app-timer';
import { createFlashStore, type FlashMessage, type FlashStore } from './flash';

const FlashContext = createContext<FlashStore | undefined>(undefined);

export function FlashProvider({ children }: { children: ReactNode }) {
  const timer = useAppTimer();
  const [store] = useState(() => createFlashStore(timer));
  useEffect(() => () => store.dispose(), [store]);
  return <FlashContext.Provider value={store}>{children}</FlashContext.Provider>;
}

/**
 * Say something on the flash line: `flash.info('copied')`, `flash.warn(...)`,
 * `flash.error(err)` (an Error shows its message and hint). Cleared after 6 s.
 */
export function useFlash(): FlashStore {
  const store = useContext(FlashContext);
  if (!store) throw new Error('useFlash needs a <FlashProvider> above it (the App has one)');
  return store;
}

export function useFlashMessage(): FlashMessage | undefined {
  const store = useFlash();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
