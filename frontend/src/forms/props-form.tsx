import { isPropVisible, type ObjectProp, type PropsRecord } from '@hookflow/shared';
import { PropField } from './prop-field';

export type ConfigValue = Record<string, unknown>;

export interface PropsFormProps {
  props: PropsRecord;
  value: ConfigValue;
  onChange: (value: ConfigValue) => void;
  /** Prefix of input ids and of the dotted field paths issues refer to (`auth.secret`). */
  idPrefix: string;
  /** Issue messages by dotted field path. */
  fieldIssues?: Record<string, string>;
  /** For stored credentials: which secret fields already hold a value. */
  setFields?: Record<string, boolean>;
  path?: string;
}

/** The config form of a node (or credential) type, generated from its props. */
export function PropsForm({
  props,
  value,
  onChange,
  idPrefix,
  fieldIssues = {},
  setFields,
  path = '',
}: PropsFormProps) {
  const update = (key: string, next: unknown) => {
    const copy = { ...value };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange(copy);
  };

  return (
    <>
      {Object.entries(props)
        .filter(([, prop]) => !prop.ownControl && isPropVisible(prop, value))
        .map(([key, prop]) => {
          const fieldPath = path + key;
          const id = `${idPrefix}-${fieldPath.replace(/\./g, '-')}`;
          if (prop.type === 'object') {
            return (
              <ObjectFieldset
                key={key}
                prop={prop}
                value={value[key]}
                onChange={(next) => update(key, next)}
                idPrefix={idPrefix}
                fieldIssues={fieldIssues}
                path={`${fieldPath}.`}
              />
            );
          }
          const issue = fieldIssues[fieldPath];
          const isSet = setFields?.[key];
          return (
            <div key={key} className={`field${issue ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={id}>
                {prop.label}
                {prop.required && <span className="field__required"> *</span>}
                {prop.secret && <span className="field__secret"> secret</span>}
              </label>
              <PropField
                id={id}
                prop={prop}
                value={value[key]}
                onChange={(next) => update(key, next)}
              />
              {isSet !== undefined && (
                <span className="field__hint">
                  {isSet ? 'Stored — leave empty to keep it' : 'Not set'}
                </span>
              )}
              {prop.description && <span className="field__hint">{prop.description}</span>}
              {issue && <span className="field__error">{issue}</span>}
            </div>
          );
        })}
    </>
  );
}

/** A nested group; optional groups emptied completely are removed from the config. */
function ObjectFieldset({
  prop,
  value,
  onChange,
  idPrefix,
  fieldIssues,
  path,
}: {
  prop: ObjectProp;
  value: unknown;
  onChange: (value: ConfigValue | undefined) => void;
  idPrefix: string;
  fieldIssues: Record<string, string>;
  path: string;
}) {
  const current = (value ?? {}) as ConfigValue;
  return (
    <fieldset className="fieldset">
      <legend>{prop.label}</legend>
      {prop.description && <p className="field__hint">{prop.description}</p>}
      <PropsForm
        props={prop.props}
        value={current}
        onChange={(next) => onChange(Object.keys(next).length || prop.required ? next : undefined)}
        idPrefix={idPrefix}
        fieldIssues={fieldIssues}
        path={path}
      />
    </fieldset>
  );
}
