/**
 * The "not part of your role" page and the calm note for data a role may not read. Both languages side by side;
 * zhCN must have exactly en's keys (i18n.test.ts checks).
 */
export const en = {
  title: 'This page is not part of your role',
  forRoles: 'This page is for {{roles}}; your role is {{role}}.',
  /** The roles as a group of people, for "this page is for …". */
  people: { admin: 'administrators', manager: 'managers', employee: 'employees', partner: 'partners' },
  /** Members of a governance body a page also opens to, as a group of people. */
  members: { committee: 'experience committee members', listening: 'people on the listening rotation or the committee' },
  askAdmin: 'If your work needs it, ask an administrator to change your role.',
  askAdminOrSeat: 'If your work needs it, ask an administrator to change your role or to add you as a member.',
  partnerHint: 'A partner account opens its own partner report, which is on your home page.',
  goHome: 'Go to my home page',
  dataTitle: 'You do not have access to this',
  dataHint: 'Your role does not include this information, so it is left out here. The rest of the page works as usual.',
};

export const zhCN: typeof en = {
  title: '此页面不在您的角色范围内',
  forRoles: '此页面供{{roles}}使用；您的角色是{{role}}。',
  people: { admin: '管理员', manager: '经理', employee: '员工', partner: '合作伙伴' },
  members: { committee: '体验管理委员会成员', listening: '高管倾听轮值人员或委员会成员' },
  askAdmin: '如果工作需要，请联系管理员调整您的角色。',
  askAdminOrSeat: '如果工作需要，请联系管理员调整您的角色，或将您添加为成员。',
  partnerHint: '合作伙伴账号只用于查看自己的合作伙伴报告，报告就在您的首页。',
  goHome: '返回我的首页',
  dataTitle: '您无权查看此内容',
  dataHint: '您的角色不包含这部分信息，因此这里不显示。页面的其他部分照常可用。',
};
