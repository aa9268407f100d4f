import { TextField, type TextFieldProps } from './form-field';

/** A password input: always left-to-right, whatever the page's direction. */
export function PasswordField(props: Omit<TextFieldProps, 'type' | 'dir'>) {
  return <TextField type="password" dir="ltr" {...props} />;
}
