import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddNumbersResponse } from '@dialdeck/contracts/numbers';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { errorMessage } from '../../../lib/form-errors';
import type { Formatters } from '../../../lib/use-format';
import { useAddNumbers } from '../api/add-numbers';
import { ImportSummary } from './import-summary';

export interface AddNumbersDialogProps {
  open: boolean;
  company: string | undefined;
  format: Formatters;
  onClose: () => void;
}

/** Paste numbers (comma or newline separated); the answer is shown in place: added, duplicates, invalid. */
export function AddNumbersDialog({ open, company, format, onClose }: AddNumbersDialogProps) {
  const { t } = useTranslation();
  const textId = useId();
  const add = useAddNumbers();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<AddNumbersResponse | null>(null);

  const close = () => {
    if (add.isPending) return;
    setText('');
    setMissing(false);
    setResult(null);
    add.reset();
    onClose();
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate({ body: { numbers: text }, company }, { onSuccess: (answer) => setResult(answer) });
  }

  const serverError = add.error ? errorMessage(add.error, t) : null;

  return (
    <Dialog open={open} onClose={close} title={t('numbers.addDialog.title')} size="lg" busy={add.isPending}>
      {result ? (
        <>
          <DialogBody>
            <ImportSummary result={result} format={format} />
          </DialogBody>
          <DialogFooterActions
            cancelLabel={t('numbers.addDialog.addMore')}
            onCancel={() => {
              setResult(null);
              setText('');
              add.reset();
            }}
            submitLabel={t('numbers.addDialog.done')}
            onSubmit={close}
            autoFocusSubmit
          />
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <DialogBody className="space-y-3">
            {serverError ? <Alert>{serverError}</Alert> : null}
            <div className="flex flex-col gap-1.5">
              <label htmlFor={textId} className="text-sm font-medium text-zinc-800">
                {t('numbers.addDialog.label')}
              </label>
              <textarea
                id={textId}
                dir="ltr"
                rows={8}
                value={text}
                spellCheck={false}
                autoComplete="off"
                placeholder={t('numbers.addDialog.placeholder')}
                aria-invalid={missing || undefined}
                aria-describedby={`${textId}-hint`}
                onChange={(e) => setText(e.target.value)}
                className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600 aria-invalid:border-red-400"
              />
              <p id={`${textId}-hint`} className={missing ? 'text-xs font-medium text-red-600' : 'text-xs text-zinc-500'}>
                {missing ? t('numbers.addDialog.required') : t('numbers.addDialog.hint')}
              </p>
            </div>
          </DialogBody>
          <DialogFooterActions
            onCancel={close}
            cancelDisabled={add.isPending}
            pending={add.isPending}
            submitLabel={add.isPending ? t('numbers.addDialog.submitting') : t('numbers.addDialog.submit')}
          />
        </form>
      )}
    </Dialog>
  );
}
