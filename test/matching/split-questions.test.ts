import { describe, expect, it } from 'vitest';
import { splitQuestions } from '../../src/matching/split-questions.js';

describe('splitQuestions', () => {
  it('splits on question marks, semicolons and connectors that start a new question', () => {
    expect(splitQuestions('我想问下结婚证丢了要补办，另外离婚要多久')).toEqual(['我想问下结婚证丢了要补办', '离婚要多久']);
    expect(splitQuestions('低保怎么申请？临时救助呢？')).toEqual(['低保怎么申请', '临时救助呢']);
    expect(splitQuestions('年检什么时候截止；顺便问一下年报要审计吗')).toEqual(['年检什么时候截止', '年报要审计吗']);
  });

  it('reads 另外 and 还有 inside a clause as adverbs, not as a new question', () => {
    expect(splitQuestions('基金会成立以后要不要另外认定慈善属性')).toEqual(['基金会成立以后要不要另外认定慈善属性']);
    expect(splitQuestions('低保还有没有别的补助')).toEqual(['低保还有没有别的补助']);
  });

  it('keeps a situation and its question together', () => {
    expect(splitQuestions('我家是低保户。孩子上大学有补助吗')).toEqual(['我家是低保户。孩子上大学有补助吗']);
    expect(splitQuestions('低保和临时救助能同时申请吗')).toEqual(['低保和临时救助能同时申请吗']);
  });
});
