import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcherIndex, type MatcherIndex } from '../../src/matching/build-index.js';
import { loadIntents } from '../../src/matching/load-intents.js';
import { fixtureSnapshot } from './fixtures/catalog.js';

let index: MatcherIndex;
const norm = (text: string): string => index.normalizer.query(text, index.pinyin);

beforeAll(async () => {
  index = buildMatcherIndex(fixtureSnapshot, await loadIntents('intents'));
});

describe('query normalisation', () => {
  it('folds full-width characters and drops punctuation and emoji', () => {
    expect(norm('１２３　结婚登记！！😀')).toBe('123 结婚登记');
  });

  it('converts traditional characters and Taiwan vocabulary to simplified', () => {
    expect(norm('離婚要帶哪些證件')).toBe('离婚要带哪些证件');
  });

  it('rewrites abbreviations and colloquial words to the canonical word', () => {
    expect(norm('民非注销')).toBe('民办非企业单位注销');
    expect(norm('五保户怎么办')).toContain('特困');
    expect(norm('社团年审')).toBe('社会团体年检');
    expect(norm('扯证')).toBe('结婚');
    expect(norm('户口不在本地离婚')).toBe('异地离婚');
  });

  it('corrects the typos the dictionary lists', () => {
    expect(norm('节婚登记')).toBe('结婚登记');
    expect(norm('低宝')).toBe('低保');
  });

  it('corrects a homophone the dictionary does not list when it shares a character with a known word', () => {
    expect(norm('低饱怎么领')).toBe('低保怎么领');
  });

  it('leaves ordinary words alone even when they sound like a known word', () => {
    expect(norm('人不在本地')).toContain('不在');
  });

  it('reads pinyin typed instead of characters, alone or mixed with characters', () => {
    expect(norm('dibao zenme shenqing')).toBe('低保怎么申请');
    expect(norm('社团chengli')).toBe('社会团体成立');
  });

  it('reads typed pinyin of a kind member word, which normalised text never contains', () => {
    expect(norm('xiehui gaiming')).toBe('社会团体改名');
    expect(norm('shanghui zhuxiao')).toBe('社会团体注销');
    expect(norm('peixun xuexiao')).toBe('民办非企业单位');
  });

  it('keeps latin words that are not pinyin of a known word', () => {
    expect(norm('hello')).toBe('hello');
    expect(norm('sdfjkl')).toBe('sdfjkl');
  });

  it('adds 高龄 for an age of eighty or more', () => {
    expect(norm('我奶奶86了')).toContain('高龄');
  });
});
