/**
 * Why a new password is refused, or undefined when it is acceptable. A small built-in check, not
 * a strength meter: it refuses what attackers try first (the most used passwords and their
 * "word + digits" variants, one repeated chunk, keyboard and alphabet runs, the user's own name or
 * e-mail), which a length rule alone lets through (`aaaaaaaaaa`, `1234567890`).
 */
export function passwordProblem(
  password: string,
  user: { email?: string; name?: string } = {},
): string | undefined {
  const lower = password.toLowerCase();
  if (/^(.{1,4})\1+.{0,3}$/su.test(lower))
    return 'repeats the same few characters; choose a longer mix of words or characters';
  if (isRun(lower)) return 'is a simple sequence (keyboard row, alphabet or digits)';
  // "Password123!", "qwerty2024", "!!welcome!!": a common word with digits or symbols around it.
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_WORDS.has(core) || COMMON_WORDS.has(unleet(core)))
    return 'is one of the most common passwords; attackers try these first';
  const own = [user.email?.split('@')[0], user.name]
    .map((part) => part?.toLowerCase().trim() ?? '')
    .filter((part) => part.length >= 3);
  if (own.some((part) => core === part || (lower.includes(part) && lower.length - part.length < 6)))
    return 'is too close to your name or e-mail address';
  return undefined;
}

const RUNS = [
  '01234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv',
  '1q2w3e4r5t6y7u8i9o0p',
];

/** The whole password is a stretch of a run, forwards or backwards, possibly repeated. */
function isRun(lower: string): boolean {
  const chunks = lower.match(/.{1,10}/gsu) ?? [];
  return chunks.every((chunk) =>
    RUNS.some((run) => run.includes(chunk) || [...run].reverse().join('').includes(chunk)),
  );
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};
const unleet = (text: string) => text.replace(/[013457@$]/gu, (c) => LEET[c]);

/** Bases of the most used passwords (seen with digits or symbols added). */
const COMMON_WORDS = new Set(
  `password passwort motdepasse contraseña qwerty qwertz azerty letmein welcome iloveyou
  admin administrator root changeme secret default login master monkey dragon football baseball
  soccer hockey basketball superman batman starwars pokemon princess sunshine shadow michael
  jennifer jordan hunter ranger buster charlie thomas tigger summer winter spring autumn freedom
  whatever trustno computer internet hello hellothere lovely loveme flower cookie chocolate
  matrix killer hookflow abcdef abcdefg abc qazwsx zaq qweasd asdf asdfgh`.split(/\s+/u),
);

/** Common ten-plus character passwords that the rules above do not already catch. */
const COMMON_PASSWORDS = new Set(
  `qwertyuiop123 123qweasdzxc 1234qwerasdf
  qwe123qwe123 zaq12wsxcde3 qazwsxedcrfv 123456789a 123456789q a123456789 q123456789 1234567890a
  11223344556677 1122334455 1234512345 12345qwert qwert12345 zxcvbnm123 abcd123456
  letmeinnow youknowwhat correcthorse correcthorsebatterystaple
  thequickbrownfox 1029384756 6543211234 147258369 1478963258 7894561230 159753159753`.split(
    /\s+/u,
  ),
);
