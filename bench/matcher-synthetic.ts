import type { MatchableSnapshot } from '../src/matching/build-index.js';

const REGIONS = [
  '省本级', '呼和浩特', '包头', '乌海', '赤峰', '通辽', '鄂尔多斯', '呼伦贝尔', '巴彦淖尔', '乌兰察布',
  '兴安盟', '锡林郭勒', '阿拉善', '满洲里', '二连浩特', '新城区', '回民区', '玉泉区', '赛罕区', '土默特左旗',
  '托克托', '和林格尔', '清水河', '武川', '东河区', '昆都仑区', '青山区', '石拐区', '白云鄂博', '九原区',
  '固阳', '达尔罕茂明安', '海勃湾', '海南区', '乌达区', '红山区', '元宝山', '松山区', '阿鲁科尔沁', '巴林左旗',
];
const KINDS: [string, string][] = [
  ['社会团体', '社团'], ['民办非企业单位', '民非'], ['基金会', '基金会'], ['养老机构', '养老院'],
  ['慈善组织', '慈善'], ['婚姻登记', '婚登'], ['殡葬设施', '殡葬'], ['地名', '地名'],
  ['儿童福利机构', '福利院'], ['社区社会组织', '社区组织'],
];
const ACTIONS: [string, string][] = [
  ['成立登记', '成立'], ['名称变更登记', '改名'], ['住所变更登记', '搬迁'], ['注销登记', '注销'], ['年度检查', '年检'],
];

/**
 * A plausible 2,000-item catalog (40 regions × 10 kinds × 5 actions) on top of `base`, for timing
 * and memory at the scale of a whole province's 事项 list.
 */
export function syntheticSnapshot(base: MatchableSnapshot): MatchableSnapshot {
  const items: MatchableSnapshot['items'][number][] = [];
  REGIONS.forEach((region, r) => {
    KINDS.forEach(([kind, short], k) => {
      ACTIONS.forEach(([action, verb], a) => {
        const name = `${region}${kind}${action}`;
        items.push({
          id: `synthetic-r${r}.k${k}-a${a}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!),
          name,
          category: kind,
          aliases: [`${region}${short}${verb}`, `${kind}${action}（${region}）`],
          keywords: [`${short}${verb}`, `${region}${short}`, `${kind}${verb}`],
          summary: `${region}范围内${kind}办理${action}的指南，材料齐全的当场受理。`,
          faq: [{ q: `${region}${short}${verb}要多久？`, a: '一般 5 个工作日。' }],
        });
      });
    });
  });
  return { items: [...base.items, ...items], hall: base.hall };
}
