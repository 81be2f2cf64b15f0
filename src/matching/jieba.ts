import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let shared: Jieba | undefined;

/**
 * The process-wide jieba segmenter with its default dictionary. Created on first use because loading
 * the dictionary takes about a third of a second; `new Jieba()` alone would have no words at all.
 */
export function getJieba(): Jieba {
  shared ??= Jieba.withDict(dict);
  return shared;
}
