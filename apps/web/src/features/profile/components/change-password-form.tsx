import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeRequest } from '@dialdeck/contracts/auth';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardHeader } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form-field';
import { useToast } from '../../../components/ui/toast';
import { updateMeErrors, useUpdateMe } from '../api/update-me';

const FIELDS = ['current_password', 'new_password'] as const;
const EMPTY = { current_password: '', new_password: '', confirm_password: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const titleId = useId();
  const form = useFormErrors();
  const { values, setValues, text } = useFormValues(() => EMPTY, form, { keepErrors: true });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(
      UpdateMeRequest,
      { current_password: values.current_password, new_password: values.new_password },
      {
        refine: (found) => {
          if (!values.new_password) found.new_password = t('validation.required');
          if (!found.new_password && values.new_password !== values.confirm_password)
            found.confirm_password = t('profile.passwordMismatch');
        },
      },
    );
    if (!data) return;
    update.mutate(data, {
      onSuccess: () => {
        setValues(EMPTY);
        toast.success(t('profile.passwordChanged'));
      },
      onError: (error) => form.showErrors(updateMeErrors(error, t, FIELDS)),
    });
  }

  return (
    <Card>
      <CardHeader title={t('profile.passwordTitle')} titleId={titleId} />
      <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby={titleId} className="space-y-5 px-6 py-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        {/* Lets password managers pair the new password with the account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <TextField
          label={t('profile.currentPassword')}
          {...text('current_password')}
          type="password"
          dir="ltr"
          autoComplete="current-password"
          required
          containerClassName="sm:max-w-[calc(50%-0.625rem)]"
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('profile.newPassword')}
            {...text('new_password')}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            required
            hint={t('profile.newPasswordHint')}
          />
          <TextField
            label={t('profile.confirmPassword')}
            {...text('confirm_password')}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            required
          />
        </div>
        <div className="flex justify-end">
          <Button type="submit" loading={update.isPending}>
            {update.isPending ? t('common.saving') : t('profile.changePassword')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
