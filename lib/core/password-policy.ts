// What makes a password acceptable: not only spaces, and not easy to guess. Guessability is
// zxcvbn-ts's estimate, which knows the ~30,000 most common passwords of breach lists, common
// words and names, keyboard walks, dates, repeats and l33t spellings, and the account's own
// name and email. A password must need about 10^8 guesses or more (zxcvbn's score 3): out of
// reach of an online attacker, whom the sign-in throttle slows to a few guesses an hour.
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

const MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;

// The dictionaries take ~0.8 s to load and ~0.3 s to rank, so they are loaded at the first check,
// not when the schemas are imported (every process imports those; few check a password). The
// limits keep one check to a few milliseconds: zxcvbn's time grows quickly with length and with
// l33t substitutions, and every registration runs it. Characters past the 64th are not looked
// at (a password that long and weak in its first 64 is still refused).
function zxcvbn(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        maxLength: 64,
        l33tMaxSubstitutions: 4,
      }),
  );
  return factory;
}

/** Why a password is refused, as a sentence for the person choosing it; null when it is fine. */
export async function passwordProblem(password: string, personal: string[] = []): Promise<string | null> {
  if (password.trim() === "") return "A password cannot be only spaces.";
  const result = (await zxcvbn()).check(password, personal.filter(Boolean));
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? "It would be guessed quickly.";
  const hint = result.feedback.suggestions[0] ?? "A few uncommon words together make a strong password.";
  return `This password is too easy to guess. ${why.replace(/\.?$/, ".")} ${hint.replace(/\.?$/, ".")}`;
}
