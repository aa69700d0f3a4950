/**
 * Praise detection. A comment is praise when it is clearly positive about the
 * service or about a person who gave it ("快递小哥人特别好", "小王太棒了",
 * "the guy at the counter was a legend"); recognition puts it on the praise
 * wall. All of these must hold:
 *
 * 1. clearly positive: the sentiment score reaches PRAISE_MIN_SCORE for the
 *    comment's language, above the neutral band;
 * 2. about service or a person: a service word, a staff role (in restaurants,
 *    hotels, delivery, hotlines, banks, shops, garages, clinics, airlines,
 *    property management…), a way of addressing or naming staff (小王, 王师傅,
 *    张姐, "Sarah at the front desk"), thanks, or one of the organisation's
 *    staff names;
 * 3. not lukewarm: no 还行/还可以/一般/凑合/"fine"/"okay"/"decent"/"not bad"
 *    governing the verdict. Only the part after the last contrast word
 *    (但是/不过/"but"…) counts; in it, a lukewarm clause about the service or a
 *    person ("服务还可以", "the staff were fine") blocks praise, and so does a
 *    lukewarm clause when no other clause praises someone ("总体还行，结账排了
 *    几分钟队"); "staff were amazing, the room was fine" stays praise;
 * 4. not sarcastic ("服务真是'好'啊", "oh great, …", 🙄), not a question,
 *    not a wish ("希望服务能再热情一点", "would be nice if…"), and no plain
 *    complaint about how staff behaved ("导游一直催着购物", "收银员全程冷脸"),
 *    which the sentiment score can miss when the rest of the comment is glowing.
 *
 * A positive comment about a product alone ("东西很好用"), a general
 * "很满意", or service praise followed by a complaint ("服务很好但是菜太咸",
 * which scores negative) is not praise. Tuned on the dev halves of
 * testdata/praise-{zh,en}.csv (training/labelled-sets.ts reports the figures).
 */
import { englishValence } from './sentiment.en.ts';

/**
 * The least sentiment score a praise needs, per language. The Chinese score is
 * the trained model's (2p − 1), the English one the lexicon's (VADER
 * normalisation: 0.46 is one solid word such as "helpful", 0.25 a mild one):
 * re-check both after the model or the lexicon changes (npm run eval:text).
 */
export const PRAISE_MIN_SCORE = { zh: 0.4, en: 0.45 } as const;

/** Roles and service words that make a Chinese comment about the service or a person. */
const ZH_SERVICE_CUES = [
  // service and manner
  '服务', '态度', '接待', '热情', '热心', '耐心', '周到', '贴心', '体贴', '细心', '细致', '礼貌', '客气', '负责', '敬业', '尽责', '温柔', '和蔼',
  '亲切', '辛苦', '感谢', '谢谢', '多谢', '谢了', '有爱心', '为客户着想', '随叫随到', '宾至如归',
  // shops, restaurants, hotels
  '店员', '服务员', '导购', '收银', '店长', '老板', '掌柜', '厨师', '主厨', '咖啡师', '前台', '礼宾', '管家', '门童', '行李员', '客房', '保洁', '阿姨',
  // delivery and transport
  '快递', '小哥', '骑手', '配送员', '送货员', '送餐员', '司机', '代驾', '搬家', '空姐', '空乘', '乘务', '机组', '机长', '地勤', '值机', '列车员',
  // hotlines, banks, telecom, offices
  '客服', '专员', '坐席', '接线员', '话务员', '柜员', '大堂经理', '客户经理', '理财经理', '营业员', '工作人员', '经理', '销售', '顾问', '业务员',
  // repairs, cars, property
  '师傅', '售后', '安装', '装维', '维修工', '技师', '工程师', '物业', '管家', '保安', '房东', '中介', '管理员',
  // health, beauty, learning
  '医生', '大夫', '护士', '护工', '药师', '牙医', '理发师', '发型师', '美甲师', '按摩师', '教练', '老师', '导游', '领队',
  // ways of addressing a person
  '小姐姐', '小姑娘', '小伙子', '小伙', '姐姐', '大哥', '大姐', '帅哥', '美女', '团队', '员工', '人员',
];
/** Family names that also begin few other words after 小 or 老 (not 程: 小程序, not 孔: 小孔, not 范: 小范围…). */
const SURNAMES = '王李张刘陈杨赵周吴徐胡朱林何郭罗梁宋郑谢韩唐冯董萧曹袁邓许傅沈曾彭吕卢蒋蔡贾丁魏薛阎余潘杜戴夏钟汪任姜姚谭廖邹陆郝崔邱秦顾侯邵孟雷尹黎乔贺赖龚';
const ZH_PERSON = new RegExp(
  `${ZH_SERVICE_CUES.join('|')}|小[${SURNAMES}]|老[王李张刘陈杨赵周吴徐孙胡朱林何郭罗梁宋郑谢韩唐冯董]|[${SURNAMES}孙马高黄](?:工|姐|哥|总)(?![作程具业厂])` +
    '|人(?:很|超|特别|真|挺|非常)?(?:好|nice|实在|热心)',
);
/** English roles and service words, and thanks. */
const EN_PERSON =
  /\b(?:service|serviced|staff|team|crew|courier|driver|rider|agent|rep|representative|advisor|adviser|consultant|waiter|waitress|server|bartender|barista|chef|host|hostess|manager|cashier|clerk|teller|receptionist|reception|concierge|porter|housekeeping|housekeeper|doorman|nurse|nurses|doctor|dr|dentist|hygienist|pharmacist|physio|therapist|vet|surgeon|paramedics?|midwife|mechanic|mechanics|technician|tech|engineer|installer|plumber|electrician|fitter|guide|instructor|coach|coaches|trainer|trainers|teacher|tutor|stylist|hairdresser|barber|beautician|salesman|saleswoman|salesperson|assistant|operator|support|helpdesk|desk|counter|attendant|steward|stewardess|pilot|captain|officer|guard|security|landlord|caretaker|cleaner|cleaners|handyman|movers|gentleman|lady|guy|guys|girl|bloke|chap|person|people|everyone|everybody|he|she|him|her|you|thank|thanks|thankyou|kudos|shoutout|shout out|helpful|friendly|polite|patient|courteous|kind|attentive|welcoming|knowledgeable|professional|caring|considerate)\b/;

/** Lukewarm Chinese expressions that are lukewarm wherever they stand. */
const ZH_LUKEWARM = /凑合|过得去|马马虎虎|中规中矩|也就那样|平平无奇|平平淡淡|尚可|勉强|不好不坏|说不上好|不冷不热|一般般|还算|没什么特别|没有惊喜|有待提高|有提升空间|有待改进|还不错|不过如此|差强人意|将就/;
/** Lukewarm only when they end a clause ("服务还可以。" yes, "还可以免费停车" no; "一般" yes, "一般都很快" no). */
const ZH_LUKEWARM_AT_END = /(?:还行|还可以|还好|一般|可以吧|还成)(?=$|[吧啦了的呀啊哈嘛,.!?;:，。！？；：、~…\s])/;
/** Contrast words after which the rest of a comment carries the verdict. */
const ZH_CONTRAST = ['但是', '不过', '可是', '然而', '可惜', '但'];
const EN_CONTRAST = /\b(?:but|however|yet|unfortunately|sadly|except)\b/g;
const CLAUSE_BREAK = /[,.!?;:，。！？；：、~…\n]+/;
/** A short compliment in quotes, which in a review is irony: 服务真是"好"啊, 真“热情”. */
const ZH_QUOTED_PRAISE = /["“”'‘’「『]\s*[^"“”'‘’「」『』]{0,3}(?:好|棒|热情|专业|贴心|高效|耐心|周到|负责|优质|五星|及时|礼貌|服务|快)[^"“”'‘’「」『』]{0,3}\s*["“”'‘’」』]/;
const SARCASM_MARKERS = /呵呵|🙄|😒/;
/** Complaints about how staff behaved; they count unless 不/没/无/别 stands just before ("一点都不硬推销"). */
const ZH_STAFF_COMPLAINT = /催|推销|冷脸|爱答不理|爱搭不理|不理人|没人理|态度差|态度很差|态度恶劣|态度不好|骂人|甩脸|白眼|不耐烦|敷衍|推诿|一问三不知/g;
const ZH_NEGATION_BEFORE = /[不没无别]/;
/** A comment that opens with a wish or a request is a suggestion, not praise. */
const WISH_OPENER = /^(?:希望|建议|如果|要是|假如|能不能|可不可以|麻烦|would be nice|it would be|could be|should|i wish|wish|please)/;
const HAN = /[\u3400-\u9fff]/;
const LATIN = /[a-z]/;

/** True when the comment is praise of the service or of a person (see the rules above). */
export function isPraise(normalized: string, score: number, lang: 'zh' | 'en' | 'mixed' | 'other', staffNames: readonly string[]): boolean {
  const threshold = lang === 'en' ? PRAISE_MIN_SCORE.en : lang === 'zh' ? PRAISE_MIN_SCORE.zh : Math.max(PRAISE_MIN_SCORE.zh, PRAISE_MIN_SCORE.en);
  if (score < threshold) return false;
  if (!isAboutServiceOrPerson(normalized, staffNames)) return false;
  if (isQuestion(normalized) || WISH_OPENER.test(normalized)) return false;
  if (SARCASM_MARKERS.test(normalized) || ZH_QUOTED_PRAISE.test(normalized)) return false;
  if (HAN.test(normalized) && hasStaffComplaintZh(normalized)) return false;
  if (LATIN.test(normalized) && englishValence(normalized).sarcasm) return false;
  return !lukewarmGoverns(normalized, staffNames);
}

function isAboutServiceOrPerson(normalized: string, staffNames: readonly string[]): boolean {
  if (staffNames.some((name) => name.length >= 2 && normalized.includes(name.normalize('NFKC').toLowerCase()))) return true;
  return ZH_PERSON.test(normalized) || EN_PERSON.test(normalized);
}

/** A comment of one sentence that asks something ("能不能让小王再来一下?", "can the courier call first?"). */
function isQuestion(normalized: string): boolean {
  const text = normalized.replace(/[\s\p{Extended_Pictographic}\uFE0F]+$/u, '');
  if (!text.endsWith('?')) return false;
  const earlier = text.slice(0, -1);
  return !/[.!。！]/.test(earlier.replace(/\?+$/, ''));
}

/** Whether a lukewarm clause governs the verdict (see rule 3 at the top). */
function lukewarmGoverns(normalized: string, staffNames: readonly string[]): boolean {
  let lukewarm = false;
  let praisedClause = false;
  for (const clause of verdictPart(normalized).split(CLAUSE_BREAK)) {
    if (clause.trim() === '') continue;
    const isAbout = isAboutServiceOrPerson(clause, staffNames);
    if (isLukewarm(clause)) {
      if (isAbout) return true;
      lukewarm = true;
    } else if (isAbout) praisedClause = true;
  }
  return lukewarm && !praisedClause;
}

/** The part of a comment after its last contrast word (但是, 不过, "but"…), which carries the verdict. */
function verdictPart(normalized: string): string {
  let start = 0;
  if (HAN.test(normalized) && !normalized.includes('不过如此')) {
    for (const word of ZH_CONTRAST) {
      const at = normalized.lastIndexOf(word);
      if (at >= 0) start = Math.max(start, at + word.length);
    }
  }
  if (LATIN.test(normalized)) for (const m of normalized.matchAll(EN_CONTRAST)) start = Math.max(start, m.index + m[0].length);
  return start > 0 ? normalized.slice(start) : normalized;
}

function isLukewarm(clause: string): boolean {
  if (HAN.test(clause) && (ZH_LUKEWARM.test(clause) || ZH_LUKEWARM_AT_END.test(clause))) return true;
  return LATIN.test(clause) && englishValence(clause).lukewarm;
}

/** A complaint about staff behaviour that is not itself negated ("导游一直催着购物" yes, "也没有一点不耐烦" no). */
function hasStaffComplaintZh(normalized: string): boolean {
  for (const m of normalized.matchAll(ZH_STAFF_COMPLAINT)) {
    const at = m.index;
    if (m[0] === '不耐烦' ? !/[不没无别]/.test(normalized.slice(Math.max(0, at - 4), at)) : !ZH_NEGATION_BEFORE.test(normalized.slice(Math.max(0, at - 3), at))) return true;
  }
  return false;
}
