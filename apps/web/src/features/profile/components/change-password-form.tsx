import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeRequest } from '@dialdeck/contracts/auth';
import { focusFirstInvalid, zodFieldErrors, type FieldErrors } from '../../../lib/form-errors';
import { intlLocale } from '../../../lib/use-format';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardHeader } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form-field';
import { useToast } from '../../../components/ui/toast';
import { updateMeErrors, useUpdateMe } from '../api/update-me';

const FIELDS = ['current_password', 'new_password'] as const;

export function ChangePasswordForm() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const titleId = useId();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const parsed = UpdateMeRequest.safeParse({ current_password: currentPassword, new_password: newPassword });
    const found: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error, t, intlLocale(i18n.language));
    if (!newPassword) found.new_password = t('validation.required');
    if (!found.new_password && newPassword !== confirmPassword) found.confirm_password = t('profile.passwordMismatch');
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: () => {
        setCurrentPassword('');
        setNewPassword('');
        setConfirmPassword('');
        toast.success(t('profile.passwordChanged'));
      },
      onError: (error) => {
        const mapped = updateMeErrors(error, t, FIELDS);
        setErrors(mapped.fields);
        setFormError(mapped.form);
        focusFirstInvalid(form);
      },
    });
  }

  return (
    <Card>
      <CardHeader title={t('profile.passwordTitle')} titleId={titleId} />
      <form onSubmit={submit} noValidate aria-labelledby={titleId} className="space-y-5 px-6 py-5">
        {formError ? <Alert>{formError}</Alert> : null}
        {/* Lets password managers pair the new password with the account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <TextField
          label={t('profile.currentPassword')}
          name="current_password"
          type="password"
          dir="ltr"
          autoComplete="current-password"
          required
          value={currentPassword}
          error={errors.current_password}
          onChange={(e) => setCurrentPassword(e.target.value)}
          containerClassName="sm:max-w-[calc(50%-0.625rem)]"
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('profile.newPassword')}
            name="new_password"
            type="password"
            dir="ltr"
            autoComplete="new-password"
            required
            hint={t('profile.newPasswordHint')}
            value={newPassword}
            error={errors.new_password}
            onChange={(e) => setNewPassword(e.target.value)}
          />
          <TextField
            label={t('profile.confirmPassword')}
            name="confirm_password"
            type="password"
            dir="ltr"
            autoComplete="new-password"
            required
            value={confirmPassword}
            error={errors.confirm_password}
            onChange={(e) => setConfirmPassword(e.target.value)}
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
