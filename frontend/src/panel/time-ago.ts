const UNITS: [limit: number, size: number, name: string][] = [
  [60, 1, 's'],
  [3_600, 60, 'min'],
  [86_400, 3_600, 'h'],
  [Infinity, 86_400, 'd'],
];

/** "just now", "2 min ago", "3 h ago": how long before `now` an ISO time was. */
export function timeAgo(at: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (seconds < 10) return 'just now';
  const [, size, name] = UNITS.find(([limit]) => seconds < limit)!;
  return `${Math.floor(seconds / size)} ${name} ago`;
}
