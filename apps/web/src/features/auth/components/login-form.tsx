import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequest } from '@dialdeck/contracts/auth';
import { ApiError } from '../../../lib/api-client';
import { errorMessage, focusFirstInvalid, zodFieldErrors, type FieldErrors } from '../../../lib/form-errors';
import { intlLocale } from '../../../lib/use-format';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/form-field';
import { useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const parsed = LoginRequest.safeParse({ username, password });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t, intlLocale(i18n.language)));
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    login.mutate(parsed.data, {
      onSuccess,
      onError: (error) => {
        if (error instanceof ApiError && error.status === 401) setFormError(t('auth.invalidCredentials'));
        else if (error instanceof ApiError && error.status === 429) setFormError(t('auth.rateLimited'));
        else setFormError(errorMessage(error, t));
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
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
