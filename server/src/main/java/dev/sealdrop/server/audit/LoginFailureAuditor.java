package dev.sealdrop.server.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

/**
 * Records failed sign-ins as {@link AuditAction#LOGIN_FAILED}, from the events Spring Security
 * publishes when the authentication manager has an {@code AuthenticationEventPublisher}. Only the
 * name as sent and the kind of failure are kept, never the credentials.
 */
@Component
class LoginFailureAuditor {

	private final AuditLog audit;

	LoginFailureAuditor(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		String name = (event.getAuthentication() != null) ? event.getAuthentication().getName() : null;
		this.audit.recordAnonymous(name, AuditAction.LOGIN_FAILED, null, AuditOutcome.FAILURE,
				event.getClass().getSimpleName().replace("AuthenticationFailure", "").replace("Event", ""));
	}

}
