import { describe, expect, it } from 'vitest';
import { readDialogReply } from '../../../src/bot/features/reminders-dialog.js';

describe('reading a message typed during /subscribe', () => {
  it.each(['中国老年学和老年医学学会', '浙江省慈善联合总会', '杭州市上城区阳光助残服务中心', '某某市软件行业协会', 'ABC 国际交流促进会'])(
    'takes the organisation name %j as the answer',
    (name) => {
      expect(readDialogReply(name, 'name')).toEqual({ kind: 'answer', text: name });
    },
  );

  it.each(['算了 我问下结婚要带什么', '低保怎么申请？', '请问年检要交什么材料', '离婚要多久'])('takes %j in the name step as a question', (text) => {
    expect(readDialogReply(text, 'name')).toEqual({ kind: 'question' });
  });

  it('takes Chinese without a code in the code step as a question, unless it is about the code', () => {
    expect(readDialogReply('我问下结婚要带什么', 'code')).toEqual({ kind: 'question' });
    expect(readDialogReply('代码在哪里找', 'code')).toEqual({ kind: 'code-help' });
    expect(readDialogReply('没有结婚证怎么办', 'code')).toEqual({ kind: 'question' });
    expect(readDialogReply('代码：51330000MJ0000001X', 'code')).toEqual({ kind: 'answer', text: '51330000MJ0000001X' });
    expect(readDialogReply('5133 0000 MJ00 0000 1X', 'code')).toEqual({ kind: 'answer', text: '5133 0000 MJ00 0000 1X' });
  });

  it('reads a typed kind, but not a name, in the kind step', () => {
    expect(readDialogReply('基金会', 'kind')).toEqual({ kind: 'kind', orgKind: '基金会' });
    expect(readDialogReply('民非', 'kind')).toEqual({ kind: 'kind', orgKind: '民办非企业单位' });
    expect(readDialogReply('慈善组织', 'kind')).toEqual({ kind: 'kind', orgKind: '慈善组织' });
    expect(readDialogReply('某某协会', 'kind')).toEqual({ kind: 'answer', text: '某某协会' });
    expect(readDialogReply('结婚登记要带什么', 'kind')).toEqual({ kind: 'question' });
  });

  it.each(['算了', '不订了', '取消'])('takes a bare %j as stopping', (text) => {
    expect(readDialogReply(text, 'code')).toEqual({ kind: 'cancel' });
  });
});
