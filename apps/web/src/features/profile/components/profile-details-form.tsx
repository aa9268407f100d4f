import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeRequest, type UserResponse } from '@dialdeck/contracts/auth';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { TextField } from '../../../components/ui/form-field';
import { PasswordField } from '../../../components/ui/password-field';
import { useToast } from '../../../components/ui/toast';
import { updateMeErrors, useUpdateMe } from '../api/update-me';
import { ProfileFormCard } from './profile-form-card';

const FIELDS = ['first_name', 'last_name', 'current_password'] as const;

export function ProfileDetailsForm({ user }: { user: UserResponse }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const form = useFormErrors();
  const { values, set, text } = useFormValues(
    () => ({ first_name: user.first_name ?? '', last_name: user.last_name ?? '', current_password: '' }),
    form,
    { keepErrors: true },
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(UpdateMeRequest, {
      first_name: values.first_name.trim() || null,
      last_name: values.last_name.trim() || null,
      current_password: values.current_password,
    });
    if (!data) return;
    update.mutate(data, {
      onSuccess: () => {
        set('current_password', '');
        toast.success(t('profile.detailsSaved'));
      },
      onError: (error) => form.showErrors(updateMeErrors(error, t, FIELDS)),
    });
  }

  return (
    <ProfileFormCard
      title={t('profile.detailsTitle')}
      form={form}
      onSubmit={submit}
      pending={update.isPending}
      submitLabel={update.isPending ? t('common.saving') : t('common.saveChanges')}
    >
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField label={t('profile.firstName')} {...text('first_name')} autoComplete="given-name" />
        <TextField label={t('profile.lastName')} {...text('last_name')} autoComplete="family-name" />
      </div>
      <PasswordField
        label={t('profile.currentPassword')}
        {...text('current_password')}
        autoComplete="current-password"
        required
        hint={t('profile.currentPasswordHint')}
        containerClassName="sm:max-w-[calc(50%-0.625rem)]"
      />
    </ProfileFormCard>
  );
}
