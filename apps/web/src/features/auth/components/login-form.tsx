import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequest } from '@dialdeck/contracts/auth';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/form-field';
import { PasswordField } from '../../../components/ui/password-field';
import { useLogin } from '../api/login';
import { LoginWait } from './login-wait';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useFormErrors();
  const { setFormError } = form;
  const { values, text } = useFormValues(() => ({ username: '', password: '' }), form, { keepErrors: true });
  // When the server limits sign-in: the moment (ms) it said trying again makes sense.
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waitOver = useCallback(() => setWaitUntil(null), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(LoginRequest, values);
    if (!data) return;
    setWaitUntil(null);
    login.mutate(data, {
      onSuccess,
      onError: (error) => {
        if (error instanceof ApiError && error.status === 401) setFormError(t('auth.invalidCredentials'));
        else if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds) {
          setFormError(null);
          setWaitUntil(Date.now() + error.retryAfterSeconds * 1000);
        } else if (error instanceof ApiError && error.status === 429) setFormError(t('auth.rateLimited'));
        else setFormError(errorMessage(error, t));
      },
    });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-5">
      {form.formError ? <Alert>{form.formError}</Alert> : null}
      {waitUntil !== null ? <LoginWait until={waitUntil} onOver={waitOver} /> : null}
      <TextField
        label={t('auth.username')}
        {...text('username')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        dir="ltr"
        autoFocus
        required
      />
      <PasswordField label={t('auth.password')} {...text('password')} autoComplete="current-password" required />
      <Button type="submit" className="w-full" loading={login.isPending}>
        {login.isPending ? t('auth.submitting') : t('auth.submit')}
      </Button>
    </form>
  );
}
