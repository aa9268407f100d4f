import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { cn } from '../../lib/cn';
import { AlertIcon, CheckCircleIcon, CloseIcon } from './icons';

type ToastItem = { tone: 'success' | 'error'; message: string };

interface ToastApi {
  success: (message: string) => void;
  error: (message: string) => void;
  /** Drops every notice, e.g. when the person signs out. */
  clear: () => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const TIMEOUT_MS = 5000;

/** Notices from React Aria's toast region: a labelled landmark, each notice announced, timers paused on hover and focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [queue] = useState(() => new ToastQueue<ToastItem>({ maxVisibleToasts: 4 }));
  const { t } = useTranslation();
  const api = useMemo<ToastApi>(
    () => ({
      success: (message) => queue.add({ tone: 'success', message }, { timeout: TIMEOUT_MS }),
      error: (message) => queue.add({ tone: 'error', message }, { timeout: TIMEOUT_MS }),
      clear: () => queue.clear(),
    }),
    [queue],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <ToastRegion
        queue={queue}
        aria-label={t('common.notifications')}
        className="fixed end-4 bottom-4 z-[60] flex w-[min(24rem,calc(100%-2rem))] flex-col gap-2 outline-none"
      >
        {({ toast }) => (
          <Toast
            toast={toast}
            className={cn(
              'flex items-start gap-3 rounded-lg border bg-white px-4 py-3 text-sm shadow-lg outline-none focus-visible:outline-2 focus-visible:outline-indigo-600',
              toast.content.tone === 'success' ? 'border-emerald-200' : 'border-red-200',
            )}
          >
            {toast.content.tone === 'success' ? (
              <CheckCircleIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
            ) : (
              <AlertIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
            )}
            <ToastContent className="min-w-0 flex-1">
              <Text slot="title" className="text-zinc-800">
                {toast.content.message}
              </Text>
            </ToastContent>
            <Button
              slot="close"
              aria-label={t('common.dismiss')}
              className="-m-1 cursor-pointer rounded p-1 text-zinc-400 outline-none hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <CloseIcon className="size-3.5" />
            </Button>
          </Toast>
        )}
      </ToastRegion>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs a <ToastProvider>');
  return api;
}
