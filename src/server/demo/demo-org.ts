/**
 * The demo organisation: 星辰零售 (Xingchen Retail), a retail and same-day
 * delivery chain. Units nest company → region → store → team; positions carry
 * the authority limits the seed's examples name (courier 200 CNY, front desk 500 CNY).
 */
export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'lodestar-demo';

export const DEMO_ORG = { name: '星辰零售', nameEn: 'Xingchen Retail' };

export interface DemoUnit {
  key: string;
  name: string;
  nameEn: string;
  kind: 'company' | 'region' | 'department' | 'store' | 'team';
  parent?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'hq', name: '星辰零售', nameEn: 'Xingchen Retail', kind: 'company' },
  { key: 'cx', name: '客户体验部', nameEn: 'Customer Experience Office', kind: 'department', parent: 'hq' },
  { key: 'east', name: '华东大区', nameEn: 'East China Region', kind: 'region', parent: 'hq' },
  { key: 'south', name: '华南大区', nameEn: 'South China Region', kind: 'region', parent: 'hq' },
  { key: 'xuhui', name: '上海徐汇门店', nameEn: 'Shanghai Xuhui Store', kind: 'store', parent: 'east' },
  { key: 'pudong', name: '上海浦东门店', nameEn: 'Shanghai Pudong Store', kind: 'store', parent: 'east' },
  { key: 'xihu', name: '杭州西湖门店', nameEn: 'Hangzhou West Lake Store', kind: 'store', parent: 'east' },
  { key: 'tianhe', name: '广州天河门店', nameEn: 'Guangzhou Tianhe Store', kind: 'store', parent: 'south' },
  { key: 'nanshan', name: '深圳南山门店', nameEn: 'Shenzhen Nanshan Store', kind: 'store', parent: 'south' },
  { key: 'xuhui-delivery', name: '徐汇配送组', nameEn: 'Xuhui Delivery Team', kind: 'team', parent: 'xuhui' },
  { key: 'pudong-delivery', name: '浦东配送组', nameEn: 'Pudong Delivery Team', kind: 'team', parent: 'pudong' },
  { key: 'tianhe-delivery', name: '天河配送组', nameEn: 'Tianhe Delivery Team', kind: 'team', parent: 'tianhe' },
];

export interface DemoPosition {
  key: string;
  name: string;
  nameEn: string;
  limit: number;
  types: Array<'refund' | 'voucher' | 'upgrade' | 'gift'>;
  exemption: boolean;
}

export const DEMO_POSITIONS: DemoPosition[] = [
  { key: 'cxo', name: '首席体验官', nameEn: 'Chief Experience Officer', limit: 50000, types: ['refund', 'voucher', 'upgrade', 'gift'], exemption: true },
  { key: 'regional', name: '大区经理', nameEn: 'Regional manager', limit: 10000, types: ['refund', 'voucher', 'upgrade', 'gift'], exemption: true },
  { key: 'store-manager', name: '门店经理', nameEn: 'Store manager', limit: 2000, types: ['refund', 'voucher', 'upgrade', 'gift'], exemption: true },
  { key: 'front-desk', name: '前台', nameEn: 'Front desk', limit: 500, types: ['refund', 'voucher', 'gift'], exemption: true },
  { key: 'courier', name: '快递员', nameEn: 'Courier', limit: 200, types: ['refund', 'voucher', 'gift'], exemption: true },
  { key: 'associate', name: '店员', nameEn: 'Sales associate', limit: 100, types: ['voucher', 'gift'], exemption: false },
  { key: 'analyst', name: '体验分析师', nameEn: 'CX analyst', limit: 0, types: [], exemption: false },
  { key: 'ceo', name: '总裁', nameEn: 'Chief Executive Officer', limit: 100000, types: ['refund', 'voucher', 'upgrade', 'gift'], exemption: true },
];

export interface DemoEmployee {
  key: string;
  name: string;
  unit: string;
  position: string;
  manager?: string;
  /** When set, the employee gets a login with this role. */
  login?: { email: string; role: 'admin' | 'manager' | 'employee' };
}

export const DEMO_EMPLOYEES: DemoEmployee[] = [
  { key: 'lin', name: '林晓雯', unit: 'cx', position: 'cxo', login: { email: 'admin@demo.lodestar.local', role: 'admin' } },
  // An analyst with an employee login who sits on the experience committee: the committee and listening pages open to her by membership.
  { key: 'he', name: '何静', unit: 'cx', position: 'analyst', manager: 'lin', login: { email: 'he.jing@demo.lodestar.local', role: 'employee' } },
  { key: 'zhou', name: '周建国', unit: 'east', position: 'regional', manager: 'lin', login: { email: 'east.manager@demo.lodestar.local', role: 'manager' } },
  { key: 'huang', name: '黄丽娟', unit: 'south', position: 'regional', manager: 'lin' },
  { key: 'chen', name: '陈思远', unit: 'xuhui', position: 'store-manager', manager: 'zhou', login: { email: 'xuhui.manager@demo.lodestar.local', role: 'manager' } },
  { key: 'wang-fang', name: '王芳', unit: 'xuhui', position: 'front-desk', manager: 'chen', login: { email: 'wang.fang@demo.lodestar.local', role: 'employee' } },
  { key: 'li-na', name: '李娜', unit: 'xuhui', position: 'associate', manager: 'chen' },
  { key: 'zhang-wei', name: '张伟', unit: 'xuhui-delivery', position: 'courier', manager: 'chen', login: { email: 'zhang.wei@demo.lodestar.local', role: 'employee' } },
  { key: 'liu-yang', name: '刘洋', unit: 'xuhui-delivery', position: 'courier', manager: 'chen' },
  { key: 'sun', name: '孙海涛', unit: 'pudong', position: 'store-manager', manager: 'zhou' },
  { key: 'zhao-min', name: '赵敏', unit: 'pudong', position: 'front-desk', manager: 'sun' },
  { key: 'wu-lei', name: '吴磊', unit: 'pudong-delivery', position: 'courier', manager: 'sun' },
  { key: 'zheng-hao', name: '郑浩', unit: 'pudong-delivery', position: 'courier', manager: 'sun' },
  { key: 'xu', name: '徐丹', unit: 'xihu', position: 'store-manager', manager: 'zhou' },
  { key: 'ma-li', name: '马莉', unit: 'xihu', position: 'front-desk', manager: 'xu' },
  { key: 'gao-peng', name: '高鹏', unit: 'xihu', position: 'associate', manager: 'xu' },
  { key: 'luo', name: '罗志强', unit: 'tianhe', position: 'store-manager', manager: 'huang' },
  { key: 'liang-yu', name: '梁宇', unit: 'tianhe', position: 'front-desk', manager: 'luo' },
  { key: 'song-jie', name: '宋杰', unit: 'tianhe-delivery', position: 'courier', manager: 'luo' },
  { key: 'tang', name: '唐婷', unit: 'nanshan', position: 'store-manager', manager: 'huang' },
  { key: 'feng-xin', name: '冯欣', unit: 'nanshan', position: 'front-desk', manager: 'tang' },
  { key: 'deng-chao', name: '邓超', unit: 'nanshan', position: 'associate', manager: 'tang' },
  // The chief executive chairs the experience committee (demo-governance.ts); added last so earlier seeds draw the same random numbers.
  { key: 'guo', name: '郭振华', unit: 'hq', position: 'ceo' },
];
