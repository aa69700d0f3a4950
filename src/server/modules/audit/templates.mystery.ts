/**
 * Mystery-shopping checklists: a store visit, a call to the hotline and a home delivery. A shopper who has
 * never seen the checklist before scores by reading the guidance, so each score says what was observed.
 */
import type { AuditTemplate } from '../../../contracts/audit.ts';
import { area, item } from './templates.build.ts';

export const MYSTERY_STORE: AuditTemplate = {
  key: 'mystery-store',
  kind: 'mystery',
  name: { 'zh-CN': '神秘顾客：门店到访', en: 'Mystery shopping: store visit' },
  description: {
    'zh-CN': '以普通顾客身份到店：从进门问候到离店告别，并提出一个小投诉，看店员如何处理。',
    en: 'Visit the store as an ordinary customer, from the greeting at the door to the farewell, and raise a small complaint to see how it is handled.',
  },
  touchpoint: 'store',
  areas: [area('welcome', '进店与接待', 'Arrival and welcome'), area('service', '需求与专业', 'Needs and expertise'), area('store', '门店环境', 'The store'), area('finish', '离店', 'Leaving the store'), area('recovery', '投诉情景', 'Complaint scenario')],
  items: [
    item('greeting', 'welcome', ['进店问候', 'Greeting'], [
      ['没有人理睬', 'Nobody acknowledged me'],
      ['店员看到了我，但没有打招呼', 'Staff saw me but said nothing'],
      ['一分钟后才有人打招呼', 'Someone greeted me only after a minute'],
      ['进门后很快得到热情的问候', 'I was greeted warmly soon after coming in'],
      ['立即问候、眼神交流，并主动说明可以随时找他', 'Greeted at once, with eye contact and an offer of help whenever I wanted it'],
    ]),
    item('needs_discovery', 'service', ['了解需求', 'Finding out what I need'], [
      ['没有询问我的需求', 'Nobody asked what I needed'],
      ['只问了“要什么”，直接指向货架', 'Asked “what do you want” and pointed at a shelf'],
      ['问了一两个问题，推荐与需求关系不大', 'Asked a question or two; the suggestion hardly fitted'],
      ['通过几个问题弄清需求，推荐合适', 'Asked a few questions, understood the need and suggested something fitting'],
      ['弄清需求后给出两三个选择并说明差别，不强推', 'Understood the need, offered two or three options and explained the difference without pushing'],
    ]),
    item('product_knowledge', 'service', ['商品知识', 'Product knowledge'], [
      ['回答不了任何问题', 'Could not answer any question'],
      ['回答含糊或有错误', 'Answers were vague or wrong'],
      ['基本问题能答，细节要去问别人', 'Basic questions answered; details needed someone else'],
      ['准确回答了我的问题', 'Answered my questions correctly'],
      ['准确回答，并主动提醒了使用或售后要点', 'Answered correctly and pointed out what matters for use and after-sales'],
    ]),
    item('wait_time', 'service', ['等待时间', 'Waiting time'], [
      ['等了 10 分钟以上，或放弃等待', 'Waited more than 10 minutes, or gave up'],
      ['等了 5–10 分钟，无人解释', 'Waited 5–10 minutes with no explanation'],
      ['等了 5–10 分钟，有人说明原因', 'Waited 5–10 minutes and was told why'],
      ['等待不超过 5 分钟', 'Waited no more than 5 minutes'],
      ['几乎没有等待；排队时有人主动分流', 'Hardly waited; staff opened another till or helped the queue'],
    ]),
    item('cleanliness', 'store', ['整洁与陈列', 'Tidiness and display'], [
      ['脏乱，有明显卫生问题', 'Dirty and untidy, with obvious hygiene problems'],
      ['多处杂乱，价签缺失', 'Untidy in several places, price tags missing'],
      ['总体整洁，个别区域杂乱', 'Tidy overall with a few messy corners'],
      ['整洁，陈列有序，价签清楚', 'Clean, orderly displays, clear price tags'],
      ['整洁有序，试用区和休息区也维护得很好', 'Clean and orderly, with trial and seating areas well kept too'],
    ]),
    item('closing', 'finish', ['结账与告别', 'Checkout and farewell'], [
      ['结账出错，没有告别', 'Checkout went wrong and nobody said goodbye'],
      ['结账正确，但态度冷淡', 'Checkout was right but cold'],
      ['结账顺利，简单道别', 'Smooth checkout and a brief goodbye'],
      ['结账顺利，说明了退换和售后方式，礼貌告别', 'Smooth checkout, returns and after-sales explained, a polite farewell'],
      ['以上都做到，并邀请我评价这次服务', 'All of that, and I was invited to rate the visit'],
    ]),
    item('complaint_handling', 'recovery', ['处理投诉情景', 'Handling a complaint'], [
      ['推卸或与我争辩', 'Blamed someone else or argued with me'],
      ['听完了，但说“没办法”', 'Listened, then said nothing could be done'],
      ['道歉并请主管处理，让我等待', 'Apologised and sent for a supervisor, leaving me waiting'],
      ['道歉、当场在权限内解决', 'Apologised and solved it on the spot within their authority'],
      ['当场解决，并确认我满意、说明会跟进', 'Solved it on the spot, checked I was satisfied and said how it would be followed up'],
    ]),
  ],
};

export const MYSTERY_PHONE: AuditTemplate = {
  key: 'mystery-phone',
  kind: 'mystery',
  name: { 'zh-CN': '神秘顾客：电话客服', en: 'Mystery shopping: phone call' },
  description: {
    'zh-CN': '拨打客服热线，咨询一个订单或售后问题，记录接通、理解、解答和结束通话的表现。',
    en: 'Call the service line with an order or after-sales question and note how the call was answered, understood, resolved and closed.',
  },
  touchpoint: 'hotline',
  areas: [area('reach', '接通', 'Getting through'), area('answer', '解答', 'The answer'), area('finish', '结束通话', 'Closing the call')],
  items: [
    item('answer_speed', 'reach', ['接通速度', 'Speed of answer'], [
      ['没有接通', 'Never got through'],
      ['等了 3 分钟以上', 'Waited over 3 minutes'],
      ['等了 1–3 分钟', 'Waited 1–3 minutes'],
      ['1 分钟内接通', 'Answered within a minute'],
      ['20 秒内接通，菜单简短清楚', 'Answered within 20 seconds after a short, clear menu'],
    ]),
    item('phone_greeting', 'reach', ['开场与身份', 'Opening and name'], [
      ['没有问候，语气生硬', 'No greeting, curt tone'],
      ['机械式问候', 'A mechanical greeting'],
      ['问候并报了工号或姓名', 'Greeted me and gave a name or staff number'],
      ['亲切问候，确认了我的称呼', 'A friendly greeting, and asked how to address me'],
      ['亲切问候，并快速找到我的订单信息', 'A friendly greeting and quickly found my order'],
    ]),
    item('understanding', 'answer', ['理解问题', 'Understanding the question'], [
      ['没有理解我的问题', 'Did not understand my question'],
      ['我重复了多次才理解', 'I had to repeat it several times'],
      ['理解了，但没有确认', 'Understood, without checking back'],
      ['复述并确认了我的问题', 'Repeated the question back to confirm it'],
      ['确认后还问到了我没想到的相关情况', 'Confirmed it and asked about related points I had not thought of'],
    ]),
    item('accuracy', 'answer', ['解答准确', 'Accuracy of the answer'], [
      ['答案错误', 'The answer was wrong'],
      ['答案含糊，需要再打电话', 'A vague answer; I would have to call again'],
      ['答案基本正确，但不完整', 'Mostly right but incomplete'],
      ['答案准确完整，一次解决', 'Correct and complete; solved in one call'],
      ['一次解决，并发来短信或消息确认', 'Solved in one call and confirmed by text or message'],
    ]),
    item('hold_transfer', 'answer', ['等待与转接', 'Holds and transfers'], [
      ['转接后掉线', 'Cut off during a transfer'],
      ['多次转接，每次都要重新说明', 'Transferred several times, explaining again each time'],
      ['转接一次，需要重新说明', 'Transferred once and had to explain again'],
      ['没有转接，或转接时已交代情况', 'No transfer, or the next person already knew the story'],
      ['需要等待时先征得同意并告知时长', 'Asked before putting me on hold and said how long it would be'],
    ]),
    item('call_closing', 'finish', ['总结与道别', 'Summary and goodbye'], [
      ['对方先挂断', 'The agent hung up on me'],
      ['没有总结就结束', 'Ended without a summary'],
      ['简单询问是否还有问题', 'Asked briefly if there was anything else'],
      ['总结了处理结果和下一步', 'Summed up the outcome and next steps'],
      ['总结清楚，礼貌道别，并邀请评价', 'A clear summary, a polite goodbye and an invitation to rate the call'],
    ]),
  ],
};

export const MYSTERY_DELIVERY: AuditTemplate = {
  key: 'mystery-delivery',
  kind: 'mystery',
  name: { 'zh-CN': '神秘顾客：送货上门', en: 'Mystery shopping: home delivery' },
  description: {
    'zh-CN': '下一个送货上门的订单，观察预约、送达、交接和退货的表现。',
    en: 'Place a home-delivery order and note the notice, the arrival, the handover and how a return is offered.',
  },
  touchpoint: 'home_delivery',
  areas: [area('arrival', '送达', 'Arrival'), area('handover', '交接', 'Handover')],
  items: [
    item('on_time', 'arrival', ['准时', 'On time'], [
      ['没有送达，或晚了一天以上', 'Not delivered, or more than a day late'],
      ['晚了 2 小时以上', 'More than 2 hours late'],
      ['晚了 2 小时以内', 'Less than 2 hours late'],
      ['在承诺的时间段内送达', 'Arrived within the promised window'],
      ['准时，且可以查看实时位置', 'On time, with live tracking'],
    ]),
    item('advance_notice', 'arrival', ['提前联系', 'Notice before arrival'], [
      ['没有联系就放在门口或离开', 'Left it at the door or went away without contact'],
      ['到门口才打电话', 'Called only on the doorstep'],
      ['提前联系，但时间不准', 'Got in touch beforehand, with a wrong time'],
      ['提前联系并说明准确时间', 'Got in touch beforehand with an accurate time'],
      ['提前联系，并按我的要求调整', 'Got in touch beforehand and adjusted to my request'],
    ]),
    item('courier_courtesy', 'handover', ['礼貌与形象', 'Courtesy and appearance'], [
      ['态度恶劣', 'Rude'],
      ['冷淡，着装不整', 'Cold and untidy'],
      ['礼貌但匆忙', 'Polite but rushed'],
      ['礼貌，着装整齐，佩戴工牌', 'Polite and neat, wearing a badge'],
      ['礼貌专业，并主动帮忙把货物放到指定位置', 'Polite and professional, and offered to carry the goods where I wanted'],
    ]),
    item('package_condition', 'handover', ['包装与货物', 'Package and goods'], [
      ['货物损坏或缺件', 'Goods damaged or missing'],
      ['包装明显破损', 'Packaging clearly damaged'],
      ['包装有轻微磨损', 'Packaging slightly worn'],
      ['包装完好', 'Packaging intact'],
      ['包装完好，并请我当面检查', 'Packaging intact, and I was asked to check the goods there and then'],
    ]),
    item('returns_offer', 'handover', ['退换说明', 'Explaining returns'], [
      ['拒绝当场退货，也不说明办法', 'Refused a return at the door and gave no alternative'],
      ['让我自己打客服', 'Told me to call the service line myself'],
      ['简单说明了退货方式', 'Briefly explained how to return'],
      ['清楚说明退换方式和时限', 'Clearly explained how and by when to return'],
      ['可以当场办理退换', 'Could take the return there and then'],
    ]),
  ],
};
