import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { Role } from '@dialdeck/contracts/common';
import { CreateUserRequest, UpdateUserRequest } from '@dialdeck/contracts/users';
import { ApiError } from '../../../lib/api-client';
import { serverFormErrors, focusFirstInvalid, zodFieldErrors, type FieldErrors } from '../../../lib/form-errors';
import { intlLocale } from '../../../lib/use-format';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogBody, DialogFooter } from '../../../components/ui/dialog';
import { CheckboxField, SelectField, TextField } from '../../../components/ui/form-field';
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
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Values>(() => initialValues(mode));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const pending = create.isPending || update.isPending;
  const editingSelf = mode.kind === 'edit' && mode.user.id === currentUserId;
  const protectedUser = mode.kind === 'edit' && (mode.user.is_superuser || editingSelf);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors((current) => ({ ...current, [key]: '' }));
  };

  function onServerError(error: unknown) {
    const phoneConflict = error instanceof ApiError && error.status === 409 && /phone/i.test(error.message);
    const mapped = serverFormErrors(error, t, {
      fields: FIELDS,
      conflictField: phoneConflict ? 'phone_number' : 'username',
      conflictMessages: { username: t('errors.usernameTaken'), phone_number: t('errors.phoneTaken') },
    });
    setErrors(mapped.fields);
    setFormError(mapped.form);
    focusFirstInvalid(formRef.current);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const locale = intlLocale(i18n.language);
    const hints = { username: t('validation.username') };

    if (mode.kind === 'create') {
      const parsed = CreateUserRequest.safeParse({
        username: values.username,
        password: values.password,
        role: values.role,
        first_name: values.first_name.trim() || undefined,
        last_name: values.last_name.trim() || undefined,
        phone_number: values.phone_number.trim() || undefined,
        company_id: company?.id,
      });
      if (!parsed.success) {
        setErrors(zodFieldErrors(parsed.error, t, locale, hints));
        focusFirstInvalid(form);
        return;
      }
      setErrors({});
      create.mutate({ body: parsed.data, company: company?.name }, { onSuccess: (user) => onSaved(user, mode), onError: onServerError });
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
    const parsed = UpdateUserRequest.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t, locale, hints));
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    if (Object.keys(parsed.data).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, body: parsed.data, company: company?.name },
      { onSuccess: (saved) => onSaved(saved, mode), onError: onServerError },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {formError ? <Alert>{formError}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('users.fields.username')}
            name="username"
            dir="ltr"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
            required
            value={values.username}
            error={errors.username}
            onChange={(e) => set('username', e.target.value)}
          />
          <TextField
            label={mode.kind === 'create' ? t('users.fields.password') : t('users.fields.newPassword')}
            name="password"
            type="password"
            dir="ltr"
            autoComplete="new-password"
            required={mode.kind === 'create'}
            optional={mode.kind === 'edit'}
            hint={mode.kind === 'create' ? t('users.fields.passwordHint') : t('users.fields.newPasswordHint')}
            value={values.password}
            error={errors.password}
            onChange={(e) => set('password', e.target.value)}
          />
          <TextField
            label={t('users.fields.firstName')}
            name="first_name"
            autoComplete="off"
            optional
            value={values.first_name}
            error={errors.first_name}
            onChange={(e) => set('first_name', e.target.value)}
          />
          <TextField
            label={t('users.fields.lastName')}
            name="last_name"
            autoComplete="off"
            optional
            value={values.last_name}
            error={errors.last_name}
            onChange={(e) => set('last_name', e.target.value)}
          />
          <SelectField
            label={t('users.fields.role')}
            name="role"
            value={values.role}
            error={errors.role}
            onChange={(e) => set('role', e.target.value === 'ADMIN' ? 'ADMIN' : 'AGENT')}
          >
            <option value="AGENT">{t('roles.AGENT')}</option>
            <option value="ADMIN">{t('roles.ADMIN')}</option>
          </SelectField>
          <TextField
            label={t('users.fields.phone')}
            name="phone_number"
            type="tel"
            dir="ltr"
            autoComplete="off"
            optional
            value={values.phone_number}
            error={errors.phone_number}
            onChange={(e) => set('phone_number', e.target.value)}
          />
        </div>
        {mode.kind === 'edit' && !protectedUser ? (
          <CheckboxField
            label={t('users.fields.isActive')}
            name="is_active"
            checked={values.is_active}
            onChange={(e) => set('is_active', e.target.checked)}
          />
        ) : null}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={pending}>
          {mode.kind === 'create'
            ? pending
              ? t('common.creating')
              : t('common.create')
            : pending
              ? t('common.saving')
              : t('common.saveChanges')}
        </Button>
      </DialogFooter>
    </form>
  );
}
