/** The demo's sign-in route (Texera's is `/about`). */
export const LOGIN_PATH = '/login';
