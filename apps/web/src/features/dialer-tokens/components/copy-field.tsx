import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { CheckCircleIcon, CopyIcon } from '../../../components/ui/icons';

type CopyState = 'idle' | 'copied' | 'failed';

/** A secret in a read-only monospace field with a Copy button; falls back to "select it yourself". */
export function CopyField({ label, value, autoFocus = false }: { label: string; value: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const rowRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  // Shown in place of a form that had focus: put focus on the Copy button.
  useEffect(() => {
    if (autoFocus) rowRef.current?.querySelector('button')?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Clipboard blocked (permissions, insecure origin): leave the text selected for Ctrl+C.
      inputRef.current?.focus();
      inputRef.current?.select();
      setState('failed');
    }
  }

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div ref={rowRef} className="flex items-stretch gap-2">
        <input
          ref={inputRef}
          id={id}
          readOnly
          dir="ltr"
          value={value}
          spellCheck={false}
          autoComplete="off"
          data-testid="dialer-token-value"
          onFocus={(e) => e.currentTarget.select()}
          className="block h-10 w-full min-w-0 rounded-md border border-zinc-300 bg-zinc-50 px-3 font-mono text-sm text-zinc-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600"
        />
        <Button
          variant={state === 'copied' ? 'secondary' : 'primary'}
          icon={state === 'copied' ? <CheckCircleIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
          aria-label={t('dialer.tokens.copyLabel')}
          onClick={() => void copy()}
        >
          {state === 'copied' ? t('dialer.tokens.copied') : t('dialer.tokens.copy')}
        </Button>
      </div>
      <p aria-live="polite" className={state === 'failed' ? 'text-xs font-medium text-red-600' : 'text-xs text-emerald-700'}>
        {state === 'copied' ? t('dialer.tokens.copiedStatus') : state === 'failed' ? t('dialer.tokens.copyFailed') : ''}
      </p>
    </div>
  );
}
