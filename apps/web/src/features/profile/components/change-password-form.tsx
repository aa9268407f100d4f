import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeRequest } from '@dialdeck/contracts/auth';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { PasswordField } from '../../../components/ui/password-field';
import { useToast } from '../../../components/ui/toast';
import { updateMeErrors, useUpdateMe } from '../api/update-me';
import { ProfileFormCard } from './profile-form-card';

const FIELDS = ['current_password', 'new_password'] as const;
const EMPTY = { current_password: '', new_password: '', confirm_password: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
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
    <ProfileFormCard
      title={t('profile.passwordTitle')}
      form={form}
      onSubmit={submit}
      pending={update.isPending}
      submitLabel={update.isPending ? t('common.saving') : t('profile.changePassword')}
    >
      {/* Lets password managers pair the new password with the account. */}
      <input type="text" name="username" autoComplete="username" hidden readOnly />
      <PasswordField
        label={t('profile.currentPassword')}
        {...text('current_password')}
        autoComplete="current-password"
        required
        containerClassName="sm:max-w-[calc(50%-0.625rem)]"
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <PasswordField
          label={t('profile.newPassword')}
          {...text('new_password')}
          autoComplete="new-password"
          required
          hint={t('profile.newPasswordHint')}
        />
        <PasswordField label={t('profile.confirmPassword')} {...text('confirm_password')} autoComplete="new-password" required />
      </div>
    </ProfileFormCard>
  );
}
