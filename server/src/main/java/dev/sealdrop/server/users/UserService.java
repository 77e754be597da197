package dev.sealdrop.server.users;

import java.util.Map;
import java.util.UUID;

import dev.sealdrop.server.files.FileService;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.LoginThrottledException;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.PageResponse;
import dev.sealdrop.server.system.UtcTimestamps;
import dev.sealdrop.server.tokens.ApiTokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration rules. The server always keeps at least one enabled administrator, and an
 * administrator cannot delete their own account, so nobody can lock everyone out by accident.
 */
@Service
class UserService {

	private static final Logger log = LoggerFactory.getLogger(UserService.class);

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AuthenticationManager authenticationManager;

	private final FileService files;

	private final ApiTokenService tokens;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, AuthenticationManager authenticationManager,
			FileService files, ApiTokenService tokens) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.authenticationManager = authenticationManager;
		this.files = files;
		this.tokens = tokens;
	}

	PageResponse<UserResponse> list(int page, int size) {
		long total = this.users.count();
		var items = this.users.findPage(Math.multiplyExact(page, size), size).stream().map(UserResponse::of).toList();
		return PageResponse.of(items, page, size, total);
	}

	User get(String id) {
		return this.users.findById(id).orElseThrow(() -> notFound(id));
	}

	@Transactional
	User create(String username, String password, boolean admin) {
		if (this.users.findByUsername(username).isPresent()) {
			throw usernameTaken(username);
		}
		User user = new User(UUID.randomUUID().toString(), username, this.passwordEncoder.encode(password), admin,
				true, UtcTimestamps.now());
		try {
			this.users.insert(user);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request created the same name between the check and the insert.
			throw usernameTaken(username);
		}
		log.info("Created user {} (admin={})", username, admin);
		return user;
	}

	@Transactional
	User update(String id, UpdateUserRequest request) {
		User current = get(id);
		boolean admin = (request.admin() != null) ? request.admin() : current.admin();
		boolean enabled = (request.enabled() != null) ? request.enabled() : current.enabled();
		String hash = (request.password() != null) ? this.passwordEncoder.encode(request.password())
				: current.passwordHash();
		if (current.admin() && current.enabled() && !(admin && enabled)) {
			requireAnotherEnabledAdmin();
		}
		User updated = new User(current.id(), current.username(), hash, admin, enabled, current.createdAt());
		this.users.update(updated);
		if (request.password() != null) {
			this.tokens.revokeAllOf(current.id());
		}
		log.info("Updated user {} (admin={}, enabled={}, passwordChanged={})", updated.username(), admin, enabled,
				request.password() != null);
		return updated;
	}

	/**
	 * Checks the current password through the authentication manager, so wrong guesses count
	 * towards the login throttle exactly like failed sign-ins: a stolen API token cannot be used to
	 * brute-force the account password here.
	 */
	@Transactional
	void changeOwnPassword(SealdropPrincipal me, String currentPassword, String newPassword, String remoteAddress) {
		User user = get(me.userId());
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
			.unauthenticated(user.username(), currentPassword);
		attempt.setDetails(new WebAuthenticationDetails(remoteAddress, null));
		try {
			this.authenticationManager.authenticate(attempt);
		}
		catch (LoginThrottledException ex) {
			throw new ApiException(ProblemType.TOO_MANY_LOGIN_ATTEMPTS,
					"Too many wrong passwords; retry after the Retry-After delay.", Map.of(), ex.retryAfter(), null);
		}
		catch (AuthenticationException ex) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "The current password is wrong.");
		}
		this.users.updatePasswordHash(user.username(), this.passwordEncoder.encode(newPassword));
		log.info("User {} changed their password", user.username());
	}

	/**
	 * Deletes the user's files (rows and encrypted blobs, in their own transaction) and then the user
	 * (tokens, clients and shares go with it by cascade). Not one transaction: blobs cannot be rolled
	 * back, so files go first; if the user then cannot be deleted, no row is left without its blob.
	 */
	void delete(String id, SealdropPrincipal actor) {
		User user = get(id);
		if (user.id().equals(actor.userId())) {
			throw new ApiException(ProblemType.CONFLICT, "You cannot delete your own account.");
		}
		if (user.admin() && user.enabled()) {
			requireAnotherEnabledAdmin();
		}
		int deletedFiles = this.files.deleteAllOwnedBy(id);
		if (deletedFiles > 0) {
			log.info("Deleted {} files of user {}", deletedFiles, user.username());
		}
		try {
			this.users.delete(id);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ApiException(ProblemType.CONFLICT,
					"User '" + user.username() + "' still owns data (e.g. files); delete it first.");
		}
		log.info("Deleted user {}", user.username());
	}

	private void requireAnotherEnabledAdmin() {
		if (this.users.countEnabledAdmins() <= 1) {
			throw new ApiException(ProblemType.CONFLICT,
					"This is the last enabled administrator; make another user an administrator first.");
		}
	}

	private static ApiException notFound(String id) {
		return new ApiException(ProblemType.NOT_FOUND, "No user with id '" + id + "'.");
	}

	private static ApiException usernameTaken(String username) {
		return new ApiException(ProblemType.CONFLICT, "The username '" + username + "' is taken.");
	}

}
