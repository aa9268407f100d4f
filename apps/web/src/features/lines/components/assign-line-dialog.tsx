import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineResponse } from '@dialdeck/contracts/lines';
import { errorMessage, serverFormErrors } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { SelectField } from '../../../components/ui/form-field';
import { Spinner } from '../../../components/ui/spinner';
import { useAssignLine, useFreeAgents } from '../api/lines-api';

/** Assigns a line to one of the company's active agents that have no line yet. */
export function AssignLineDialog({
  line,
  onClose,
  onAssigned,
}: {
  line: LineResponse | null;
  onClose: () => void;
  onAssigned: (line: LineResponse) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={line !== null} onClose={onClose} title={line ? t('lines.assignTitle', { name: line.display_name }) : ''}>
      {line ? <AssignForm key={line.id} line={line} onClose={onClose} onAssigned={onAssigned} /> : null}
    </Dialog>
  );
}

function AssignForm({ line, onClose, onAssigned }: { line: LineResponse; onClose: () => void; onAssigned: (line: LineResponse) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const agents = useFreeAgents(true);
  const assign = useAssignLine();
  const [agentId, setAgentId] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (agentId === '') {
      form.showErrors({ fields: { agent_id: t('lines.assignChoose') }, form: null });
      return;
    }
    assign.mutate(
      { id: line.id, agentId: Number(agentId) },
      {
        onSuccess: onAssigned,
        onError: (error) =>
          form.showErrors(
            serverFormErrors(error, t, {
              fields: ['agent_id'],
              conflictField: 'agent_id',
              conflictMessages: { agent_id: t('lines.agentTaken') },
            }),
          ),
      },
    );
  }

  const items = agents.data?.items ?? [];
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-4">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <p className="text-sm text-zinc-600">{t('lines.assignBody')}</p>
        {agents.isPending ? (
          <Spinner className="size-5 text-indigo-600" />
        ) : agents.isError ? (
          <Alert>{errorMessage(agents.error, t)}</Alert>
        ) : items.length === 0 ? (
          <Alert tone="info">{t('lines.assignNone')}</Alert>
        ) : (
          <SelectField
            label={t('lines.assignAgent')}
            name="agent_id"
            value={agentId}
            error={form.errors.agent_id}
            onChange={(e) => {
              setAgentId(e.target.value);
              form.clearError('agent_id');
            }}
          >
            <option value="">{t('lines.assignChoose')}</option>
            {items.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.full_name}
              </option>
            ))}
          </SelectField>
        )}
      </DialogBody>
      <DialogFooterActions
        onCancel={onClose}
        cancelDisabled={assign.isPending}
        submitLabel={t('lines.assignConfirm')}
        pending={assign.isPending}
        submitDisabled={items.length === 0}
      />
    </form>
  );
}
