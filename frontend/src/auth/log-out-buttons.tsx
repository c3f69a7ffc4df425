import { useState } from 'react';
import { useNavigate } from 'react-router';
import { authApi } from '../api/endpoints';
import { useSession } from './session-store';

/** "Log out" ends this browser's session; "everywhere" ends every session of the user. */
export function LogOutButtons({ email }: { email: string }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const logOut = async (call: () => Promise<void>) => {
    setError(null);
    try {
      await call();
    } catch (caught) {
      // Without the server's answer the cookie may still be live: stay, and say so.
      setError(caught instanceof Error ? caught.message : String(caught));
      return;
    }
    useSession.getState().signOut();
    void navigate('/login');
  };
  return (
    <>
      <button
        type="button"
        className="button button--small"
        title={email}
        onClick={() => void logOut(authApi.logout)}
      >
        Log out
      </button>
      <button
        type="button"
        className="button button--small"
        title="End every session of this account, on all devices"
        onClick={() => void logOut(authApi.logoutEverywhere)}
      >
        Log out everywhere
      </button>
      {error && (
        <span className="form-error" role="alert">
          Could not log out: {error}
        </span>
      )}
    </>
  );
}
