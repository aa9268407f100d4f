import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { Role } from '@dialdeck/contracts/common';
import { CreateUserRequest, UpdateUserRequest } from '@dialdeck/contracts/users';
import { ApiError } from '../../../lib/api-client';
import { serverFormErrors } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { saveLabel } from '../../../lib/save-label';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { CheckboxField, SelectField, TextField } from '../../../components/ui/form-field';
import { PasswordField } from '../../../components/ui/password-field';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';

export type UserFormMode = { kind: 'create' } | { kind: 'edit'; user: UserResponse };

interface Values {
  username: string;
  password: string;
  role: Role;
  first_name: string;
  last_name: string;
  phone_number: string;
  is_active: boolean;
}

const FIELDS = ['username', 'password', 'role', 'first_name', 'last_name', 'phone_number', 'is_active'] as const;

function initialValues(mode: UserFormMode): Values {
  if (mode.kind === 'create') {
    return { username: '', password: '', role: 'AGENT', first_name: '', last_name: '', phone_number: '', is_active: true };
  }
  const { user } = mode;
  return {
    username: user.username,
    password: '',
    role: user.role,
    first_name: user.first_name ?? '',
    last_name: user.last_name ?? '',
    phone_number: user.phone_number ?? '',
    is_active: user.is_active,
  };
}

export interface UserFormDialogProps {
  mode: UserFormMode | null;
  /** The superuser's selected company (slug and id), when not their own. */
  company?: { name: string; id: number };
  currentUserId: number;
  onClose: () => void;
  onSaved: (user: UserResponse, mode: UserFormMode) => void;
}

export function UserFormDialog({ mode, company, currentUserId, onClose, onSaved }: UserFormDialogProps) {
  const { t } = useTranslation();
  const title = mode?.kind === 'edit' ? t('users.editTitle', { username: mode.user.username }) : t('users.createTitle');
  return (
    <Dialog open={mode !== null} onClose={onClose} title={title} size="lg">
      {mode ? (
        <UserForm
          key={mode.kind === 'edit' ? mode.user.id : 'create'}
          mode={mode}
          company={company}
          currentUserId={currentUserId}
          onClose={onClose}
          onSaved={onSaved}
        />
      ) : null}
    </Dialog>
  );
}

function UserForm({ mode, company, currentUserId, onClose, onSaved }: Omit<UserFormDialogProps, 'mode'> & { mode: UserFormMode }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const { values, set, text, flag } = useFormValues(() => initialValues(mode), form);
  const create = useCreateUser();
  const update = useUpdateUser();
  const pending = create.isPending || update.isPending;
  const editingSelf = mode.kind === 'edit' && mode.user.id === currentUserId;
  const protectedUser = mode.kind === 'edit' && (mode.user.is_superuser || editingSelf);

  function onServerError(error: unknown) {
    const phoneConflict = error instanceof ApiError && error.status === 409 && /phone/i.test(error.message);
    form.showErrors(
      serverFormErrors(error, t, {
        fields: FIELDS,
        conflictField: phoneConflict ? 'phone_number' : 'username',
        conflictMessages: { username: t('errors.usernameTaken'), phone_number: t('errors.phoneTaken') },
      }),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hints = { username: t('validation.username') };

    if (mode.kind === 'create') {
      const data = form.parse(
        CreateUserRequest,
        {
          username: values.username,
          password: values.password,
          role: values.role,
          first_name: values.first_name.trim() || undefined,
          last_name: values.last_name.trim() || undefined,
          phone_number: values.phone_number.trim() || undefined,
          company_id: company?.id,
        },
        { hints },
      );
      if (!data) return;
      create.mutate({ body: data, company: company?.name }, { onSuccess: (user) => onSaved(user, mode), onError: onServerError });
      return;
    }

    // Edit: send only what changed, so an untouched username never collides with itself.
    const { user } = mode;
    const body: Record<string, unknown> = {};
    if (values.username.trim() !== user.username) body.username = values.username;
    if (values.password) body.password = values.password;
    if (values.role !== user.role) body.role = values.role;
    if (values.first_name.trim() !== (user.first_name ?? '')) body.first_name = values.first_name.trim() || null;
    if (values.last_name.trim() !== (user.last_name ?? '')) body.last_name = values.last_name.trim() || null;
    if (values.phone_number.trim() !== (user.phone_number ?? '')) body.phone_number = values.phone_number.trim() || null;
    if (!protectedUser && values.is_active !== user.is_active) body.is_active = values.is_active;
    const data = form.parse(UpdateUserRequest, body, { hints });
    if (!data) return;
    if (Object.keys(data).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, body: data, company: company?.name },
      { onSuccess: (saved) => onSaved(saved, mode), onError: onServerError },
    );
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('users.fields.username')}
            {...text('username')}
            dir="ltr"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
            required
          />
          <PasswordField
            label={mode.kind === 'create' ? t('users.fields.password') : t('users.fields.newPassword')}
            {...text('password')}
            autoComplete="new-password"
            required={mode.kind === 'create'}
            optional={mode.kind === 'edit'}
            hint={mode.kind === 'create' ? t('users.fields.passwordHint') : t('users.fields.newPasswordHint')}
          />
          <TextField label={t('users.fields.firstName')} {...text('first_name')} autoComplete="off" optional />
          <TextField label={t('users.fields.lastName')} {...text('last_name')} autoComplete="off" optional />
          <SelectField
            label={t('users.fields.role')}
            name="role"
            value={values.role}
            error={form.errors.role}
            onChange={(e) => set('role', e.target.value === 'ADMIN' ? 'ADMIN' : 'AGENT')}
          >
            <option value="AGENT">{t('roles.AGENT')}</option>
            <option value="ADMIN">{t('roles.ADMIN')}</option>
          </SelectField>
          <TextField label={t('users.fields.phone')} {...text('phone_number')} type="tel" dir="ltr" autoComplete="off" optional />
        </div>
        {mode.kind === 'edit' && !protectedUser ? <CheckboxField label={t('users.fields.isActive')} {...flag('is_active')} /> : null}
      </DialogBody>
      <DialogFooterActions onCancel={onClose} cancelDisabled={pending} pending={pending} submitLabel={saveLabel(mode.kind, pending, t)} />
    </form>
  );
}
