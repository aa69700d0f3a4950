/**
 * The one jieba instance of the process (dictionary and IDF table shipped in
 * @node-rs/jieba; loading takes about 0.3 s, so it happens once, on first use).
 */
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';

let jieba: Jieba | undefined;
let tfIdf: TfIdf | undefined;

/** The shared segmenter, loaded on first use. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** The shared TF-IDF keyword extractor (jieba's IDF table), loaded on first use. */
export function keywordExtractor(): TfIdf {
  tfIdf ??= TfIdf.withDict(idf);
  return tfIdf;
}

/** Words of a Chinese (or mixed) text, with HMM for words missing from the dictionary (names, slang). */
export function cutWords(text: string): string[] {
  return segmenter().cut(text, true);
}
