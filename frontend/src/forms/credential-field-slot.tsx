import { createContext, type ReactNode } from 'react';

export interface CredentialFieldProps {
  id: string;
  credentialTypes: readonly string[];
  value: string;
  onChange: (credentialId: string) => void;
}

/** Where no picker is provided: the credential id as text. */
function CredentialIdInput({ id, value, onChange }: CredentialFieldProps) {
  return <input id={id} value={value} onChange={(event) => onChange(event.target.value)} />;
}

/**
 * Renders the input of a `credential` prop. The node panel provides the credentials picker; the
 * form itself knows nothing of credentials, since the credential form is one of its users.
 */
export const CredentialFieldSlot = createContext<(props: CredentialFieldProps) => ReactNode>(
  (props) => <CredentialIdInput {...props} />,
);
