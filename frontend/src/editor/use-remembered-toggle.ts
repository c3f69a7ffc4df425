import { useState } from 'react';

/**
 * An open/closed state that survives page loads (localStorage under `key`): someone who hid a
 * panel to give the canvas room should not have to hide it again on every flow they open.
 */
export function useRememberedToggle(key: string, initial: boolean): [boolean, () => void] {
  const [open, setOpen] = useState(() => {
    const stored = readStorage(key);
    return stored === null ? initial : stored === 'open';
  });
  const toggle = () =>
    setOpen((current) => {
      writeStorage(key, current ? 'closed' : 'open');
      return !current;
    });
  return [open, toggle];
}

// Storage can be unavailable (privacy settings, quota): the toggle then just forgets.
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered; the panel still opens and closes.
  }
}
