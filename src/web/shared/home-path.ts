/** Where `/` and the brand link lead (a page every signed-in role can open). */
export const HOME_PATH = '/org/units';
