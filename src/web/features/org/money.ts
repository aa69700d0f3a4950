/** An amount in its currency for the UI language: ¥200 in Chinese, CN¥200 in English; cents only when there are some. */
export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    const fractionDigits = Number.isInteger(amount) ? 0 : 2;
    return new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
