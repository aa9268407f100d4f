/**
 * Whether a new user is a superuser: one named so (the first-start admin, the
 * create-admin CLI), and the very first user of an installation whoever creates it —
 * somebody must be able to manage companies. UsersRepository.insert asks this inside the
 * transaction that holds the first-user lock, so two first users cannot both get it.
 */
export function isNewUserSuperuser(named: boolean, anyUserYet: boolean): boolean {
  return named || !anyUserYet;
}
