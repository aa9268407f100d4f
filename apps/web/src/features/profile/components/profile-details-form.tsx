import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeRequest, type UserResponse } from '@dialdeck/contracts/auth';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
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
    <Card>
      <CardHeader title={t('profile.detailsTitle')} titleId={titleId} />
      <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby={titleId} className="space-y-5 px-6 py-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField label={t('profile.firstName')} {...text('first_name')} autoComplete="given-name" />
          <TextField label={t('profile.lastName')} {...text('last_name')} autoComplete="family-name" />
        </div>
        <TextField
          label={t('profile.currentPassword')}
          {...text('current_password')}
          type="password"
          dir="ltr"
          autoComplete="current-password"
          required
          hint={t('profile.currentPasswordHint')}
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
