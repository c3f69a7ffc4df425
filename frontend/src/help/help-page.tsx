import { Link } from 'react-router';

const SHORTCUTS: [keys: string, what: string][] = [
  ['Ctrl/⌘ + Z', 'Undo the last change on the canvas or in the side panel'],
  ['Ctrl/⌘ + Shift + Z, Ctrl/⌘ + Y', 'Redo'],
  ['Ctrl/⌘ + C, Ctrl/⌘ + V', 'Copy and paste the selected steps'],
  ['Delete, Backspace', 'Delete the selected steps or connections'],
  ['Escape', 'Close a dialog or the issue list'],
];

/** How Hookflow works, in short: served by the app itself, so it needs no outside site. */
export function HelpPage() {
  return (
    <section className="page help">
      <header className="page__header">
        <h1>Help</h1>
      </header>

      <h2>Build a flow</h2>
      <ol>
        <li>
          Start from a <Link to="/templates">template</Link>, or create an empty flow under{' '}
          <Link to="/flows">Flows</Link>: it starts with a <strong>Webhook</strong> trigger.
        </li>
        <li>
          Add steps from the palette on the left. A click adds the step after the selected one,
          already connected; you can also drag a step onto the canvas and connect it by dragging
          from one step&rsquo;s right handle to the next one&rsquo;s left handle.
        </li>
        <li>
          Click a step to configure it in the side panel. <strong>Insert data</strong> puts an
          earlier step&rsquo;s output into a field as a <code>{'{{ … }}'}</code> expression, for
          example <code>{'{{ trigger.body.order.id }}'}</code>.
        </li>
        <li>
          The red <strong>issues</strong> counter in the toolbar lists what still needs fixing;
          click an issue to jump to its step.
        </li>
      </ol>

      <h2>Test, publish and watch runs</h2>
      <ul>
        <li>
          <strong>Run</strong> starts the draft with a payload you type; tick <em>Dry run</em> to
          see what the steps would send without sending it.
        </li>
        <li>
          The trigger&rsquo;s <strong>test URL</strong> runs the draft, the{' '}
          <strong>production URL</strong> runs the published version. Every call is kept as a
          delivery you can inspect and replay.
        </li>
        <li>
          <strong>Publish</strong> makes the draft the live version. Runs light up step by step on
          the canvas; a failed run can be retried from the failed step.
        </li>
        <li>
          Credentials (API tokens, SMTP passwords, signing secrets) are stored once, encrypted,
          under <Link to="/credentials">Credentials</Link>.
        </li>
      </ul>

      <h2>Keyboard shortcuts in the editor</h2>
      <table className="table help__shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        In a text field, the shortcuts undo and redo your typing, as everywhere else.
      </p>

      <h2>For developers</h2>
      <p>
        The REST API is described at <a href="/api/docs">/api/docs</a> (OpenAPI); scripts can use
        per-user API keys. The README in the repository covers settings, server mode and deployment.
      </p>
    </section>
  );
}
