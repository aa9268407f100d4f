import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { UploadIcon } from '../../../components/ui/icons';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { isolate } from '../../../lib/bidi';
import { errorMessage } from '../../../lib/form-errors';
import type { Formatters } from '../../../lib/use-format';
import { useUploadNumbers } from '../api/upload-numbers';
import { ImportSummary } from './import-summary';

export interface UploadNumbersDialogProps {
  open: boolean;
  company: string | undefined;
  format: Formatters;
  onClose: () => void;
}

const ACCEPTED = /\.(csv|xlsx)$/i;

/** A failed upload in words: the file-specific statuses get their own sentence. */
function uploadErrorMessage(error: unknown, t: TFunction): { message: string; detail?: string } {
  if (error instanceof ApiError) {
    if (error.status === 413) return { message: t('numbers.uploadDialog.errors.tooLarge') };
    if (error.status === 415) return { message: t('numbers.uploadDialog.errors.unsupported') };
    // The server names what it could not read (a bad zip, a broken CSV quote).
    if (error.status === 422) return { message: t('numbers.uploadDialog.errors.unreadable'), detail: error.message };
  }
  return { message: errorMessage(error, t) };
}

/**
 * Upload a CSV or XLSX: a real progress bar while the bytes go up (XMLHttpRequest's
 * upload.onprogress), then "processing" until the server answers, then the summary.
 */
export function UploadNumbersDialog({ open, company, format, onClose }: UploadNumbersDialogProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const upload = useUploadNumbers();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const { state } = upload;
  const running = state.phase === 'uploading' || state.phase === 'processing';

  const close = () => {
    upload.cancel();
    setFile(null);
    setLocalError(null);
    onClose();
  };

  const another = () => {
    upload.reset();
    setFile(null);
    setLocalError(null);
    if (inputRef.current) inputRef.current.value = '';
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setLocalError(t('numbers.uploadDialog.errors.noFile'));
      return;
    }
    if (!ACCEPTED.test(file.name)) {
      setLocalError(t('numbers.uploadDialog.errors.unsupported'));
      return;
    }
    setLocalError(null);
    void upload.start(file, company);
  }

  const failure = state.phase === 'error' ? uploadErrorMessage(state.error, t) : null;

  return (
    <Dialog open={open} onClose={close} title={t('numbers.uploadDialog.title')} size="lg">
      {state.phase === 'done' ? (
        <>
          <DialogBody>
            <ImportSummary result={state.result} format={format} />
          </DialogBody>
          <DialogFooterActions
            cancelLabel={t('numbers.uploadDialog.another')}
            onCancel={another}
            submitLabel={t('numbers.uploadDialog.done')}
            onSubmit={close}
            autoFocusSubmit
          />
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <DialogBody className="space-y-4">
            {failure ? (
              <Alert>
                <p>{failure.message}</p>
                {failure.detail ? (
                  <p className="mt-1 text-xs opacity-80" dir="auto">
                    {failure.detail}
                  </p>
                ) : null}
              </Alert>
            ) : null}
            <div className="flex flex-col gap-1.5">
              <label htmlFor={inputId} className="text-sm font-medium text-zinc-800">
                {t('numbers.uploadDialog.file')}
              </label>
              <input
                ref={inputRef}
                id={inputId}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                disabled={running}
                aria-invalid={localError ? true : undefined}
                aria-describedby={`${inputId}-hint`}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setLocalError(null);
                  if (state.phase === 'error') upload.reset();
                }}
                className="block w-full cursor-pointer rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-3 py-3 text-sm text-zinc-700 file:me-3 file:cursor-pointer file:rounded-md file:border-0 file:bg-indigo-600 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white hover:border-indigo-400 disabled:cursor-not-allowed disabled:opacity-60"
              />
              <p id={`${inputId}-hint`} className={localError ? 'text-xs font-medium text-red-600' : 'text-xs text-zinc-500'}>
                {localError ?? t('numbers.uploadDialog.hint')}
              </p>
              {file && !localError ? (
                <p className="text-xs text-zinc-600">
                  {t('numbers.uploadDialog.selected', { name: isolate(file.name), size: format.bytes(file.size) })}
                </p>
              ) : null}
            </div>

            {state.phase === 'uploading' ? (
              <div className="space-y-1.5" data-testid="upload-progress">
                <div className="flex items-center justify-between gap-3 text-sm">
                  <span className="font-medium text-zinc-800">
                    {t('numbers.uploadDialog.uploading', { percent: format.percent(state.percent / 100) })}
                  </span>
                  <span className="text-xs text-zinc-500 tabular-nums">
                    {t('numbers.uploadDialog.sent', { loaded: format.bytes(state.loaded), total: format.bytes(state.total) })}
                  </span>
                </div>
                <ProgressBar
                  label={t('numbers.uploadDialog.progressLabel')}
                  value={state.percent}
                  valueText={format.percent(state.percent / 100)}
                />
              </div>
            ) : null}
            {state.phase === 'processing' ? (
              <div className="space-y-1.5" data-testid="upload-progress">
                <p className="flex items-center gap-2 text-sm font-medium text-zinc-800" role="status">
                  <Spinner className="size-3.5 text-indigo-600" />
                  {t('numbers.uploadDialog.processing')}
                </p>
                <ProgressBar label={t('numbers.uploadDialog.progressLabel')} value={100} valueText={t('numbers.uploadDialog.processing')} />
              </div>
            ) : null}
          </DialogBody>
          <DialogFooterActions
            onCancel={running ? () => upload.cancel() : close}
            pending={running}
            submitIcon={<UploadIcon className="size-4" />}
            submitDisabled={running}
            submitLabel={t('numbers.uploadDialog.submit')}
          />
        </form>
      )}
    </Dialog>
  );
}
