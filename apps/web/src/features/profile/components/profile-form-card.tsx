import { useId, type FormEvent, type ReactNode } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardHeader } from '../../../components/ui/card';
import type { FormErrors } from '../../../lib/use-form-errors';

export interface ProfileFormCardProps {
  title: string;
  form: Pick<FormErrors, 'formRef' | 'formError'>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  submitLabel: string;
  children: ReactNode;
}

/** One form of the profile page: a titled card (the title names the form), the form's message, its fields and a save button. */
export function ProfileFormCard({ title, form, onSubmit, pending, submitLabel, children }: ProfileFormCardProps) {
  const titleId = useId();
  return (
    <Card>
      <CardHeader title={title} titleId={titleId} />
      <form ref={form.formRef} onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="space-y-5 px-6 py-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        {children}
        <div className="flex justify-end">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Card>
  );
}
