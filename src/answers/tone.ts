/** Someone died: the answer begins with a word of condolence, whatever the item. */
const DEATH = /去世|过世|逝世|离世|病逝|病故|身故|亡故|后事|丧事|办丧|(?:爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|老人|家人|老伴|丈夫|妻子|爱人|亲人|老公|老婆)[^，。,.!！?？]{0,4}走了/;

export function mentionsDeath(question: string): boolean {
  return DEATH.test(question);
}

export const CONDOLENCE = '请您节哀。家里遇到这样的事，辛苦了。';

/**
 * Drops the sentences that congratulate ("恭喜二位！"): an item's summary may open with one, but the
 * answer must not congratulate before it knows the person can apply.
 */
export function withoutCongratulations(text: string): string {
  return text
    .split(/(?<=[。！？!])/u)
    .filter((s) => !s.includes('恭喜'))
    .join('')
    .trim();
}
