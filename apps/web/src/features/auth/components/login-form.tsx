import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequest } from '@dialdeck/contracts/auth';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/form-field';
import { useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useFormErrors();
  const { errors, setFormError } = form;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(LoginRequest, { username, password });
    if (!data) return;
    login.mutate(data, {
      onSuccess,
      onError: (error) => {
        if (error instanceof ApiError && error.status === 401) setFormError(t('auth.invalidCredentials'));
        else if (error instanceof ApiError && error.status === 429) setFormError(t('auth.rateLimited'));
        else setFormError(errorMessage(error, t));
      },
    });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-5">
      {form.formError ? <Alert>{form.formError}</Alert> : null}
      <TextField
        label={t('auth.username')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        dir="ltr"
        autoFocus
        required
        value={username}
        error={errors.username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <TextField
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        dir="ltr"
        required
        value={password}
        error={errors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" className="w-full" loading={login.isPending}>
        {login.isPending ? t('auth.submitting') : t('auth.submit')}
      </Button>
    </form>
  );
}
