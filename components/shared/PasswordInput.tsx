import type { InputHTMLAttributes } from 'preact';

type InputProps = InputHTMLAttributes<HTMLInputElement>;

interface Props extends Omit<InputProps, 'id' | 'type' | 'role' | 'value' | 'onInput' | 'autoComplete'> {
  /** The element's id, which its `<label for>` names; also its test id unless `testId` says otherwise. */
  readonly id: string;
  readonly testId?: string;
  /** What a password manager may offer: a passphrase it knows, a new one, or nothing (another vault's or app's). */
  readonly autoComplete: 'current-password' | 'new-password' | 'off';
  readonly value: string;
  readonly onValue: (value: string) => void;
}

/**
 * A passphrase or password field, required unless `required={false}`; any other attribute
 * (`disabled`, `autoFocus`, `aria-*`) passes through. The popup's unlock and set-up forms keep
 * their own inputs: they are part of its first paint (docs/design.md, "Popup start-up").
 */
export function PasswordInput({ id, testId = id, value, onValue, required = true, ...rest }: Props) {
  return (
    <input
      id={id}
      data-testid={testId}
      type="password"
      required={required}
      value={value}
      onInput={(e) => onValue(e.currentTarget.value)}
      {...rest}
    />
  );
}
