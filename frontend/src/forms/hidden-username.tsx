/**
 * Browsers expect a form with a password input (our secret fields) to name the account it
 * belongs to, and log a warning otherwise. A step's secret belongs to no account: an empty,
 * hidden username field satisfies them without offering anything to fill in. It goes right
 * before each password input, mounted with it: Chromium looks at each input once, when it first
 * sees it, so a password input that appears later (an auth type picked) next to a username field
 * it has already seen counts as a password form without one.
 */
export function HiddenUsername() {
  return <input type="text" autoComplete="username" value="" readOnly hidden tabIndex={-1} />;
}
