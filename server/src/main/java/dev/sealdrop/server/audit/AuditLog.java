package dev.sealdrop.server.audit;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.UtcTimestamps;

/**
 * Writes audit entries. Call it from the request thread (it reads the remote address from the current
 * request, if any). Text is trimmed to the column sizes and stripped of control characters, so a
 * caller cannot forge lines in exports; callers must still never pass secrets, key material, tokens or
 * file names. A failure to write is logged and swallowed: auditing must not turn a completed action
 * into an error response.
 */
@Component
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

	private final AuditRepository repository;

	AuditLog(AuditRepository repository) {
		this.repository = repository;
	}

	/** Records an action of an authenticated user. */
	public void record(SealdropPrincipal actor, AuditAction action, String target, AuditOutcome outcome,
			String detail) {
		write(actor.userId(), actor.username(), action, target, outcome, detail);
	}

	/** Shorthand for {@link #record} with {@link AuditOutcome#SUCCESS}. */
	public void success(SealdropPrincipal actor, AuditAction action, String target, String detail) {
		record(actor, action, target, AuditOutcome.SUCCESS, detail);
	}

	/** Shorthand for {@link #record} with {@link AuditOutcome#FAILURE}. */
	public void failure(SealdropPrincipal actor, AuditAction action, String target, String detail) {
		record(actor, action, target, AuditOutcome.FAILURE, detail);
	}

	/**
	 * Records an action without an authenticated user, e.g. {@link AuditAction#LOGIN_FAILED}.
	 * @param claimedUsername the user name as sent, may be {@code null}; never the password
	 */
	public void recordAnonymous(String claimedUsername, AuditAction action, String target, AuditOutcome outcome,
			String detail) {
		write(null, claimedUsername, action, target, outcome, detail);
	}

	private void write(String actorId, String actor, AuditAction action, String target, AuditOutcome outcome,
			String detail) {
		AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), UtcTimestamps.now(),
				clean(actorId, 36), clean(actor, 100), action, clean(target, 200), clean(remoteAddress(), 64), outcome,
				clean(detail, 500));
		try {
			this.repository.insert(event);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not write audit entry {} {} {}", action, event.target(), outcome, ex);
		}
	}

	private static String remoteAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	static String clean(String text, int max) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), max));
		for (int i = 0; i < text.length() && out.length() < max; i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? ' ' : c);
		}
		return out.toString();
	}

}
