import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.ts';
import { englishValence } from './sentiment.en.ts';

const label = (text: string) => analyzeText(text).sentiment;

describe('English sentiment rules', () => {
  it('puts lukewarm words in the neutral band and marks them', () => {
    for (const text of ['The staff were fine', 'It was okay', 'Decent enough', 'Service was average', 'Not bad', 'So-so', 'Nothing special', 'The receptionist was polite enough']) {
      expect(label(text), text).toBe('neutral');
      expect(englishValence(text.toLowerCase()).lukewarm, text).toBe(true);
    }
    expect(label('Not bad at all')).toBe('positive');
    expect(label('Not okay at all')).toBe('negative');
    expect(englishValence('the staff were lovely').lukewarm).toBe(false);
  });

  it('knows service phrases single words miss', () => {
    for (const text of ['Took forever to get served', 'Never again', 'Agent hung up on me twice', 'The app doesn’t work', 'Said delivered, never arrived', 'Thanks for nothing']) {
      expect(label(text), text).toBe('negative');
    }
    for (const text of ['Staff went above and beyond', 'Can’t fault it', 'Couldn’t recommend them more', 'Worth every penny', 'Top notch']) {
      expect(label(text), text).toBe('positive');
    }
  });

  it('reads waiting times and coming back', () => {
    expect(label('Waited 45 minutes for a burger')).toBe('negative');
    expect(label('Couldn’t get an appointment for three weeks')).toBe('negative');
    expect(analyzeText('Power was back on within an hour').score).toBeGreaterThan(0);
    expect(label('Support replied within minutes, thanks')).toBe('positive');
    expect(label('Would definitely stay here again')).toBe('positive');
    expect(label('Never flying with them again')).toBe('negative');
    expect(label('Would not come back')).toBe('negative');
  });

  it('spends a negation on the first sentiment word it reaches, and lets a fix cancel the problem', () => {
    expect(label('They didn’t fix the problem')).toBe('negative');
    expect(label('Never had a problem')).toBe('positive');
    expect(analyzeText('The agent fixed my billing problem').score).toBeGreaterThan(0);
  });

  it('lets the main clause outweigh an "although" clause', () => {
    expect(label('Although the wait was long, the nurses were wonderful')).toBe('positive');
    expect(label('Great food, but the service was terrible')).toBe('negative');
  });

  it('turns the compliments of a sarcastic comment against it', () => {
    for (const text of ['Oh great, 40 minutes for a salad. Fantastic.', 'Great, another wrong order', 'The "friendly" staff ignored us', 'Love being on hold for an hour 🙄']) {
      expect(label(text), text).toBe('negative');
      expect(englishValence(text.toLowerCase()).sarcasm, text).toBe(true);
    }
    expect(englishValence('great, thanks for the quick delivery!').sarcasm).toBe(false);
  });

  it('forgives common misspellings', () => {
    expect(label('terible service')).toBe('negative');
    expect(label('Really helpfull agent')).toBe('positive');
    expect(label('The food was increadible')).toBe('positive');
  });
});

describe('English words that are also names on every JavaScript object', () => {
  it('reads "constructor", "toString" and "__proto__" as ordinary words', () => {
    // A fuzz test sent {"texts": ["constructor"]} and got a 500: the word tables were plain objects.
    for (const text of ['constructor', 'The toString of the valueOf was hasOwnProperty', '__proto__ constructor was great']) {
      const analysis = analyzeText(text, {});
      expect(['positive', 'neutral', 'negative']).toContain(analysis.sentiment);
    }
    expect(analyzeText('the constructor was great', {}).sentiment).toBe('positive');
  });
});
