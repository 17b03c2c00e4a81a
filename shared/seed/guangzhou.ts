/** Reference data for realistic Guangzhou test operators. */

export const GUANGZHOU_DISTRICTS = [
  { code: '440103', name: '荔湾区' },
  { code: '440104', name: '越秀区' },
  { code: '440105', name: '海珠区' },
  { code: '440106', name: '天河区' },
  { code: '440111', name: '白云区' },
  { code: '440112', name: '黄埔区' },
  { code: '440113', name: '番禺区' },
  { code: '440114', name: '花都区' },
  { code: '440115', name: '南沙区' },
  { code: '440117', name: '从化区' },
  { code: '440118', name: '增城区' },
] as const;

/** Weight of each district in the seed (Tianhe, Baiyun, Panyu and Haizhu host most online shops). */
export const DISTRICT_WEIGHTS: Record<string, number> = {
  '440103': 6, '440104': 8, '440105': 12, '440106': 18, '440111': 16, '440112': 7,
  '440113': 14, '440114': 7, '440115': 5, '440117': 2, '440118': 5,
};

export const PLATFORMS = [
  { id: 'taobao', name: '淘宝' },
  { id: 'tmall', name: '天猫' },
  { id: 'jd', name: '京东' },
  { id: 'pinduoduo', name: '拼多多' },
  { id: 'douyin', name: '抖音电商' },
  { id: 'kuaishou', name: '快手电商' },
  { id: 'vipshop', name: '唯品会' },
  { id: 'meituan', name: '美团' },
  { id: 'xiaohongshu', name: '小红书' },
  { id: 'shein', name: 'SHEIN' },
] as const;

export const TRADE_NAMES = [
  '汇丰', '粤通', '云裳', '穗美', '珠江', '岭南', '花城', '羊城', '骏达', '锦华', '宏图', '佳品', '优选',
  '尚品', '鑫源', '恒信', '万家', '嘉禾', '星河', '新绿', '晨光', '聚宝', '福满', '安信', '瑞丰', '天惠',
  '百草', '海韵', '金穗', '启航', '乐购', '易达', '博雅', '丰泰', '顺和', '悦享', '美途', '丽人', '康源',
];

export const INDUSTRIES = [
  { name: '电子商务', goods: '日用百货' },
  { name: '服饰', goods: '服装鞋帽' },
  { name: '化妆品', goods: '化妆品' },
  { name: '食品', goods: '预包装食品' },
  { name: '电子科技', goods: '数码配件' },
  { name: '母婴用品', goods: '母婴用品' },
  { name: '家居', goods: '家居用品' },
  { name: '茶叶', goods: '茶叶' },
  { name: '保健品', goods: '保健食品' },
  { name: '跨境贸易', goods: '进口商品' },
] as const;

export const SURNAMES = ['陈', '李', '黄', '张', '梁', '刘', '林', '吴', '何', '罗', '郭', '王', '杨', '周', '谢', '郑', '冯', '邓', '钟', '曾'];
export const GIVEN_NAMES = ['伟', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '志强', '晓燕', '建华', '嘉怡', '俊杰', '梓涵', '浩然', '雅婷'];
