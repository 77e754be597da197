package dev.sealdrop.server.users;

/** The one username rule, shared by the API and the admin bootstrap. */
public final class Usernames {

	/**
	 * 3 to 32 characters: lowercase letters, digits, {@code .}, {@code _} and {@code -}, starting
	 * with a letter or digit. Lowercase only, so two accounts can never differ just by case.
	 */
	public static final String PATTERN = "^[a-z0-9][a-z0-9._-]{2,31}$";

	public static final String MESSAGE = "must be 3-32 characters of a-z, 0-9, '.', '_' or '-', "
			+ "starting with a letter or digit";

	private Usernames() {
	}

	public static boolean isValid(String username) {
		return username != null && username.matches(PATTERN);
	}

}
