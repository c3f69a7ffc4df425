/**
 * Browsers expect a form with a password input (our secret fields) to name the account it
 * belongs to, and log a warning otherwise. A step's secret belongs to no account: an empty,
 * hidden username field satisfies them without offering anything to fill in.
 */
export function HiddenUsername() {
  return <input type="text" autoComplete="username" value="" readOnly hidden tabIndex={-1} />;
}
