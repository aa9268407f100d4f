import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateLineRestRuleRequest, type LineRestRule } from '@dialdeck/contracts/lines';
import { serverFormErrors } from '../../../lib/form-errors';
import { parseNumberInput } from '../../../lib/digits';
import { useFormErrors } from '../../../lib/use-form-errors';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { CheckboxField, TextField } from '../../../components/ui/form-field';
import { Spinner } from '../../../components/ui/spinner';
import { useRestRule, useSaveRestRule } from '../api/lines-api';

const FIELDS = ['line_rest_below_connect_rate', 'line_rest_hours', 'line_rest_window_calls'] as const;

/** The company's rule for resting lines whose connect rate falls (stored in the company settings). */
export function RestRuleDialog({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const rule = useRestRule(open);
  return (
    <Dialog open={open} onClose={onClose} title={t('lines.rule.title')} description={t('lines.rule.body')}>
      {open && rule.data ? (
        <RuleForm rule={rule.data} onClose={onClose} onSaved={onSaved} />
      ) : open ? (
        <DialogBody>
          <Spinner className="size-5 text-indigo-600" />
        </DialogBody>
      ) : null}
    </Dialog>
  );
}

function RuleForm({ rule, onClose, onSaved }: { rule: LineRestRule; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const save = useSaveRestRule();
  const [enabled, setEnabled] = useState(rule.line_rest_below_connect_rate !== null);
  const [below, setBelow] = useState(String(Math.round((rule.line_rest_below_connect_rate ?? 0.1) * 1000) / 10));
  const [windowCalls, setWindowCalls] = useState(String(rule.line_rest_window_calls));
  const [hours, setHours] = useState(String(rule.line_rest_hours));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const percent = parseNumberInput(below);
    const data = form.parse(UpdateLineRestRuleRequest, {
      line_rest_below_connect_rate: enabled ? percent / 100 : null,
      line_rest_window_calls: parseNumberInput(windowCalls),
      line_rest_hours: parseNumberInput(hours),
    });
    if (!data) return;
    save.mutate(data, { onSuccess: onSaved, onError: (error) => form.showErrors(serverFormErrors(error, t, { fields: FIELDS })) });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <CheckboxField label={t('lines.rule.enabled')} name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <div className="grid gap-5 sm:grid-cols-3">
          <TextField
            label={t('lines.rule.below')}
            name="line_rest_below_connect_rate"
            inputMode="decimal"
            dir="ltr"
            value={below}
            disabled={!enabled}
            error={form.errors.line_rest_below_connect_rate}
            onChange={(e) => setBelow(e.target.value)}
          />
          <TextField
            label={t('lines.rule.window')}
            name="line_rest_window_calls"
            inputMode="numeric"
            dir="ltr"
            value={windowCalls}
            error={form.errors.line_rest_window_calls}
            onChange={(e) => setWindowCalls(e.target.value)}
          />
          <TextField
            label={t('lines.rule.hours')}
            name="line_rest_hours"
            inputMode="numeric"
            dir="ltr"
            value={hours}
            error={form.errors.line_rest_hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </div>
      </DialogBody>
      <DialogFooterActions onCancel={onClose} cancelDisabled={save.isPending} submitLabel={t('common.save')} pending={save.isPending} />
    </form>
  );
}
