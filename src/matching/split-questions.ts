/**
 * Where one message may hold several questions: a question mark or semicolon, or a connector that
 * starts a new one ("另外", "还有就是", "顺便问一下" …) after a pause (punctuation or a space): inside a
 * clause the same words are adverbs ("要不要另外认定", "还有没有"). Commas and full stops alone are not
 * split on: they usually join a situation to its question ("我家是低保户。孩子上大学有补助吗").
 */
const BOUNDARY = /(?:^|[，,。；;？?\s])+(?:另外|还有就是|还有个问题|还有一个问题|还有|以及|顺便问一下|顺便问下|顺便问问|顺便|再问一下|再问下|再问问)(?:[，,：:\s]+)?|[？?；;]+/gu;

/** The pieces of a message that may be separate questions, trimmed, empty ones dropped. */
export function splitQuestions(text: string): string[] {
  return text
    .split(BOUNDARY)
    .map((p) => p.replace(/^[\s，,。、：:]+|[\s，,。、：:]+$/gu, ''))
    .filter((p) => p.length > 0);
}
