import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateVoiceServerRequest, UpdateVoiceServerRequest, type VoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { CheckboxField, TextField } from '../../../components/ui/form-field';
import { parseNumberInput } from '../../../lib/digits';
import { serverFormErrors } from '../../../lib/form-errors';
import { saveLabel } from '../../../lib/save-label';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { useCreateVoiceServer } from '../api/create-voice-server';
import { useUpdateVoiceServer } from '../api/update-voice-server';

export type VoiceServerFormMode = { kind: 'create' } | { kind: 'edit'; server: VoiceServerResponse };

interface Values {
  name: string;
  url: string;
  priority: string;
  is_active: boolean;
}

const FIELDS = ['name', 'url', 'priority', 'is_active'] as const;

function initialValues(mode: VoiceServerFormMode): Values {
  if (mode.kind === 'create') return { name: '', url: '', priority: '0', is_active: true };
  const { server } = mode;
  return { name: server.name, url: server.url, priority: String(server.priority), is_active: server.is_active };
}

export interface VoiceServerFormDialogProps {
  mode: VoiceServerFormMode | null;
  onClose: () => void;
  onSaved: (server: VoiceServerResponse, mode: VoiceServerFormMode) => void;
}

export function VoiceServerFormDialog({ mode, onClose, onSaved }: VoiceServerFormDialogProps) {
  const { t } = useTranslation();
  const title = mode?.kind === 'edit' ? t('voiceServers.editTitle', { name: mode.server.name }) : t('voiceServers.createTitle');
  return (
    <Dialog open={mode !== null} onClose={onClose} title={title}>
      {mode ? (
        <VoiceServerForm key={mode.kind === 'edit' ? mode.server.id : 'create'} mode={mode} onClose={onClose} onSaved={onSaved} />
      ) : null}
    </Dialog>
  );
}

function VoiceServerForm({
  mode,
  onClose,
  onSaved,
}: {
  mode: VoiceServerFormMode;
  onClose: () => void;
  onSaved: VoiceServerFormDialogProps['onSaved'];
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const { values, text, flag } = useFormValues(() => initialValues(mode), form);
  const create = useCreateVoiceServer();
  const update = useUpdateVoiceServer();
  const pending = create.isPending || update.isPending;
  const hints = { url: t('validation.voiceServerUrl') };

  function onServerError(error: unknown) {
    form.showErrors(
      serverFormErrors(error, t, { fields: FIELDS, conflictField: 'name', conflictMessages: { name: t('errors.voiceServerNameTaken') } }),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const priority = parseNumberInput(values.priority);
    if (mode.kind === 'create') {
      const data = form.parse(
        CreateVoiceServerRequest,
        { name: values.name, url: values.url, priority, is_active: values.is_active },
        { hints },
      );
      if (data) create.mutate(data, { onSuccess: (server) => onSaved(server, mode), onError: onServerError });
      return;
    }
    const { server } = mode;
    const body: Record<string, unknown> = {};
    if (values.name.trim() !== server.name) body.name = values.name;
    if (values.url.trim() !== server.url) body.url = values.url;
    if (priority !== server.priority) body.priority = priority;
    if (values.is_active !== server.is_active) body.is_active = values.is_active;
    const data = form.parse(UpdateVoiceServerRequest, body, { hints });
    if (!data) return;
    if (Object.keys(data).length === 0) {
      onClose();
      return;
    }
    update.mutate({ id: server.id, body: data }, { onSuccess: (saved) => onSaved(saved, mode), onError: onServerError });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <TextField label={t('voiceServers.fields.name')} {...text('name')} data-autofocus required />
        <TextField
          label={t('voiceServers.fields.url')}
          {...text('url')}
          dir="ltr"
          type="url"
          inputMode="url"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          placeholder="wss://voice.example.com/stream"
          required
          hint={mode.kind === 'edit' ? t('voiceServers.fields.urlHintEdit') : t('voiceServers.fields.urlHint')}
        />
        <TextField
          label={t('voiceServers.fields.priority')}
          {...text('priority')}
          dir="ltr"
          inputMode="numeric"
          hint={t('voiceServers.fields.priorityHint')}
        />
        <CheckboxField label={t('voiceServers.fields.isActive')} hint={t('voiceServers.fields.isActiveHint')} {...flag('is_active')} />
      </DialogBody>
      <DialogFooterActions onCancel={onClose} cancelDisabled={pending} pending={pending} submitLabel={saveLabel(mode.kind, pending, t)} />
    </form>
  );
}
