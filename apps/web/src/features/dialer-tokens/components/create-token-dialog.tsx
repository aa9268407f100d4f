import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateDialerTokenRequest } from '@dialdeck/contracts/dialer';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogBody, DialogFooter } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { TextField } from '../../../components/ui/form-field';
import { serverFormErrors } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { useCreateDialerToken } from '../api/create-dialer-token';
import { CopyField } from './copy-field';

export interface CreateTokenDialogProps {
  open: boolean;
  company: string | undefined;
  onClose: () => void;
}

interface Revealed {
  name: string;
  token: string;
}

/**
 * Two steps in one dialog: name the token, then show the secret once. The secret
 * lives only in this component's state; closing the dialog forgets it.
 */
export function CreateTokenDialog({ open, company, onClose }: CreateTokenDialogProps) {
  const { t } = useTranslation();
  const create = useCreateDialerToken();
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  const close = () => {
    if (create.isPending) return;
    setRevealed(null);
    create.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      title={revealed ? t('dialer.tokens.createdTitle', { name: revealed.name }) : t('dialer.tokens.createTitle')}
      size={revealed ? 'lg' : 'md'}
    >
      {!open ? null : revealed ? (
        <TokenReveal revealed={revealed} onDone={close} />
      ) : (
        <CreateTokenForm
          pending={create.isPending}
          onCancel={close}
          onSubmit={(name, onError) =>
            create.mutate(
              { name, company },
              {
                onSuccess: (created) => {
                  setRevealed({ name: created.name, token: created.token });
                  // The secret now lives here only, not in the mutation cache.
                  create.reset();
                },
                onError,
              },
            )
          }
        />
      )}
    </Dialog>
  );
}

function CreateTokenForm({
  pending,
  onCancel,
  onSubmit,
}: {
  pending: boolean;
  onCancel: () => void;
  onSubmit: (name: string, onError: (error: unknown) => void) => void;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const { values, text } = useFormValues(() => ({ name: '' }), form);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(CreateDialerTokenRequest, values);
    if (!data) return;
    onSubmit(data.name, (error) => form.showErrors(serverFormErrors(error, t, { fields: ['name'], conflictField: 'name' })));
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-4">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <TextField
          label={t('dialer.tokens.name')}
          hint={t('dialer.tokens.nameHint')}
          required
          maxLength={100}
          autoComplete="off"
          data-autofocus
          {...text('name')}
        />
      </DialogBody>
      <DialogFooterActions
        onCancel={onCancel}
        cancelDisabled={pending}
        pending={pending}
        submitLabel={pending ? t('common.creating') : t('dialer.tokens.create')}
      />
    </form>
  );
}

function TokenReveal({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  return (
    <>
      <DialogBody className="space-y-4">
        <Alert tone="warning">
          <p className="font-medium">{t('dialer.tokens.onceWarning')}</p>
        </Alert>
        <CopyField label={t('dialer.tokens.token')} value={revealed.token} autoFocus />
        <div className="space-y-1.5">
          <p className="text-sm text-zinc-600">{t('dialer.tokens.tryIt')}</p>
          <pre
            dir="ltr"
            className="overflow-x-auto rounded-md bg-zinc-900 px-3 py-2 text-start font-mono text-xs leading-relaxed text-zinc-100"
          >
            {`curl -H "Authorization: Bearer ${revealed.token}" \\\n  ${origin}/api/dialer/next-batch?size=10`}
          </pre>
        </div>
      </DialogBody>
      <DialogFooter>
        <Button onClick={onDone}>{t('dialer.tokens.done')}</Button>
      </DialogFooter>
    </>
  );
}
