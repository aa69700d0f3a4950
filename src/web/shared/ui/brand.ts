/** The brand colours: a deep night-sky blue, with a gold star. Mirrored in brand-mark.css. */
export const BRAND_BLUE = '#1d39c4';
export const BRAND_GOLD = '#faad14';
