import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateLineRequest, UpdateLineRequest, type LineResponse } from '@dialdeck/contracts/lines';
import { serverFormErrors } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { saveLabel } from '../../../lib/save-label';
import { displayName } from '../../../lib/session';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { CheckboxField, SelectField, TextField } from '../../../components/ui/form-field';
import { useCreateLine, useLineOwners, useUpdateLine } from '../api/lines-api';

export type LineFormMode = { kind: 'create' } | { kind: 'edit'; line: LineResponse };

interface Values {
  phone_number: string;
  display_name: string;
  is_active: boolean;
  owner_user_id: string;
}

const FIELDS = ['phone_number', 'display_name', 'is_active', 'owner_user_id'] as const;

export function LineFormDialog({
  mode,
  onClose,
  onSaved,
}: {
  mode: LineFormMode | null;
  onClose: () => void;
  onSaved: (line: LineResponse, mode: LineFormMode) => void;
}) {
  const { t } = useTranslation();
  const title = mode?.kind === 'edit' ? t('lines.editTitle', { name: mode.line.display_name }) : t('lines.createTitle');
  return (
    <Dialog open={mode !== null} onClose={onClose} title={title} size="lg">
      {mode ? <LineForm key={mode.kind === 'edit' ? mode.line.id : 'create'} mode={mode} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  );
}

function LineForm({
  mode,
  onClose,
  onSaved,
}: {
  mode: LineFormMode;
  onClose: () => void;
  onSaved: (line: LineResponse, mode: LineFormMode) => void;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const { values, set, text, flag } = useFormValues<Values>(
    () =>
      mode.kind === 'create'
        ? { phone_number: '', display_name: '', is_active: true, owner_user_id: '' }
        : {
            phone_number: mode.line.phone_number,
            display_name: mode.line.display_name,
            is_active: mode.line.is_active,
            owner_user_id: mode.line.owner_user_id === null ? '' : String(mode.line.owner_user_id),
          },
    form,
  );
  const owners = useLineOwners(true);
  const create = useCreateLine();
  const update = useUpdateLine();
  const pending = create.isPending || update.isPending;

  function onServerError(error: unknown) {
    form.showErrors(
      serverFormErrors(error, t, {
        fields: FIELDS,
        conflictField: 'phone_number',
        conflictMessages: { phone_number: t('lines.phoneTaken') },
      }),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const owner = values.owner_user_id === '' ? null : Number(values.owner_user_id);
    if (mode.kind === 'create') {
      const data = form.parse(CreateLineRequest, {
        phone_number: values.phone_number,
        display_name: values.display_name,
        is_active: values.is_active,
        owner_user_id: owner,
      });
      if (!data) return;
      create.mutate(data, { onSuccess: (line) => onSaved(line, mode), onError: onServerError });
      return;
    }
    const { line } = mode;
    const body: Record<string, unknown> = {};
    if (values.phone_number.trim() !== line.phone_number) body.phone_number = values.phone_number;
    if (values.display_name.trim() !== line.display_name) body.display_name = values.display_name;
    if (values.is_active !== line.is_active) body.is_active = values.is_active;
    if (owner !== line.owner_user_id) body.owner_user_id = owner;
    const data = form.parse(UpdateLineRequest, body);
    if (!data) return;
    if (Object.keys(data).length === 0) return onClose();
    update.mutate({ id: line.id, body: data }, { onSuccess: (saved) => onSaved(saved, mode), onError: onServerError });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('lines.fields.phone')}
            {...text('phone_number')}
            dir="ltr"
            inputMode="tel"
            autoComplete="off"
            hint={t('lines.fields.phoneHint')}
            required
          />
          <TextField label={t('lines.fields.displayName')} {...text('display_name')} required maxLength={100} />
          <SelectField
            label={t('lines.fields.owner')}
            name="owner_user_id"
            value={values.owner_user_id}
            error={form.errors.owner_user_id}
            onChange={(e) => set('owner_user_id', e.target.value)}
          >
            <option value="">{t('lines.nobody')}</option>
            {(owners.data?.items ?? []).map((u) => (
              <option key={u.id} value={String(u.id)}>
                {displayName(u)}
              </option>
            ))}
            {/* The current owner, even when the list has not loaded or does not reach them. */}
            {mode.kind === 'edit' && mode.line.owner && !owners.data?.items.some((u) => u.id === mode.line.owner_user_id) ? (
              <option value={String(mode.line.owner.id)}>{mode.line.owner.full_name}</option>
            ) : null}
          </SelectField>
        </div>
        <CheckboxField label={t('lines.fields.active')} {...flag('is_active')} />
      </DialogBody>
      <DialogFooterActions onCancel={onClose} cancelDisabled={pending} submitLabel={saveLabel(mode.kind, pending, t)} pending={pending} />
    </form>
  );
}
