import { allowsExpression, type Prop } from '@hookflow/shared';
import { useContext } from 'react';
import { KeyValueField, MultiselectField, StringListField } from './collection-fields';
import { CredentialFieldSlot } from './credential-field-slot';
import { ExpressionInput } from './expression-input';
import { JsonField } from './json-field';

export interface PropFieldProps {
  id: string;
  prop: Exclude<Prop, { type: 'object' }>;
  value: unknown;
  onChange: (value: unknown) => void;
}

const asString = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? '' : String(value);
/** An emptied field is removed from the config rather than stored as ''. */
const orUndefined = (text: string) => (text === '' ? undefined : text);

/** The input for one prop, chosen by its type. */
export function PropField({ id, prop, value, onChange }: PropFieldProps) {
  const renderCredentialField = useContext(CredentialFieldSlot);
  const expression = allowsExpression(prop);
  switch (prop.type) {
    case 'text':
    case 'textarea':
    case 'code':
      return (
        <ExpressionInput
          id={id}
          label={prop.label}
          value={asString(value)}
          onChange={(text) => onChange(orUndefined(text))}
          multiline={prop.type !== 'text'}
          code={prop.type === 'code'}
          expression={expression}
          secret={prop.secret}
          placeholder={prop.placeholder}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          type="number"
          value={typeof value === 'number' ? value : ''}
          min={prop.min}
          max={prop.max}
          step={prop.integer ? 1 : 'any'}
          placeholder={
            prop.placeholder ?? (prop.default !== undefined ? String(prop.default) : undefined)
          }
          onChange={(event) =>
            onChange(event.target.value === '' ? undefined : Number(event.target.value))
          }
        />
      );
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
    case 'select':
      return (
        <select
          id={id}
          value={asString(value)}
          onChange={(event) => onChange(orUndefined(event.target.value))}
        >
          {(!prop.required || value === undefined) && <option value="">—</option>}
          {prop.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    case 'multiselect':
      return (
        <MultiselectField
          id={id}
          options={prop.options}
          value={value as string[] | undefined}
          onChange={onChange}
        />
      );
    case 'keyValue':
      return (
        <KeyValueField
          id={id}
          label={prop.label}
          value={value as Record<string, string> | undefined}
          onChange={onChange}
        />
      );
    case 'json':
      return <JsonField id={id} label={prop.label} value={value} onChange={onChange} />;
    case 'stringList':
      return (
        <StringListField
          id={id}
          value={value as string[] | undefined}
          placeholder={prop.placeholder}
          onChange={onChange}
        />
      );
    case 'credential':
      return renderCredentialField({
        id,
        credentialTypes: prop.credentialTypes,
        value: asString(value),
        onChange: (credentialId) => onChange(orUndefined(credentialId)),
      });
  }
}
