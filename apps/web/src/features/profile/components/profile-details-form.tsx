import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeRequest, type UserResponse } from '@dialdeck/contracts/auth';
import { useFormErrors } from '../../../lib/use-form-errors';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardHeader } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form-field';
import { useToast } from '../../../components/ui/toast';
import { updateMeErrors, useUpdateMe } from '../api/update-me';

const FIELDS = ['first_name', 'last_name', 'current_password'] as const;

export function ProfileDetailsForm({ user }: { user: UserResponse }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const titleId = useId();
  const form = useFormErrors();
  const { errors } = form;
  const [firstName, setFirstName] = useState(user.first_name ?? '');
  const [lastName, setLastName] = useState(user.last_name ?? '');
  const [currentPassword, setCurrentPassword] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(UpdateMeRequest, {
      first_name: firstName.trim() || null,
      last_name: lastName.trim() || null,
      current_password: currentPassword,
    });
    if (!data) return;
    update.mutate(data, {
      onSuccess: () => {
        setCurrentPassword('');
        toast.success(t('profile.detailsSaved'));
      },
      onError: (error) => form.showErrors(updateMeErrors(error, t, FIELDS)),
    });
  }

  return (
    <Card>
      <CardHeader title={t('profile.detailsTitle')} titleId={titleId} />
      <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby={titleId} className="space-y-5 px-6 py-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('profile.firstName')}
            name="first_name"
            autoComplete="given-name"
            value={firstName}
            error={errors.first_name}
            onChange={(e) => setFirstName(e.target.value)}
          />
          <TextField
            label={t('profile.lastName')}
            name="last_name"
            autoComplete="family-name"
            value={lastName}
            error={errors.last_name}
            onChange={(e) => setLastName(e.target.value)}
          />
        </div>
        <TextField
          label={t('profile.currentPassword')}
          name="current_password"
          type="password"
          dir="ltr"
          autoComplete="current-password"
          required
          hint={t('profile.currentPasswordHint')}
          value={currentPassword}
          error={errors.current_password}
          onChange={(e) => setCurrentPassword(e.target.value)}
          containerClassName="sm:max-w-[calc(50%-0.625rem)]"
        />
        <div className="flex justify-end">
          <Button type="submit" loading={update.isPending}>
            {update.isPending ? t('common.saving') : t('common.saveChanges')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
